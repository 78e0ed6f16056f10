// Positions for diagnostics in the gate's input files (waivers YAML, report JSON).
// YAML is parsed once with a LineCounter; JSON reports are parsed with JSON.parse for
// speed and only re-read as YAML (JSON is YAML) when an error needs a position.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import { aliasProblems } from '../spec/aliases.js';

export interface Located {
  doc: Document;
  /** 1-based line and column of the value at a JSON pointer (or of its nearest existing parent). */
  locate(pointer: string): { line: number; column: number };
  /** Like locate, but for a key: where the key itself is written. */
  locateKey(pointer: string): { line: number; column: number };
  /** The YAML syntax errors, as diagnostics. */
  syntaxErrors(file: string): Diagnostic[];
  /** 1-based line and column of a character offset. */
  offset(offset: number | undefined): { line: number; column: number };
  /** Unresolved, cyclic or exploding aliases, as diagnostics (see spec/aliases.ts). */
  aliasErrors(file: string): Diagnostic[];
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function locatedYaml(text: string): Located {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number | undefined) => {
    if (offset === undefined) return { line: 1, column: 1 };
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const walk = (pointer: string) => {
    let node: unknown = doc.contents;
    let at: number | undefined = (node as Node | null)?.range?.[0];
    for (const seg of pointerSegments(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) break;
        at = (pair.value as Node | null)?.range?.[0] ?? (pair.key as Node).range?.[0];
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)] as Node | undefined;
        if (!item) break;
        at = item.range?.[0];
        node = item;
      } else break;
    }
    return pos(at);
  };
  return {
    doc,
    locate: (p) => walk(p),
    locateKey: (p) => {
      // Key of the last segment: walk to the parent, then find the key there.
      const segs = pointerSegments(p);
      if (segs.length === 0) return walk(p);
      const parent = walk(pointerOf(segs.slice(0, -1)));
      const node = doc.getIn(segs.slice(0, -1), true);
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === segs[segs.length - 1]);
        if (pair) return pos((pair.key as Node).range?.[0]);
      }
      return parent;
    },
    // yaml fills linePos only with prettyErrors (off: it rewrites the message), so the
    // position comes from the error's offset.
    syntaxErrors: (file) =>
      doc.errors.map((e) => ({
        file,
        ...pos(e.pos[0]),
        path: '',
        code: 'yaml-syntax',
        message: e.message.split('\n')[0] ?? e.message,
      })),
    offset: pos,
    aliasErrors: (file) => aliasProblems(doc, pos, file),
  };
}

/** Line and column (1-based) of a character offset in text. */
export function offsetPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
