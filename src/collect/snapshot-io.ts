// Reading and writing snapshot files. Writing is atomic (temp file + rename) and
// deterministic (canonical key order, sorted records, trailing newline); reading
// validates against the schema and names file:line:col for every problem.
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import type { Resource, Snapshot } from '../model/snapshot.js';
import { sortPrices } from '../model/prices.js';
import { jsonErrorPosition } from '../util/json-error.js';
import { CONFIG_SCHEMAS } from './catalogue/index.js';
import { snapshotSchemaWithoutConfigTypes } from './snapshot-schema.js';
import { newTempFor } from '../cli/fs-atomic.js';
import { forgetTemp } from '../cli/temp-files.js';
import { canonicalJson, canonicalJsonChunks, JsonBufferError, parseJsonBuffer, positionInFile, positionOf, streamJsonFile, type JsonStreamEvent, WHOLE_TEXT_LIMIT_BYTES } from './json-stream.js';

export { canonicalJson };

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byKeys =
  <T>(...keys: ((x: T) => string)[]) =>
  (a: T, b: T): number => {
    for (const k of keys) {
      const c = cmp(k(a), k(b));
      if (c !== 0) return c;
    }
    return 0;
  };

/** Puts every list of a snapshot in its documented order (a copy; the input is not changed). */
export function sortSnapshot(s: Snapshot): Snapshot {
  return {
    schemaVersion: s.schemaVersion,
    metadata: {
      ...s.metadata,
      accounts: [...s.metadata.accounts].sort(),
      regions: [...s.metadata.regions].sort(),
      coverage: s.metadata.coverage
        .map((c) => ({ ...c, types: [...c.types].sort() }))
        .sort(byKeys((c) => c.accountId, (c) => c.region, (c) => c.source, (c) => c.types.join(','))),
    },
    resources: s.resources.map(sortResource).sort(byKeys((r) => r.arn)),
    principals: s.principals
      .map((p) => ({ ...p, groups: [...p.groups].sort(), attachedPolicies: [...p.attachedPolicies].sort(), inlinePolicies: [...p.inlinePolicies].sort(byKeys((x) => x.name)) }))
      .sort(byKeys((p) => p.arn)),
    policies: [...s.policies].sort(byKeys((p) => p.arn)),
    costs: [...s.costs].sort(byKeys((c) => c.accountId, (c) => c.tagKey, (c) => c.tagValue, (c) => c.periodStart)),
    errors: s.errors
      .map((e) => ({ ...e, affects: [...e.affects].sort() }))
      .sort(byKeys((e) => e.accountId, (e) => e.region, (e) => e.service, (e) => e.operation, (e) => e.resourceArn ?? '', (e) => e.code, (e) => e.message)),
    ...(s.prices ? { prices: sortPrices(s.prices) } : {}),
  };
}

/** A resource with its relations in their documented order (a copy). */
export function sortResource(r: Resource): Resource {
  return { ...r, relations: [...r.relations].sort(byKeys((x) => x.kind, (x) => x.target)) };
}

/** JSON with object keys in code-point order at every depth; arrays keep their order. */
export function serializeSnapshot(s: Snapshot): string {
  return canonicalJson(sortSnapshot(s));
}

/** Bytes written between two pauses for the event loop, where a signal can stop the write. */
const WRITE_SLICE_BYTES = 8 * 2 ** 20;

/** Characters gathered into one write call. */
const WRITE_BATCH_CHARS = 2 ** 20;

/**
 * Writes the snapshot atomically: a temp file in the same directory, then rename. The
 * text goes out one record at a time (the same bytes as serializeSnapshot), so a
 * snapshot larger than one string can hold is written too. The write pauses every few
 * MiB so that Ctrl-C is handled at once: the temp file is removed, no target is touched.
 */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  await writeChunksAtomically(file, canonicalJsonChunks(sortSnapshot(snapshot) as unknown as Record<string, unknown>));
}

/** writeSnapshot's atomic, interruptible write, for text given in pieces (a streamed merge). */
export async function writeChunksAtomically(file: string, chunks: Iterable<string>): Promise<void> {
  const tmp = newTempFor(file);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx');
    let sinceYield = 0;
    // Pieces are written about a MiB at a time (one write call per record was most of the system time at a million).
    let pending: string[] = [];
    let pendingLength = 0;
    for (const chunk of chunks) {
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength < WRITE_BATCH_CHARS) continue;
      sinceYield += writeSync(fd, pending.join(''), null, 'utf8');
      pending = [];
      pendingLength = 0;
      if (sinceYield >= WRITE_SLICE_BYTES) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (pending.length > 0) writeSync(fd, pending.join(''), null, 'utf8');
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    forgetTemp(tmp);
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
let configValidators: Map<string, ReturnType<Ajv['compile']>> | undefined;
/** The snapshot schema, with each record's config checked by the validator of its type (one per record, not 22 if-branches). */
function validate(data: unknown): ErrorObject[] {
  if (!validator || !configValidators) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validator = ajv.compile(snapshotSchemaWithoutConfigTypes());
    configValidators = new Map(Object.entries(CONFIG_SCHEMAS).map(([type, schema]) => [type, ajv.compile(schema)]));
  }
  const errors = validator(data) ? [] : [...(validator.errors ?? [])];
  const resources = (data as { resources?: unknown } | null)?.resources;
  if (Array.isArray(resources)) {
    resources.forEach((r: { type?: unknown; config?: unknown } | null, i) => {
      const check = typeof r?.type === 'string' ? configValidators!.get(r.type) : undefined;
      if (!check || r?.config === null || typeof r?.config !== 'object' || check(r.config)) return;
      for (const e of check.errors ?? []) errors.push({ ...e, instancePath: `/resources/${i}/config${e.instancePath}` });
    });
  }
  return errors;
}

