// Snapshot files: deterministic bytes, atomic writes, and located errors for bad input.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

  it('writes atomically (no temp file left) and reads back what it wrote', () => {
    const file = join(dir, 'ok.json');
    writeSnapshot(file, snapshot());
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
