// Snapshot files: deterministic bytes, atomic writes, and located errors for bad input.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonBufferError, parseJsonBuffer } from '../../src/collect/json-stream.js';
import { readSnapshot, serializeSnapshot, writeSnapshot } from '../../src/collect/snapshot-io.js';
import { InputError } from '../../src/model/diagnostics.js';
import type { Snapshot } from '../../src/model/snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'envgate-snap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snapshot = (): Snapshot => ({
  schemaVersion: 1,
  metadata: { tool: { name: 'envgate', version: '0.1.0' }, collectedAt: '2026-01-01T00:00:00.000Z', accounts: ['222222222222', '111111111111'], regions: ['us-east-1'], apiCalls: { 'sqs:ListQueues': 1, 'iam:GetAccountAuthorizationDetails': 1 }, coverage: [] },
  resources: [
    { arn: 'arn:aws:sqs:us-east-1:111111111111:b', accountId: '111111111111', region: 'us-east-1', type: 'AWS::SQS::Queue', name: 'b', id: 'b', tags: { z: '1', a: '2' }, config: {}, relations: [{ kind: 'kms-key', target: 'k2' }, { kind: 'kms-key', target: 'k1' }] },
    { arn: 'arn:aws:sqs:us-east-1:111111111111:a', accountId: '111111111111', region: 'us-east-1', type: 'AWS::SQS::Queue', name: 'a', id: 'a', tags: {}, config: {}, relations: [] },
  ],
  principals: [],
  policies: [],
  costs: [],
  errors: [{ accountId: '111111111111', region: 'us-east-1', service: 'sqs', operation: 'GetQueueAttributes', code: 'AccessDenied', message: 'no', affects: ['AWS::SQS::Queue'] }],
});

const diagnosticsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).diagnostics;
  }
  throw new Error('expected an InputError');
};

describe('snapshot files', () => {
  it('sorts records and keys, so input order does not change the bytes', () => {
    const a = snapshot();
    const b = snapshot();
    b.resources.reverse();
    b.metadata.accounts.reverse();
    expect(serializeSnapshot(a)).toBe(serializeSnapshot(b));
    const text = serializeSnapshot(a);
    expect(text.indexOf('"arn:aws:sqs:us-east-1:111111111111:a"')).toBeLessThan(text.indexOf('"arn:aws:sqs:us-east-1:111111111111:b"'));
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes atomically (no temp file left) and reads back what it wrote', async () => {
    const file = join(dir, 'ok.json');
    await writeSnapshot(file, snapshot());
    expect(readdirSync(dir)).toEqual(['ok.json']);
    const back = readSnapshot(file);
    expect(serializeSnapshot(back)).toBe(readFileSync(file, 'utf8'));
  });

  it('names line and column of invalid JSON', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "schemaVersion": 1,\n  "metadata": ,\n}\n');
    const [d] = diagnosticsOf(() => readSnapshot(file));
    expect(d).toMatchObject({ file, code: 'invalid-json', line: 3, column: 15 });
  });

  it('names the position, path and code of schema violations', () => {
    const file = join(dir, 'bad.json');
    const s = JSON.parse(serializeSnapshot(snapshot())) as Record<string, unknown> & { resources: Record<string, unknown>[] };
    s.resources[1]!.relations = [{ kind: 'likes', target: 'x' }];
    s.resources[0]!.extra = true;
    const text = JSON.stringify(s, null, 2);
    writeFileSync(file, text);
    const ds = diagnosticsOf(() => readSnapshot(file));
    const kind = ds.find((d) => d.path === '/resources/1/relations/0/kind')!;
    expect(kind.code).toBe('schema-enum');
    const lines = text.split('\n');
    expect(lines[kind.line - 1]!.slice(kind.column - 1)).toMatch(/^"likes"/);
    const extra = ds.find((d) => d.code === 'unknown-key')!;
    expect(extra.path).toBe('/resources/0/extra');
    expect(lines[extra.line - 1]).toContain('"extra"');
  });

  it('refuses a missing file and an unsupported version with codes', () => {
    expect(diagnosticsOf(() => readSnapshot(join(dir, 'nope.json')))[0]!.code).toBe('file-not-found');
    const file = join(dir, 'v2.json');
    writeFileSync(file, JSON.stringify({ ...snapshot(), schemaVersion: 2 }));
    expect(diagnosticsOf(() => readSnapshot(file)).map((d) => d.path)).toContain('/schemaVersion');
  });
});