/**
 * Reads and validates a snapshot; InputError with file:line:col diagnostics when it is
 * not one. A file over WHOLE_TEXT_LIMIT_BYTES is read as bytes and parsed record by
 * record (it may exceed the longest string JavaScript can hold).
 */
export function readSnapshot(file: string, wholeTextLimit = WHOLE_TEXT_LIMIT_BYTES): Snapshot {
  let text: string | undefined;
  let buf: Buffer | undefined;
  try {
    if (statSync(file).size > wholeTextLimit) buf = readFileSync(file);
    else text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file-not-found' : 'file-unreadable';
    throw new InputError(`cannot read snapshot ${file}`, [{ file, line: 1, column: 1, path: '', code, message: (err as Error).message }]);
  }
  return text !== undefined ? parseSnapshot(text, file) : parseSnapshotBuffer(buf!, file);
}

/** parseSnapshot for a snapshot held as bytes; positions are those of its records. */
export function parseSnapshotBuffer(buf: Buffer, file: string): Snapshot {
  let parsed: ReturnType<typeof parseJsonBuffer>;
  try {
    parsed = parseJsonBuffer(buf);
  } catch (err) {
    if (!(err instanceof JsonBufferError)) throw err;
    throw new InputError(`${file} is not valid JSON`, [{ file, ...positionOf(buf, err.offset), path: '', code: 'invalid-json', message: err.message, expected: 'a JSON snapshot written by envgate inventory' }]);
  }
  // The position of the deepest member or record that holds the path.
  const locate = (path: string[]) => {
    const offset = (path.length >= 2 ? parsed.offsets.get(`${path[0]}/${path[1]}`) : undefined) ?? (path.length >= 1 ? parsed.offsets.get(path[0]!) : undefined) ?? 0;
    return positionOf(buf, offset);
  };
  return checkSnapshot(parsed.value, file, locate);
}

export function parseSnapshot(text: string, file: string): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const pos = jsonErrorPosition(text);
    throw new InputError(`${file} is not valid JSON`, [{ file, ...pos, path: '', code: 'invalid-json', message: (err as Error).message, expected: 'a JSON snapshot written by envgate inventory' }]);
  }
  // The text is parsed for positions only when there is a problem to place.
  let locate: ((path: string[]) => { line: number; column: number }) | undefined;
  return checkSnapshot(data, file, (path) => (locate ??= locator(text))(path));
}

