// A function's source as the bundle (bin/bundle.mjs) may print it, for the
// checks that a hooked library member is still the one written against.

/** Without spaces, and with the numbers esbuild adds to names set apart (`node` becomes `node3`). */
export function asBundled(code: string): string {
  return code.replace(/\s+/g, '').replace(/([A-Za-z_$])\d+\b/g, '$1');
}
