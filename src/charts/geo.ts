// Map outlines from Natural Earth 1:50m (npm world-atlas): the countries and
// territories a chart names in data, exactly as the data draws them.
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);

interface Feature {
  id?: string;
  properties: { name: string; distinct?: boolean };
}

let world: Feature[] | undefined;

function allAreas(): Feature[] {
  if (!world) {
    const topology = require('world-atlas/countries-50m.json');
    world = (feature(topology, topology.objects.countries) as unknown as { features: Feature[] }).features;
  }
  return world;
}

const matches = (f: Feature, name: string) => f.id === name || f.properties.name.toLowerCase() === name.toLowerCase();

/**
 * The outlines of `areas` (ISO 3166-1 numeric codes or Natural Earth names),
 * those in `distinct` marked `properties.distinct` for the spec to draw apart.
 * Names that match nothing are returned in `unknown`.
 */
export function outlines(geo: { areas: string[]; distinct?: string[] }): { features: Feature[]; unknown: string[] } {
  const all = allAreas();
  const unknown = [...geo.areas, ...(geo.distinct ?? [])].filter((a) => !all.some((f) => matches(f, a)));
  const features = all
    .filter((f) => geo.areas.some((a) => matches(f, a)))
    .map((f) => ({ ...f, properties: { ...f.properties, distinct: (geo.distinct ?? []).some((d) => matches(f, d)) } }));
  return { features, unknown };
}
