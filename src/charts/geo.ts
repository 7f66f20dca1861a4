// Map outlines from Natural Earth 1:50m (npm world-atlas): Serbia, and Kosovo
// as its own feature, exactly as the data draws them.
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);

let cached: unknown[] | undefined;

export function serbiaAndKosovo(): unknown[] {
  if (cached) return cached;
  const topology = require('world-atlas/countries-50m.json');
  const countries = feature(topology, topology.objects.countries) as unknown as { features: { id?: string; properties: { name: string } }[] };
  cached = countries.features.filter((f) => f.id === '688' || f.properties.name === 'Kosovo');
  return cached;
}
