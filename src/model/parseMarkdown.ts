// Parses rendered Markdown (micromark, via mdast) into the model's blocks and
// inlines, refusing constructs the brief has no place for.
import { createHash } from 'node:crypto';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { BuildMemo } from '../cache/buildMemo.ts';
import type { Cache } from '../cache/cache.ts';
import { fail, type Location } from '../errors/BriefError.ts';
import { messages } from '../errors/messages.ts';
import { FIGURE_REF_PATTERN, FIGURE_VALUE_PATTERN, NOTE_REF_PATTERN } from '../templates/helpers.ts';
import type { Inline } from './types.ts';
import { isSafeLink, schemeOf } from './links.ts';

/** A note marker before numbering: the note id and where it was cited. */
export type RawInline = Exclude<Inline, { kind: 'noteRef' } | { children: Inline[] }> |
  { kind: 'emphasis' | 'strong'; children: RawInline[] } |
  { kind: 'link'; url: string; children: RawInline[] } |
  { kind: 'noteRef'; noteId: string; where: Location };

export type RawBlock =
  | { kind: 'paragraph'; inlines: RawInline[] }
  | { kind: 'figure'; chartId: string; where: Location }
  | { kind: 'heading'; depth: number; inlines: RawInline[] }
  | { kind: 'list'; items: RawInline[][] };

const ALLOWED = 'paragraphs, *italics*, **bold**, <links>, {{note}} markers and {{figure}} placements';

/**
 * Parsed texts kept: a text parses to the same blocks given its file name (in
 * the places it records) and what it may hold, and an edit changes one or two
 * rendered texts, so the others (58 notes, the sections) are not parsed again:
 * for the next build of a process (`brief watch`) and, with a cache, the next
 * process (micromark was about 40 ms of a fresh build). Kept as JSON, read
 * anew at each use, so no caller can change a kept result.
 */
const kept = new BuildMemo<string>();
let build: { cache?: Cache; keeping: boolean; stored?: Record<string, string>; used: Record<string, string>; fresh: boolean } | undefined;

/** Starts a build: where parsed texts are kept (a cache, this process for `rebuilds`, or neither). */
export function beginMarkdownBuild(cache: Cache | undefined, rebuilds: boolean): void {
  build = cache || rebuilds ? { cache, keeping: rebuilds, used: {}, fresh: false } : undefined;
}

/** Ends a build: the texts it parsed are kept for the next, in the cache if any was new. */
export function endMarkdownBuild(): void {
  if (build?.cache && build.fresh) build.cache.write('markdown', 'blocks', build.used);
  if (build?.keeping) kept.endBuild();
  build = undefined;
}

const isStored = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((t) => typeof t === 'string');

export function parseMarkdown(file: string, markdown: string, allowed: RawBlock['kind'][]): RawBlock[] {
  if (!build) return parseBlocks(file, markdown, allowed);
  const current = build;
  const key = createHash('sha256').update(JSON.stringify([file, allowed, markdown])).digest('base64');
  const fromCache = () => {
    current.stored ??= (() => {
      const stored = current.cache?.read<unknown>('markdown', 'blocks');
      return isStored(stored) ? stored : {};
    })();
    if (Object.hasOwn(current.stored, key)) return current.stored[key];
    const blocks = JSON.stringify(parseBlocks(file, markdown, allowed));
    current.fresh = true;
    return blocks;
  };
  const json = current.keeping ? kept.get(key, fromCache) : fromCache();
  current.used[key] = json;
  return JSON.parse(json) as RawBlock[];
}

function parseBlocks(file: string, markdown: string, allowed: RawBlock['kind'][]): RawBlock[] {
  return fromMarkdown(markdown).children.flatMap((node) => block(file, node, allowed));
}

function at(file: string, node: Nodes): Location {
  return { file, line: node.position?.start.line, column: node.position?.start.column };
}

function block(file: string, node: RootContent, allowed: RawBlock['kind'][]): RawBlock[] {
  const refuse = (what: string) => fail(messages.markdownUnsupported(at(file, node), what, ALLOWED));
  switch (node.type) {
    case 'paragraph':
      return [{ kind: 'paragraph', inlines: inlines(file, node.children) }];
    case 'heading':
      if (!allowed.includes('heading')) refuse('a heading');
      return [{ kind: 'heading', depth: node.depth, inlines: inlines(file, node.children) }];
    case 'list':
      if (!allowed.includes('list')) refuse('a list');
      return [{
        kind: 'list',
        items: node.children.map((item) => item.children.flatMap((c) => {
          if (c.type !== 'paragraph') refuse(`a ${c.type} inside a list item`);
          return inlines(file, (c as { children: PhrasingContent[] }).children);
        })),
      }];
    case 'html': {
      const m = FIGURE_REF_PATTERN.exec(node.value.trim());
      if (!m || !allowed.includes('figure')) return refuse('raw HTML');
      return [{ kind: 'figure', chartId: m[1], where: { file, line: Number(m[2]) } }];
    }
    default:
      return refuse(`a Markdown ${node.type}`);
  }
}

function inlines(file: string, nodes: PhrasingContent[]): RawInline[] {
  return nodes.flatMap((node): RawInline[] => {
    switch (node.type) {
      case 'text':
        return [{ kind: 'text', text: node.value }];
      case 'emphasis':
        return [{ kind: 'emphasis', children: inlines(file, node.children) }];
      case 'strong':
        return [{ kind: 'strong', children: inlines(file, node.children) }];
      case 'link':
        if (!isSafeLink(node.url)) fail(messages.unsafeLink(at(file, node), node.url, schemeOf(node.url)));
        return [{ kind: 'link', url: node.url, children: inlines(file, node.children) }];
      case 'break':
        return [{ kind: 'text', text: ' ' }];
      case 'html': {
        const value = FIGURE_VALUE_PATTERN.exec(node.value);
        if (value) return [{ kind: 'figureRef', figureId: value[1] }];
        const m = NOTE_REF_PATTERN.exec(node.value);
        if (!m) fail(messages.markdownUnsupported(at(file, node), 'raw HTML', ALLOWED));
        return [{ kind: 'noteRef', noteId: m[1], where: { file, line: Number(m[2]) } }];
      }
      case 'inlineCode':
        return [{ kind: 'text', text: node.value }];
      default:
        fail(messages.markdownUnsupported(at(file, node), `a Markdown ${node.type}`, ALLOWED));
    }
  });
}
