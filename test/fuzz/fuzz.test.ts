// The short seeded fuzz run of CI: every kind of input, mutated, must end in a result or a
// located input error, never an internal error, an undocumented exit, or over 5 s of CPU.
// The long run (10,000 per kind) is `npm run fuzz -- --count 10000` (README "Fuzzing").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKind } from './harness.js';
import { type Bases, KINDS, loadBases } from './kinds.js';
import { mutate } from './mutate.js';
import { seeded } from './random.js';

const SEEDS = 12;
let work: string;
let bases: Bases;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'envgate-fuzz-test-'));
  bases = await loadBases(work);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fuzz harness', () => {
  it('mutates the same way for the same seed, and differently for another', () => {
    const a = mutate(bases.waivers, 'yaml', seeded(42));
    expect(mutate(bases.waivers, 'yaml', seeded(42))).toEqual(a);
    expect(mutate(bases.waivers, 'yaml', seeded(43)).text).not.toEqual(a.text);
  });

  it('produces the kinds of mutation it promises over 250 seeds', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 250; seed++) for (const m of mutate(bases.spec, 'yaml', seeded(seed)).mutations) seen.add(m.split('@')[0]!);
    expect([...seen].sort()).toEqual(
      ['alias-bomb', 'alias-key', 'anchor-reuse', 'deep', 'delete', 'extra-key', 'huge', 'invalid-utf8', 'merge-key', 'moved-value', 'self-alias', 'tag', 'truncate', 'type-swap', 'unicode', 'unresolved-alias', 'yaml-mark'].sort(),
    );
  });

  it.each(KINDS)(`%s: ${SEEDS} seeded mutations end without an internal error, an undocumented exit or a run over 5 s`, async (kind) => {
    const s = await runKind(kind, 1, SEEDS, bases, work);
    expect(s.runs).toBe(SEEDS);
    expect(s.failures.map((f) => `seed ${f.seed} ${f.failure} [${f.mutations.join(' ')}]: ${f.firstError.slice(0, 200)}`)).toEqual([]);
    // Most mutants are bad input: each is refused with a located message.
    expect(s.exits['2'] ?? 0).toBeGreaterThan(0);
    expect(s.unlocated).toBe(0);
  }, 300_000);
});
