// The pdfmake internals the layout hooks rely on: if pdfmake is upgraded or
// its internals change shape, this fails before any brief is mis-set.
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { HOOKED, PDFMAKE_VERSION, assertHookable, containsFragment } from '../../src/pdf/pdfmake/install.ts';

const require = createRequire(import.meta.url);

describe('pdfmake internals', () => {
  test('pdfmake is pinned to the exact version the hooks were written for', () => {
    const pkg = require('../../package.json');
    expect(pkg.dependencies.pdfmake).toBe(PDFMAKE_VERSION);
    expect(require('pdfmake/package.json').version).toBe(PDFMAKE_VERSION);
  });

  test.each(HOOKED)('%s.%s exists and still contains the code the hook relies on', (cls, member, fragment) => {
    const Class = require(`pdfmake/js/${cls}.js`).default;
    const fn = member.startsWith('static ') ? Class[member.slice('static '.length)] : Class.prototype[member];
    expect(typeof fn).toBe('function');
    expect(String(fn)).toContain(fragment);
  });

  test('assertHookable passes on the installed pdfmake', () => {
    expect(() => assertHookable()).not.toThrow();
  });

  test('assertHookable names the member when an internal changes', () => {
    const proto = require('pdfmake/js/DocumentContext.js').default.prototype;
    const original = proto.moveDown;
    proto.moveDown = function (offset: number) {
      return offset > 0;
    };
    try {
      expect(() => assertHookable()).toThrow(/DocumentContext\.moveDown changed/);
    } finally {
      proto.moveDown = original;
    }
  });

  test('the check reads code as esbuild bundles it, and still sees a change', () => {
    // processLeaf as pdfmake ships it, and as dist/run-*.cjs prints it.
    const shipped = 'processLeaf(node) {\n    let line = this.buildNextLine(node);\n    if (line && (node.tocItem || node.id)) {';
    const bundled = 'processLeaf(node3){let line6=this.buildNextLine(node3);line6&&(node3.tocItem||node3.id)&&';
    for (const source of [shipped, bundled]) {
      expect(containsFragment(source, 'this.buildNextLine(node)')).toBe(true);
      expect(containsFragment(source, 'this.buildNextLine(node, true)')).toBe(false);
      expect(containsFragment(source, 'this.buildNextInline(node)')).toBe(false);
    }
  });
});
