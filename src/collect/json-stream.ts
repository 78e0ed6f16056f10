// Snapshot files can outgrow one JavaScript string (V8's limit is about 512 MB, reached
// near a million resources), so neither JSON.stringify nor JSON.parse can handle them
// whole. A snapshot is an object whose large members are arrays: these functions write
// and read it one top-level array element at a time, in the same canonical bytes.
import { closeSync, openSync, readSync } from 'node:fs';

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

/** A top-level array canonicalJsonChunks writes as its items come, never held whole. */
export class StreamedArray<T = unknown> {
  constructor(readonly items: Iterable<T>) {}
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
    } else if (v instanceof StreamedArray) {
      let j = 0;
      for (const x of v.items) yield `${j++ === 0 ? '[' : ','}\n    ${nested(x === undefined ? null : x, 2)}`;
      yield j === 0 ? '[]' : '\n  ]';
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

/** One top-level member of a streamed file, or one element of a top-level array member. */
export type JsonStreamEvent =
  | { kind: 'member'; key: string; offset: number; value: unknown }
  | { kind: 'element'; key: string; index: number; offset: number; value: unknown }
  | { kind: 'array-end'; key: string; count: number };

export interface JsonStreamOptions {
  /** Members (or arrays' elements) of these keys are scanned past, not parsed: no event but array-end. */
  skip?: (key: string) => boolean;
  /** Bytes read at a time (the window grows when one value is larger). */
  chunkBytes?: number;
}

/**
 * Reads a file holding one JSON object through a window of a few MiB, whatever the
 * file's size: yields each top-level member, and each element of a top-level array on
 * its own, with its byte offset (positionInFile gives its line). Errors are
 * JsonBufferError with the byte offset in the file.
 */
export function* streamJsonFile(file: string, options: JsonStreamOptions = {}): Generator<JsonStreamEvent> {
  const w = new Window(file, options.chunkBytes ?? 4 * 2 ** 20);
  try {
    yield* w.events(options.skip ?? (() => false));
  } finally {
    w.close();
  }
}

class Window {
  private fd: number;
  private buf: Buffer;
  /** Bytes of the file before buf[0]. */
  private base = 0;
  private end = 0;
  private eof = false;
  private i = 0;

  constructor(file: string, private chunk: number) {
    this.fd = openSync(file, 'r');
    this.buf = Buffer.allocUnsafe(chunk);
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Reads more of the file behind the unread part; false at the end of the file. */
  private fill(): boolean {
    if (this.eof) return false;
    if (this.i > 0) {
      this.buf.copy(this.buf, 0, this.i, this.end);
      this.base += this.i;
      this.end -= this.i;
      this.i = 0;
    }
    if (this.end === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    const n = readSync(this.fd, this.buf, this.end, Math.max(this.buf.length - this.end, 0), this.base + this.end);
    if (n === 0) this.eof = true;
    this.end += n;
    return n > 0;
  }

  private byte(): number | undefined {
    while (this.i >= this.end) if (!this.fill()) return undefined;
    return this.buf[this.i];
  }

  private skipSpace(): number | undefined {
    for (;;) {
      while (this.i < this.end && isSpace(this.buf[this.i]!)) this.i++;
      if (this.i < this.end) return this.buf[this.i];
      if (!this.fill()) return undefined;
    }
  }

  private fail(message: string): never {
    throw new JsonBufferError(message, this.base + this.i);
  }

  private expect(c: number, what: string): void {
    if (this.skipSpace() !== c) this.fail(`expected ${what}`);
    this.i++;
  }

  /** The value at the cursor: its end found in the window (read further until it is), then parsed or passed over. */
  private value(parse: boolean): unknown {
    for (;;) {
      const view = this.buf.subarray(0, this.end);
      const e = valueEnd(view, this.i);
      if (e < this.end || this.eof) {
        const start = this.i;
        this.i = e;
        if (!parse) return undefined;
        try {
          return JSON.parse(this.buf.toString('utf8', start, e));
        } catch (err) {
          throw new JsonBufferError((err as Error).message, this.base + start);
        }
      }
      this.fill();
    }
  }

  *events(skip: (key: string) => boolean): Generator<JsonStreamEvent> {
    if (this.byte() === 0xef && this.end - this.i >= 3 && this.buf[this.i + 1] === 0xbb && this.buf[this.i + 2] === 0xbf) this.i += 3;
    this.expect(0x7b, "'{' (a JSON object)");
    if (this.skipSpace() === 0x7d) this.i++;
    else {
      for (;;) {
        if (this.skipSpace() !== 0x22) this.fail('expected a member name');
        const key = this.value(true) as string;
        this.expect(0x3a, "':'");
        const c = this.skipSpace();
        const offset = this.base + this.i;
        const skipped = skip(key);
        if (c === 0x5b) {
          this.i++;
          let count = 0;
          if (this.skipSpace() === 0x5d) this.i++;
          else {
            for (;;) {
              if (this.skipSpace() === undefined) this.fail("expected ',' or ']'");
              const at = this.base + this.i;
              const value = this.value(!skipped);
              if (!skipped) yield { kind: 'element', key, index: count, offset: at, value };
              count++;
              const next = this.skipSpace();
              if (next === 0x2c) this.i++;
              else {
                this.expect(0x5d, "',' or ']'");
                break;
              }
            }
          }
          yield { kind: 'array-end', key, count };
        } else if (c === undefined) this.fail('expected a value');
        else {
          const value = this.value(!skipped);
          if (!skipped) yield { kind: 'member', key, offset, value };
        }
        const next = this.skipSpace();
        if (next === 0x2c) {
          this.i++;
          continue;
        }
        this.expect(0x7d, "',' or '}'");
        break;
      }
    }
    if (this.skipSpace() !== undefined) this.fail('unexpected content after the object');
  }
}

/** 1-based line and column (in bytes) of a byte offset of a file, read a window at a time. */
export function positionInFile(file: string, offset: number): { line: number; column: number } {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(4 * 2 ** 20);
    let line = 1;
    let lineStart = 0;
    for (let pos = 0; pos < offset; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, offset - pos), pos);
      if (n === 0) break;
      for (let j = buf.indexOf(10); j >= 0 && j < n; j = buf.indexOf(10, j + 1)) {
        line++;
        lineStart = pos + j + 1;
      }
      pos += n;
    }
    return { line, column: offset - lineStart + 1 };
  } finally {
    closeSync(fd);
  }
}
