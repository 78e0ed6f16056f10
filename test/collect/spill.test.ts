// Spill mode's directory (collect/spill.ts): made under the one given, removed after the
// merge, and removed also when the run fails. No AWS here: the accounts' endpoint is a
// closed loopback port, so each account fails its identity check and only the rest part
// (the identity errors) is written.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect } from '../../src/collect/index.js';
import { serializeSnapshot } from '../../src/collect/snapshot-io.js';
import { collectToFile } from '../../src/collect/spill.js';
import { freePort } from '../helpers/moto.js';
import { fakeCredentials, PROD, STAGING, twoAccountSpec } from './spec-fixture.js';

describe('collectToFile', () => {
  let dir: string;
  let endpoint: string;
  const options = () => ({
    now: new Date(Date.UTC(2026, 0, 15)),
    endpoint,
    credentials: fakeCredentials,
    maxAttempts: 1,
    timeouts: { connectMs: 1_000, attemptMs: 1_000, callMs: 2_000 },
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envgate-spill-unit-'));
    endpoint = `http://127.0.0.1:${await freePort()}`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes what collect() returns and removes its directory', async () => {
    const out = join(dir, 'snapshot.json');
    const merged = await collectToFile(twoAccountSpec(), options(), 1, out, dir);
    expect(readdirSync(dir)).toEqual(['snapshot.json']);
    const inMemory = await collect(twoAccountSpec(), options());
    expect(readFileSync(out, 'utf8')).toBe(serializeSnapshot(inMemory));
    expect(merged.accounts).toEqual([STAGING, PROD]);
    expect(merged.resources).toBe(0);
    expect(merged.errors.map((e) => `${e.accountId} ${e.service}:${e.operation}`)).toEqual([`${STAGING} sts:AssumeRole`, `${PROD} sts:GetCallerIdentity`]);
  });

  it('removes its directory when the merge fails, and passes the failure on', async () => {
    const out = join(dir, 'missing', 'snapshot.json');
    await expect(collectToFile(twoAccountSpec(), options(), 1, out, dir)).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes its directory when collection fails', async () => {
    let during: string[] = [];
    const onFinished = () => {
      during = readdirSync(dir);
      throw new Error('progress line failed');
    };
    await expect(collectToFile(twoAccountSpec(), { ...options(), onFinished }, 1, join(dir, 'snapshot.json'), dir)).rejects.toThrow('progress line failed');
    // While it ran, the parts had a directory of their own, named as envgate's.
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/^envgate-spill-[A-Za-z0-9]{6}$/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
