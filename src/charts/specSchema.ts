// Chart specs are checked against the official Vega-Lite JSON schema (the one
// the vega-lite package ships) before anything is rendered: a wrong type or an
// unknown property fails with the spec's file, the JSON path and line, and
// what was expected. Compiling the schema with ajv takes seconds, so its
// validator is generated once per vega-lite and ajv version as a standalone
// module beside the bundle (dist/), and imported from there afterwards.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageDir, packageRoot, packageVersion } from '../packageRoot.ts';

export interface SpecProblem {
  /** JSON pointer into the spec, e.g. /layer/0/mark. */
  pointer: string;
  message: string;
}

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[] | null };

let validator: Promise<Validate> | undefined;

function load(): Promise<Validate> {
  validator ??= (async () => {
    const vegaLite = packageDir('vega-lite');
    const versions = `${packageVersion('vega-lite')}-${packageVersion('ajv')}`;
    const file = join(packageRoot(import.meta.url), 'dist', `vega-lite-schema-${versions}.cjs`);
    if (!existsSync(file)) {
      const { default: Ajv } = await import('ajv');
      const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
      const schema = JSON.parse(readFileSync(join(vegaLite, 'build', 'vega-lite-schema.json'), 'utf8'));
      const ajv = new (Ajv as unknown as typeof import('ajv').default)({ strict: false, allowUnionTypes: true, validateFormats: false, code: { source: true } });
      const source = (standaloneCode as unknown as (a: unknown, v: unknown) => string)(ajv, ajv.compile(schema));
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, source);
      renameSync(tmp, file);
    }
    // CommonJS: the generated code requires ajv's runtime helpers.
    return createRequire(file)(file) as Validate;
  })();
  return validator;
}

export async function preloadValidator(): Promise<void> {
  await load();
}

/** The spec's first problem against the schema, the most specific one ajv reports, or none. */
export async function checkSpec(spec: unknown): Promise<SpecProblem | undefined> {
  const validate = await load();
  if (validate(spec)) return undefined;
  const errors = validate.errors ?? [];
  // Unions ("anyOf") report every branch: the deepest path names what is wrong, and
  // there an unknown property or a wrong value says more than "expected a string".
  const rank = (k: string) => ['additionalProperties', 'enum', 'type', 'required'].indexOf(k) >>> 0;
  const depth = (p: string) => (p ? p.split('/').length : 0);
  const deepest = [...errors].filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf')
    .sort((a, b) => depth(b.instancePath) - depth(a.instancePath) || rank(a.keyword) - rank(b.keyword))[0];
  if (!deepest) return { pointer: '', message: 'does not match the Vega-Lite schema' };
  const p = deepest.params;
  const message = deepest.keyword === 'additionalProperties'
    ? `unknown property "${p.additionalProperty}"`
    : deepest.keyword === 'type'
      ? `expected ${String(p.type).replace(/,/g, ' or ')}`
      : deepest.keyword === 'enum'
        ? `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
        : deepest.message ?? deepest.keyword;
  return { pointer: deepest.instancePath, message };
}
