// Golden drafts: `envgate draft` on each seed document, written to
// fixtures/<name>/draft.yaml, and how much of each fixture spec the draft reproduces.
// The share is measured twice: of every spec value (the issue's measure), and of the
// values the document states (fixtures/<name>/missed.yaml sorts every missed value by
// why; those not in the document at all leave that denominator).
// Usage: node --import tsx bench/drafts.ts [--write] [--missing]   (npm run drafts writes them;
// --missing lists, per fixture, the spec values the draft misses, with the reason
// missed.yaml gives, and the draft values the spec lacks)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compare, draftLeaves } from '../src/draft/compare.js';
import { draftSpec } from '../src/draft/draft.js';
import { loadMissed, MISSED_GROUPS, MISSED_LABELS, type Missed, type MissedGroup } from './missed.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Which seed documents each fixture spec was written from (fixtures/<name>/README.md). */
export const DRAFT_FIXTURES: readonly { fixture: string; seeds: readonly string[]; target: number }[] = [
  { fixture: 'mht-api', seeds: ['003_318e8b2c85ccbdca.txt'], target: 0.8 },
  { fixture: '3mtt-chatbot', seeds: ['000_017a11c0f774d451.txt', '001_a06f32b36ffa5249.txt'], target: 0.8 },
  { fixture: 'ai-sdlc', seeds: ['002_000104bb73ea2a90.txt'], target: 0.6 },
  { fixture: 'monepiceriz', seeds: ['004_484b6b5001ba22ce.txt'], target: 0.6 },
];

/** ../shared/seeds beside the repository (in a git worktree: beside the main checkout). */
export function seedsDir(): string {
  const beside = join(ROOT, '..', 'shared', 'seeds');
  if (existsSync(beside)) return beside;
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const main = join(dirname(common), '..', 'shared', 'seeds');
    if (existsSync(main)) return main;
  } catch {
    // not a git checkout: only the first place counts
  }
  throw new Error(`the seed documents are not at ${beside} (../shared/seeds beside the repository)`);
}

export interface DraftMeasure {
  fixture: string;
  file: string;
  yaml: string;
  fixtureValues: number;
  reproduced: number;
  draftValues: number;
  notInFixture: number;
  uncited: number;
  placeholders: number;
  ambiguities: number;
  unmapped: number;
  target: number;
  /** fixtures/<name>/missed.yaml: why each spec value the draft misses is missed. */
  why: Missed[];
  /** Keys of the spec values the draft reproduces. */
  matchedKeys: string[];
  /** Keys of the spec values the draft does not reproduce. */
  missed: string[];
  /** Draft values the spec does not have, with their citation. */
  extra: string[];
}

export async function buildDrafts(): Promise<DraftMeasure[]> {
  const dir = seedsDir();
  const out: DraftMeasure[] = [];
  for (const f of DRAFT_FIXTURES) {
    // Cited by the path the README uses, so the golden files do not depend on the machine.
    const inputs = f.seeds.map((s) => ({ name: `../shared/seeds/${s}`, text: readFileSync(join(dir, s), 'utf8') }));
    const draft = await draftSpec(inputs);
    const leaves = draftLeaves(draft.tree);
    const spec = parse(readFileSync(join(ROOT, 'fixtures', f.fixture, 'envgate.yaml'), 'utf8')) as unknown;
    const c = compare(leaves, spec);
    out.push({
      fixture: f.fixture,
      file: join('fixtures', f.fixture, 'draft.yaml'),
      yaml: draft.yaml,
      fixtureValues: c.matched.length + c.unsourced.length,
      reproduced: c.matched.length,
      draftValues: leaves.filter((l) => !l.placeholder).length,
      notInFixture: c.missing.length,
      uncited: c.uncited.length,
      placeholders: leaves.filter((l) => l.placeholder).length,
      ambiguities: draft.ambiguities.length,
      unmapped: draft.unmapped.length,
      target: f.target,
      why: loadMissed(join(ROOT, 'fixtures', f.fixture, 'missed.yaml')),
      matchedKeys: c.matched.map((l) => l.key),
      missed: c.unsourced.map((l) => l.key),
      extra: c.missing.map((m) => `${m.draft.key}  <- ${m.draft.cite ?? 'uncited'}${m.spec ? `  (spec: ${m.spec.key})` : ''}`),
    });
  }
  return out;
}

const pct = (n: number, of: number) => `${Math.round((100 * n) / of)}%`;

/** The spec values the document states: all but those missed.yaml says it never gives. */
export function statedValues(m: DraftMeasure): number {
  return m.fixtureValues - m.why.filter((w) => w.group === 'notInDocument').length;
}

export function measureTable(ms: readonly DraftMeasure[]): string {
  return [
    '| fixture | fixture values | reproduced | share (target) | stated values | share of stated | draft values | not in fixture | uncited | placeholders | ambiguities | unmapped lines |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...ms.map(
      (m) =>
        `| ${m.fixture} | ${m.fixtureValues} | ${m.reproduced} | ${pct(m.reproduced, m.fixtureValues)} (${m.target * 100}%) | ${statedValues(m)} | ${pct(m.reproduced, statedValues(m))} | ${m.draftValues} | ${m.notInFixture} | ${m.uncited} | ${m.placeholders} | ${m.ambiguities} | ${m.unmapped} |`,
    ),
  ].join('\n');
}

/** fixtures/README.md's table: the missed spec values by why (each fixture's missed.yaml). */
export function missedTable(ms: readonly DraftMeasure[]): string {
  const count = (m: DraftMeasure, g: MissedGroup) => m.why.filter((w) => w.group === g).length;
  return [
    `| fixture | spec values | reproduced | ${MISSED_GROUPS.map((g) => MISSED_LABELS[g]).join(' | ')} | reproduced of what the document states |`,
    `|---|---|---|${MISSED_GROUPS.map(() => '---|').join('')}---|`,
    ...ms.map(
      (m) =>
        `| ${m.fixture} | ${m.fixtureValues} | ${m.reproduced} (${pct(m.reproduced, m.fixtureValues)}) | ${MISSED_GROUPS.map((g) => count(m, g)).join(' | ')} | ${m.reproduced} of ${statedValues(m)} (${pct(m.reproduced, statedValues(m))}) |`,
    ),
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ms = await buildDrafts();
  if (process.argv.includes('--write')) for (const m of ms) writeFileSync(join(ROOT, m.file), m.yaml);
  process.stdout.write(`${measureTable(ms)}\n\nThe missed spec values by why (fixtures/*/missed.yaml):\n\n${missedTable(ms)}\n`);
  if (process.argv.includes('--missing')) {
    for (const m of ms) {
      const why = new Map(m.why.map((w) => [w.key, `${w.group}: ${w.reason}`]));
      const lines = m.missed.map((k) => `  ${k}  (${why.get(k) ?? 'NOT IN missed.yaml'})`);
      process.stdout.write(`\n## ${m.fixture}: ${m.missed.length} spec values not reproduced\n${lines.join('\n')}\n`);
      process.stdout.write(`## ${m.fixture}: ${m.extra.length} draft values not in the spec\n${m.extra.map((k) => `  ${k}`).join('\n')}\n`);
    }
  }
}
