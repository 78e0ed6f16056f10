// Snapshot files can outgrow one JavaScript string (V8's limit is about 512 MB, reached
// near a million resources), so neither JSON.stringify nor JSON.parse can handle them
// whole. A snapshot is an object whose large members are arrays: these functions write
// and read it one top-level array element at a time, in the same canonical bytes.

/** Files above this size are read as a buffer, element by element (well under the limit). */
export const WHOLE_TEXT_LIMIT_BYTES = 256 * 2 ** 20;

const sortKeys = (_k: string, v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v;

/** Keys sorted, two-space indent, trailing newline: the canonical form of every envgate file. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(value, sortKeys, 2)}\n`;
}

/** canonicalJson's text at nesting `depth`: its lines after the first indented to that depth. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, sortKeys, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * Writes canonicalJson(value) for an object through `write`, in pieces: each element of
 * a top-level array is serialised on its own, so no piece holds the whole file.
 */
export function writeCanonicalJson(value: Record<string, unknown>, write: (chunk: string) => void): void {
  for (const chunk of canonicalJsonChunks(value)) write(chunk);
}

/** The pieces writeCanonicalJson writes, one at a time (a writer may pause between them). */
export function* canonicalJsonChunks(value: Record<string, unknown>): Generator<string> {
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  yield '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    yield `${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    const v = value[key];
    if (Array.isArray(v) && v.length > 0) {
      yield '[';
      for (let j = 0; j < v.length; j++) yield `${j === 0 ? '' : ','}\n    ${nested(v[j] === undefined ? null : v[j], 2)}`;
      yield '\n  ]';
    } else yield nested(v, 1);
  }
  yield keys.length > 0 ? '\n}\n' : '}\n';
}

/** Where a buffer's JSON is malformed: byte offset and a message. */
export class JsonBufferError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** 1-based line and column (in bytes) of a byte offset. */
export function positionOf(buf: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = buf.indexOf(10); i >= 0 && i < offset; i = buf.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(buf: Buffer, i: number): number {
  while (i < buf.length && isSpace(buf[i]!)) i++;
  return i;
}

/** End (exclusive) of the JSON value starting at `i`: strings and nesting are followed, the rest is JSON.parse's to judge. */
function valueEnd(buf: Buffer, i: number): number {
  let depth = 0;
  for (let p = i; p < buf.length; p++) {
    const c = buf[p]!;
    if (c === 0x22) {
      // A string: to its closing quote, past escapes.
      for (p++; p < buf.length && buf[p] !== 0x22; p++) if (buf[p] === 0x5c) p++;
      if (depth === 0) return p + 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return p;
      if (--depth === 0) return p + 1;
    } else if (depth === 0 && (c === 0x2c || isSpace(c))) return p;
  }
  return buf.length;
}

function parseSlice(buf: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(buf.toString('utf8', start, end));
  } catch (err) {
    throw new JsonBufferError((err as Error).message, start);
  }
}

/** An own property, as JSON.parse makes it (even for a key like `__proto__`). */
function define(o: Record<string, unknown>, key: string, v: unknown): void {
  Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * JSON.parse for a buffer holding one object, whatever its size: each top-level member
 * is parsed on its own, and each element of a top-level array too. `offsets` maps
 * `key` and `key/index` to the byte offset of that value, for diagnostics.
 */
export function parseJsonBuffer(buf: Buffer): { value: Record<string, unknown>; offsets: Map<string, number> } {
  const value: Record<string, unknown> = {};
  const offsets = new Map<string, number>();
  let i = skipSpace(buf, buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0);
  const expect = (c: number, what: string): void => {
    if (buf[i] !== c) throw new JsonBufferError(`expected ${what}`, i);
    i++;
  };
  expect(0x7b, "'{' (a snapshot is a JSON object)");
  i = skipSpace(buf, i);
  if (buf[i] === 0x7d) i++;
  else {
    for (;;) {
      i = skipSpace(buf, i);
      if (buf[i] !== 0x22) throw new JsonBufferError('expected a member name', i);
      const keyEnd = valueEnd(buf, i);
      const key = parseSlice(buf, i, keyEnd) as string;
      i = skipSpace(buf, keyEnd);
      expect(0x3a, "':'");
      i = skipSpace(buf, i);
      offsets.set(key, i);
      if (buf[i] === 0x5b) {
        const list: unknown[] = [];
        i = skipSpace(buf, i + 1);
        if (buf[i] === 0x5d) i++;
        else {
          for (;;) {
            i = skipSpace(buf, i);
            const end = valueEnd(buf, i);
            offsets.set(`${key}/${list.length}`, i);
            list.push(parseSlice(buf, i, end));
            i = skipSpace(buf, end);
            if (buf[i] === 0x2c) i++;
            else {
              expect(0x5d, "',' or ']'");
              break;
            }
          }
        }
        define(value, key, list);
      } else {
        const end = valueEnd(buf, i);
        define(value, key, parseSlice(buf, i, end));
        i = end;
      }
      i = skipSpace(buf, i);
      if (buf[i] === 0x2c) {
        i++;
        continue;
      }
      expect(0x7d, "',' or '}'");
      break;
    }
  }
  i = skipSpace(buf, i);
  if (i < buf.length) throw new JsonBufferError('unexpected content after the object', i);
  return { value, offsets };
}
