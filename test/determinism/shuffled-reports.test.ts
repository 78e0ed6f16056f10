import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seeded } from '../fuzz/random.js';
import { main } from '../../src/cli/main.js';
import { readSnapshot } from '../../src/collect/snapshot-io.js';
import { canonicalSnapshot } from '../../src/collect/snapshot-order.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { memoryOutput } from '../../src/cli/output.js';
import { shuffleSnapshot } from './shuffle.js';
import { tempDir } from '../helpers/tmp.js';

const ENV = { SOURCE_DATE_EPOCH: '1735732800', NO_COLOR: '1' };
const FILES = ['envgate.json', 'envgate.sarif', 'envgate.md'];

/** Scans a snapshot file into a fresh directory and returns the three reports. */
async function reports(spec: string, snapshotFile: string): Promise<string[]> {
  const dir = tempDir('envgate-shuffle-');
  // The same snapshot path every time: the reports name it.
  const snapshot = path.join(dir, 'snapshot.json');
  writeFileSync(snapshot, readFileSync(snapshotFile));
  const code = await main(['scan', '--spec', spec, '--snapshot', path.relative(process.cwd(), snapshot), '--out', path.join(dir, 'out'), '--fail-on', 'none', '--quiet'], ENV, memoryOutput());
  expect(code).toBe(0);
  return FILES.map((f) => readFileSync(path.join(dir, 'out', f), 'utf8').replaceAll(path.relative(process.cwd(), dir), 'DIR'));
}

describe('reports do not depend on the order of the snapshot', () => {
  it.each(['mht-api', 'monepiceriz'])('%s: 10 seeded shuffles give byte-identical JSON, SARIF and Markdown', async (fixture) => {
    const spec = `fixtures/${fixture}/envgate.yaml`;
    const original = JSON.parse(readFileSync(`fixtures/${fixture}/snapshot.json`, 'utf8')) as Record<string, unknown>;
    const work = tempDir('envgate-shuffled-');
    const expected = await reports(spec, `fixtures/${fixture}/snapshot.json`);
    for (let seed = 1; seed <= 10; seed++) {
      const file = path.join(work, `snapshot-${seed}.json`);
      const shuffled = shuffleSnapshot(original, seeded(seed));
      // The shuffle must really move things, or the test proves nothing.
      expect(JSON.stringify((shuffled.resources as { arn: string }[]).map((r) => r.arn))).not.toBe(JSON.stringify((original.resources as { arn: string }[]).map((r) => r.arn)));
      writeFileSync(file, JSON.stringify(shuffled));
      const actual = await reports(spec, file);
      for (let i = 0; i < FILES.length; i++) expect(actual[i], `${FILES[i]} after shuffle ${seed}`).toBe(expected[i]);
    }
  }, 240_000);

  it('puts a shuffled snapshot back in the order inventory writes, and leaves an ordered one as it is (no copy)', () => {
    const ordered = readSnapshot('fixtures/mht-api/snapshot.json');
    expect(canonicalSnapshot(ordered)).toBe(ordered);
    const shuffled = shuffleSnapshot(ordered as unknown as Record<string, unknown>, seeded(7)) as unknown as Snapshot;
    const restored = canonicalSnapshot(shuffled);
    expect(restored).not.toBe(shuffled);
    // Statements stay shuffled (their order changes no result, as the test above shows).
    expect(restored.resources).toEqual(ordered.resources);
    expect(restored.principals.map((p) => [p.arn, p.groups, p.attachedPolicies, Object.keys(p.tags)])).toEqual(ordered.principals.map((p) => [p.arn, p.groups, p.attachedPolicies, Object.keys(p.tags)]));
    expect(restored.costs).toEqual(ordered.costs);
    expect(restored.resources.map((r) => r.arn)).toEqual(ordered.resources.map((r) => r.arn));
    expect(restored.resources.map((r) => Object.keys(r.tags))).toEqual(ordered.resources.map((r) => Object.keys(r.tags)));
  });
});