/** Validates parsed snapshot data; InputError naming file:line:col for each problem. */
function checkSnapshot(data: unknown, file: string, locate: (path: string[]) => { line: number; column: number }): Snapshot {
  const errors = validate(data);
  if (errors.length === 0) return data as Snapshot;
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const e of errors) {
    const d = toDiagnostic(e, file, locate);
    const key = `${d.path} ${d.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(d);
  }
  const version = (data as { schemaVersion?: unknown })?.schemaVersion;
  const msg = version !== undefined && version !== 1 ? `${file}: snapshot schemaVersion ${String(version)} is not supported (this envgate reads 1)` : `${file} is not a valid envgate snapshot`;
  throw new InputError(msg, diagnostics);
}

export function toDiagnostic(e: ErrorObject, file: string, locate: (path: string[]) => { line: number; column: number }): Diagnostic {
  const segments = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
  const p = e.params as Record<string, unknown>;
  let path = e.instancePath;
  let code = `schema-${e.keyword}`;
  let expected: string | undefined;
  if (e.keyword === 'additionalProperties') {
    code = 'unknown-key';
    const key = String(p.additionalProperty);
    segments.push(key);
    path = `${path}/${key}`;
  } else if (e.keyword === 'required') {
    code = 'missing-key';
    expected = `key '${String(p.missingProperty)}'`;
  } else if (e.keyword === 'enum') {
    expected = (p.allowedValues as unknown[]).map(String).join(' | ');
  } else if (e.keyword === 'type') {
    expected = String(p.type);
  } else if (e.keyword === 'const') {
    expected = JSON.stringify(p.allowedValue);
  }
  return { file, ...locate(segments), path, code, message: e.message ?? e.keyword, ...(expected ? { expected } : {}) };
}

/** Maps a JSON path to the 1-based position of its value (its key, for unknown keys), via the yaml parser. */
export function locator(text: string): (path: string[]) => { line: number; column: number } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, keepSourceTokens: false });
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n).map((x) => (/^\d+$/.test(x) ? Number(x) : x)), true);
      if (isNode(node) && node.range) {
        const { line, col } = lc.linePos(node.range[0]);
        return { line, column: col };
      }
      // The key of an unknown property: find the pair in its parent map.
      if (n === path.length && n > 0) {
        const parent = doc.getIn(path.slice(0, n - 1).map((x) => (/^\d+$/.test(x) ? Number(x) : x)), true) as { items?: { key?: { value?: unknown; range?: number[] } }[] } | undefined;
        const pair = parent?.items?.find((i) => i.key?.value === path[n - 1]);
        if (pair?.key?.range) {
          const { line, col } = lc.linePos(pair.key.range[0]!);
          return { line, column: col };
        }
      }
    }
    return { line: 1, column: 1 };
  };
}

/** A snapshot file read without its resources, which readSnapshotResources streams. */
export interface SnapshotHead {
  file: string;
  /** Every member but `resources` (an empty list here), validated. */
  snapshot: Snapshot;
  resourceCount: number;
}

/** Stream events of a snapshot file; a read or JSON error becomes the InputError readSnapshot gives. */
function* snapshotEvents(file: string, skip: (key: string) => boolean): Generator<JsonStreamEvent> {
  try {
    yield* streamJsonFile(file, { skip });
  } catch (err) {
    if (err instanceof JsonBufferError) {
      throw new InputError(`${file} is not valid JSON`, [{ file, ...positionInFile(file, err.offset), path: '', code: 'invalid-json', message: err.message, expected: 'a JSON snapshot written by envgate inventory' }]);
    }
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code === 'string' && e.code.startsWith('E')) {
      const code = e.code === 'ENOENT' ? 'file-not-found' : 'file-unreadable';
      throw new InputError(`cannot read snapshot ${file}`, [{ file, line: 1, column: 1, path: '', code, message: e.message }]);
    }
    throw err;
  }
}

/**
 * Reads and validates everything of a snapshot file but its resources, whose records are
 * passed over unparsed: memory does not grow with the resources.
 */
export function readSnapshotHead(file: string): SnapshotHead {
  const data: Record<string, unknown> = {};
  const offsets = new Map<string, number>();
  let resourceCount = 0;
  for (const ev of snapshotEvents(file, (k) => k === 'resources')) {
    if (ev.kind === 'member') {
      offsets.set(ev.key, ev.offset);
      Object.defineProperty(data, ev.key, { value: ev.value, enumerable: true, writable: true, configurable: true });
    } else if (ev.kind === 'element') {
      offsets.set(`${ev.key}/${ev.index}`, ev.offset);
      ((data[ev.key] ??= []) as unknown[]).push(ev.value);
    } else if (ev.key === 'resources') {
      resourceCount = ev.count;
      data.resources = [];
    } else data[ev.key] ??= [];
  }
  const locate = (p: string[]) => positionInFile(file, (p.length >= 2 ? offsets.get(`${p[0]}/${p[1]}`) : undefined) ?? (p.length >= 1 ? offsets.get(p[0]!) : undefined) ?? 0);
  return { file, snapshot: checkSnapshot(data, file, locate), resourceCount };
}

/** Records validated together (a failing batch names each of its records' problems). */
const RESOURCE_BATCH = 2000;

/**
 * The resource records of a snapshot file one at a time, in file order, each validated
 * as readSnapshot validates it (InputError naming file:line:col and the record's path);
 * `validate: false` for a file read before, whose records were validated then.
 */
export function* readSnapshotResources(head: SnapshotHead, options: { validate?: boolean } = {}): Generator<Resource> {
  const { file } = head;
  const checking = options.validate !== false;
  const batch: unknown[] = [];
  const offsets: number[] = [];
  let first = 0;
  const check = (): void => {
    if (!checking) return;
    const shell = { ...head.snapshot, resources: batch, principals: [], policies: [], costs: [], errors: [] };
    if (validate(shell).length === 0) return;
    // Re-validate with the records' own indexes, so paths and positions name them.
    const locate = (p: string[]) => positionInFile(file, p[0] === 'resources' && p[1] !== undefined ? (offsets[Number(p[1]) - first] ?? 0) : 0);
    const errors = validate(shell).map((e) => ({ ...e, instancePath: e.instancePath.replace(/^\/resources\/(\d+)/, (_m, j: string) => `/resources/${first + Number(j)}`) }));
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const e of errors) {
      const d = toDiagnostic(e, file, locate);
      const key = `${d.path} ${d.code}`;
      if (!seen.has(key)) diagnostics.push(d);
      seen.add(key);
    }
    throw new InputError(`${file} is not a valid envgate snapshot`, diagnostics);
  };
  for (const ev of snapshotEvents(file, (k) => k !== 'resources')) {
    if (ev.kind !== 'element') continue;
    batch.push(ev.value);
    offsets.push(ev.offset);
    if (batch.length < RESOURCE_BATCH) continue;
    check();
    for (const r of batch) yield r as Resource;
    first += batch.length;
    batch.length = 0;
    offsets.length = 0;
  }
  check();
  for (const r of batch) yield r as Resource;
}
