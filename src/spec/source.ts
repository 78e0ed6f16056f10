// Turns spec text (YAML or JSON) into a plain value plus where every key and value
// stands, rejecting what a plain object would silently lose: duplicate keys, complex
// keys, syntax errors. The yaml Document is kept so comments can be written back.
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import type { SourcePosition } from '../model/spec.js';
import { aliasProblems, aliasTargets } from './aliases.js';

export interface ParsedSource {
  value: unknown;
  /** JSON pointer -> position of the value. */
  positions: Record<string, SourcePosition>;
  /** JSON pointer -> position of the key that names it (absent for list items and the root). */
  keyPositions: Record<string, SourcePosition>;
  document: Document;
  diagnostics: Diagnostic[];
}

const MAX_NODES = 1_000_000; // a last guard: aliases are bounded before the walk (aliases.ts)
const MAX_DEPTH = 200;

/** Thrown by the walk at the node where a limit was passed. */
class TooLarge extends Error {
  constructor(
    readonly code: 'too-large' | 'too-deep',
    readonly at: SourcePosition,
  ) {
    super(code);
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

// Account ids written as bare numbers are read from their source text, so a YAML
// author who forgets quotes keeps leading zeros instead of getting a type error.
const ACCOUNT_ID_PATH = /^\/environments\/[^/]+\/accounts\/[0-9]+\/id$/;

export function parseSource(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  const diagnostics: Diagnostic[] = [];
  const positions: Record<string, SourcePosition> = {};
  const keyPositions: Record<string, SourcePosition> = {};
  const at = (offset: number | undefined): SourcePosition => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };

  for (const err of document.errors) {
    const pos = err.linePos?.[0] ?? at(err.pos[0]);
    const line = 'line' in pos ? pos.line : 1;
    const column = 'col' in pos ? pos.col : 1;
    diagnostics.push({
      file,
      line,
      column,
      path: '',
      code: 'syntax',
      message: err.message.split('\n')[0] ?? 'syntax error',
      expected: 'valid YAML or JSON',
    });
  }
  if (diagnostics.length === 0) diagnostics.push(...aliasProblems(document, at, file));
  if (diagnostics.length > 0) return { value: undefined, positions, keyPositions, document, diagnostics };

  const targets = aliasTargets(document);
  let nodes = 0;
  const walk = (node: Node | null | undefined, pointer: string, fallback: SourcePosition, depth: number): unknown => {
    const pos = node?.range ? at(node.range[0]) : fallback;
    if (++nodes > MAX_NODES) throw new TooLarge('too-large', pos);
    if (depth > MAX_DEPTH) throw new TooLarge('too-deep', pos);
    positions[pointer] = pos;
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      return walk(targets.get(node), pointer, pos, depth + 1);
    }
    if (isScalar(node)) {
      if (typeof node.value === 'number' && ACCOUNT_ID_PATH.test(pointer) && typeof node.source === 'string' && /^[0-9]+$/.test(node.source)) {
        return node.source;
      }
      return node.value;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => walk(item as Node, `${pointer}/${i}`, pos, depth + 1));
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const seen = new Map<string, SourcePosition>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const keyPos = keyNode?.range ? at(keyNode.range[0]) : pos;
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
          diagnostics.push({ file, ...keyPos, path: pointer, code: 'key-type', message: 'keys must be plain strings', expected: 'a string key' });
          continue;
        }
        const key = String(keyNode.value);
        const child = `${pointer}/${pointerSegment(key)}`;
        const first = seen.get(key);
        if (first) {
          diagnostics.push({
            file,
            ...keyPos,
            path: child,
            code: 'duplicate-key',
            message: `key "${key}" is already defined at line ${first.line}`,
            expected: 'each key once per mapping',
          });
          continue;
        }
        seen.set(key, keyPos);
        keyPositions[child] = keyPos;
        const value = walk(pair.value as Node | null, child, keyPos, depth + 1);
        // defineProperty: a key such as __proto__ stays an ordinary key.
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return null;
  };

  let value: unknown;
  try {
    value = walk(document.contents as Node | null, '', { line: 1, column: 1 }, 0);
  } catch (err) {
    if (!(err instanceof TooLarge)) throw err;
    value = undefined;
    diagnostics.push(
      err.code === 'too-deep'
        ? { file, ...err.at, path: '', code: 'too-deep', message: `values nest more than ${MAX_DEPTH} levels deep here`, expected: 'ordinary nesting' }
        : { file, ...err.at, path: '', code: 'too-large', message: `the document has more than ${MAX_NODES} nodes`, expected: 'a file of ordinary size' },
    );
  }
  return { value, positions, keyPositions, document, diagnostics };
}
