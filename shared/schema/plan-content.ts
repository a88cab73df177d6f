import * as Y from 'yjs';

/**
 * A section's rich text as plain data, read from the Yjs fragment TipTap writes (through y-tiptap: one
 * XmlElement per ProseMirror node, named as the node, attributes as the node's attrs, and text with marks
 * as formatting attributes). The exports, the print layout and the completeness panel read this, so they
 * follow the document, never a screen.
 */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: string;
}

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' }
  /** Rows of cells, each cell its own blocks; `header` marks the header cells' rows. */
  | { kind: 'table'; rows: Array<{ header: boolean; cells: Block[][] }> };

function inlinesOf(element: Y.XmlElement | Y.XmlFragment): Inline[] {
  const inlines: Inline[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
        if (typeof op.insert !== 'string') continue;
        inlines.push(inlineOf(op.insert, op.attributes ?? {}));
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
      inlines.push({ text: '\n' });
    }
  }
  return inlines;
}

function inlineOf(text: string, attributes: Record<string, unknown>): Inline {
  const inline: Inline = { text };
  // Overlapping marks of one kind are stored as `<mark>--<hash>`.
  for (const [key, value] of Object.entries(attributes)) {
    const mark = key.split('--')[0];
    if (mark === 'bold' || mark === 'italic' || mark === 'underline' || mark === 'strike' || mark === 'code') inline[mark] = true;
    if (mark === 'link' && typeof value === 'object' && value !== null) {
      const href = (value as { href?: unknown }).href;
      if (typeof href === 'string') inline.link = href;
    }
  }
  return inline;
}

function blocksOf(parent: Y.XmlElement | Y.XmlFragment): Block[] {
  const blocks: Block[] = [];
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const block = blockOf(child);
    if (block) blocks.push(block);
  }
  return blocks;
}

function blockOf(element: Y.XmlElement): Block | null {
  switch (element.nodeName) {
    case 'paragraph':
      return { kind: 'paragraph', inlines: inlinesOf(element) };
    case 'heading': {
      const level = Number(element.getAttribute('level'));
      return { kind: 'heading', level: Number.isInteger(level) && level >= 1 && level <= 6 ? level : 3, inlines: inlinesOf(element) };
    }
    case 'bulletList':
    case 'orderedList':
      return {
        kind: 'list',
        ordered: element.nodeName === 'orderedList',
        items: element.toArray().flatMap((item) => (item instanceof Y.XmlElement ? [blocksOf(item)] : [])),
      };
    case 'blockquote':
      return { kind: 'quote', blocks: blocksOf(element) };
    case 'codeBlock':
      return { kind: 'code', text: plainText(inlinesOf(element)) };
    case 'horizontalRule':
      return { kind: 'rule' };
    case 'table':
      return {
        kind: 'table',
        rows: element.toArray().flatMap((row) => {
          if (!(row instanceof Y.XmlElement)) return [];
          const cells = row.toArray().filter((cell): cell is Y.XmlElement => cell instanceof Y.XmlElement);
          return [{ header: cells.length > 0 && cells.every((cell) => cell.nodeName === 'tableHeader'), cells: cells.map(blocksOf) }];
        }),
      };
    default:
      return null;
  }
}

/** The blocks of a section's fragment. */
export function readBlocks(fragment: Y.XmlFragment): Block[] {
  return blocksOf(fragment);
}

export function plainText(inlines: Inline[]): string {
  return inlines.map((inline) => inline.text).join('');
}

/** A block's text, blocks separated by newlines: for word counts and search. */
export function blocksText(blocks: Block[]): string {
  return blocks
    .map((block): string => {
      switch (block.kind) {
        case 'paragraph':
        case 'heading':
          return plainText(block.inlines);
        case 'list':
          return block.items.map(blocksText).join('\n');
        case 'quote':
          return blocksText(block.blocks);
        case 'code':
          return block.text;
        case 'rule':
          return '';
        case 'table':
          return block.rows.map((row) => row.cells.map(blocksText).join('\t')).join('\n');
      }
    })
    .filter((text) => text !== '')
    .join('\n');
}

const wordSegmenters = new Map<string, Intl.Segmenter>();

/**
 * Words in `text`. Lao is written without spaces between words, so counting spaces would call a Lao
 * paragraph one word: the platform's word segmenter knows Lao, Vietnamese and English.
 */
export function countWords(text: string): number {
  const segmenter = wordSegmenters.get('lo') ?? new Intl.Segmenter('lo', { granularity: 'word' });
  wordSegmenters.set('lo', segmenter);
  let count = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) count++;
  return count;
}

/**
 * Writes blocks into a fragment the way TipTap would, for the server's demo plans, tests and the
 * benchmark's long plan. Only paragraphs, headings and lists: enough to stand for what people type.
 */
export function writeBlocks(fragment: Y.XmlFragment, blocks: Block[]): void {
  fragment.insert(fragment.length, blocks.map(elementOf));
}

function elementOf(block: Block): Y.XmlElement {
  switch (block.kind) {
    case 'paragraph':
    case 'heading': {
      const element = new Y.XmlElement(block.kind);
      if (block.kind === 'heading') element.setAttribute('level', block.level as unknown as string);
      element.insert(0, [textOf(block.inlines)]);
      return element;
    }
    case 'list': {
      const list = new Y.XmlElement(block.ordered ? 'orderedList' : 'bulletList');
      list.insert(
        0,
        block.items.map((item) => {
          const listItem = new Y.XmlElement('listItem');
          listItem.insert(0, item.map(elementOf));
          return listItem;
        }),
      );
      return list;
    }
    default:
      throw new Error(`writeBlocks does not write ${block.kind} blocks`);
  }
}

function textOf(inlines: Inline[]): Y.XmlText {
  const text = new Y.XmlText();
  text.applyDelta(
    inlines.map((inline) => {
      const attributes: Record<string, unknown> = {};
      for (const mark of ['bold', 'italic', 'underline', 'strike', 'code'] as const) if (inline[mark]) attributes[mark] = {};
      if (inline.link) attributes.link = { href: inline.link };
      return Object.keys(attributes).length > 0 ? { insert: inline.text, attributes } : { insert: inline.text };
    }),
  );
  return text;
}