// A snapshot near a million resources outgrows one JavaScript string (~512 MB), so files
// over a limit are written and read record by record. Tested with the limit set to 0:
// every fixture takes the record-by-record path and must give what the text path gives.
describe('snapshot files larger than one string', () => {
  const FIXTURES = ['3mtt-chatbot', 'ai-sdlc', 'mht-api', 'monepiceriz'].map((s) => `fixtures/${s}/snapshot.json`);

  it('are written record by record in exactly the bytes of the whole text', async () => {
    for (const f of FIXTURES) {
      const snap = readSnapshot(f);
      const file = join(dir, 'streamed.json');
      await writeSnapshot(file, snap);
      expect(readFileSync(file, 'utf8'), f).toBe(serializeSnapshot(snap));
    }
    const file = join(dir, 'small.json');
    await writeSnapshot(file, snapshot());
    expect(readFileSync(file, 'utf8')).toBe(serializeSnapshot(snapshot()));
  });

  it('are read record by record into the same snapshot', () => {
    for (const f of FIXTURES) expect(readSnapshot(f, 0), f).toEqual(readSnapshot(f));
  });

  it('parse any JSON formatting of an object as JSON.parse does', () => {
    const texts = [
      '{}',
      ' \n{ } \n',
      '\ufeff{"a":[]}',
      '{"a":[1,2.5e3,-0,true,false,null,"x"],"b":{"c":[{}]},"s":"q\\"}{[],","e":[ [ "]" ] , {"k":"\\u005d"} ]}',
      '{\n  "__proto__": [1],\n  "x" : "y" ,\n  "n": 12\n}',
      '{"u":["é€😀", "tab\\t"], "dup": 1, "dup": [2]}',
    ];
    for (const t of texts) {
      const { value } = parseJsonBuffer(Buffer.from(t));
      expect(value, t).toEqual(JSON.parse(t.replace(/^\ufeff/, '')));
      expect(Object.keys(value), t).toEqual(Object.keys(JSON.parse(t.replace(/^\ufeff/, ''))));
    }
  });

  it('name the line of malformed JSON and of schema problems by record', () => {
    const bad = [
      ['[1]', 1, 1],
      ['{"a": [1 2]}', 1, 10],
      ['{"a": 1,\n "b": tru}', 2, 7],
      ['{"a": 1} x', 1, 10],
      ['{"a": [1,]}', 1, 10],
    ] as const;
    for (const [t, line, column] of bad) {
      let err: unknown;
      try {
        parseJsonBuffer(Buffer.from(t));
      } catch (e) {
        err = e;
      }
      expect(err, t).toBeInstanceOf(JsonBufferError);
      const file = join(dir, 'bad-large.json');
      writeFileSync(file, t);
      expect(diagnosticsOf(() => readSnapshot(file, 0))[0], t).toMatchObject({ code: 'invalid-json', line, column });
    }
    const s = JSON.parse(serializeSnapshot(snapshot())) as Record<string, unknown> & { resources: Record<string, unknown>[] };
    s.resources[1]!.relations = [{ kind: 'likes', target: 'x' }];
    const text = JSON.stringify(s, null, 2);
    const file = join(dir, 'bad-schema-large.json');
    writeFileSync(file, text);
    const kind = diagnosticsOf(() => readSnapshot(file, 0)).find((d) => d.path === '/resources/1/relations/0/kind')!;
    expect(kind.code).toBe('schema-enum');
    // Placed at the record that holds the problem: the second resource's opening brace.
    const lines = text.split('\n');
    expect(lines[kind.line - 1]!.trim()).toBe('{');
    expect(lines.slice(kind.line).join('\n')).toMatch(/^\s*"accountId"[\s\S]*"likes"/);
    expect(text.split('\n').slice(0, kind.line).join('\n').match(/"arn"/g)).toHaveLength(1);
  });
});


describe('the prices block', () => {
  const withPrices = (): Snapshot => ({
    ...snapshot(),
    prices: {
      source: 'aws-price-list-api',
      entries: [
        { service: 'rds', region: 'eu-west-3', engine: 'postgres', item: 'db.t3.micro', usdPerHour: 0.022, asOf: '2026-01-01' },
        { service: 'ec2', region: 'eu-west-3', item: 't3.micro', usdPerHour: 0.0118, asOf: '2026-01-01' },
      ],
      missing: [{ service: 'ec2', region: 'eu-west-3', item: 'm5.large', reason: 'no product matched the filters' }],
    },
  });

  it('is written sorted and read back', async () => {
    const file = join(dir, 'prices.json');
    await writeSnapshot(file, withPrices());
    const back = readSnapshot(file);
    expect(back.prices!.entries.map((e) => e.service)).toEqual(['ec2', 'rds']);
    expect(back.prices!.missing).toEqual([{ service: 'ec2', region: 'eu-west-3', item: 'm5.large', reason: 'no product matched the filters' }]);
    expect(serializeSnapshot(back)).toBe(readFileSync(file, 'utf8'));
  });

  it('refuses a bad price, naming line and field', () => {
    const s = withPrices() as unknown as { prices: { entries: Record<string, unknown>[] } };
    s.prices.entries[0]!.usdPerHour = 0;
    s.prices.entries[1]!.service = 'lambda';
    const file = join(dir, 'bad-prices.json');
    writeFileSync(file, JSON.stringify(s, null, 2));
    const d = diagnosticsOf(() => readSnapshot(file));
    expect(d.map((x) => [x.path, x.code])).toEqual([
      ['/prices/entries/0/usdPerHour', 'schema-exclusiveMinimum'],
      ['/prices/entries/1/service', 'schema-enum'],
    ]);
    expect(d.every((x) => x.file === file && x.line > 1)).toBe(true);
  });
});
