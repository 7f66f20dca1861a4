// Parses rendered Markdown (micromark, via mdast) into the model's blocks and
// inlines, refusing constructs the brief has no place for.
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { BuildMemo } from '../cache/buildMemo.ts';
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
 * Parsed texts kept for the next build of a process (`brief watch`): an edit
 * changes one or two rendered texts, and the others (58 notes, the sections)
 * are not parsed again. A tree depends on its text alone and is only read.
 */
const trees = new BuildMemo<Root>();
let keeping = false;

/** Whether this build keeps what it parses, for a next build in this process. */
export function keepParsedMarkdown(on: boolean): void {
  keeping = on;
}

/** Ends a build: the texts it parsed are kept for the next. */
export function endMarkdownBuild(): void {
  trees.endBuild();
}

export function parseMarkdown(file: string, markdown: string, allowed: RawBlock['kind'][]): RawBlock[] {
  const root = keeping ? trees.get(markdown, () => fromMarkdown(markdown)) : fromMarkdown(markdown);
  return root.children.flatMap((node) => block(file, node, allowed));
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
