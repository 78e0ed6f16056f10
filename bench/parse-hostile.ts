// Hostile-input benchmark: CPU time of parsing the fuzz inputs that once took seconds (an
// alias bomb, thousands of aliases, a 200 kB key) next to parsing the ordinary spec they
// are built on, medians of N interleaved rounds in this process, and their ratio.
// Usage: node --import tsx bench/parse-hostile.ts [--runs 15]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseWaivers } from '../src/gate/waivers.js';
import { parseSpec } from '../src/spec/load.js';
import { aliasBomb, hugeTypeSpec, manyAliasSpec, manyAliasWaivers } from '../test/helpers/hostile-yaml.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 15;
const SPEC = readFileSync(`${ROOT}fixtures/mht-api/envgate.yaml`, 'utf8');

/** Runs fn; a rejected input is the expected outcome of most cases, so errors are swallowed. */
function attempt(fn: () => unknown): void {
  try {
    fn();
  } catch {
    /* refused, as intended */
  }
}

const CASES: { name: string; run: () => void }[] = [
  { name: 'the mht-api spec (baseline)', run: () => parseSpec(SPEC, 'envgate.yaml') },
  { name: 'alias bomb + spec (10^10 nodes expanded)', run: () => attempt(() => parseSpec(`${aliasBomb()}${SPEC}`, 'envgate.yaml')) },
  { name: '5,000 aliases + spec', run: () => attempt(() => parseSpec(manyAliasSpec(SPEC, 5000), 'envgate.yaml')) },
  { name: '200 kB resource type in the spec', run: () => attempt(() => parseSpec(hugeTypeSpec(SPEC), 'envgate.yaml')) },
  { name: 'waivers: 3,000 entries, 3,000 aliases', run: () => attempt(() => parseWaivers(manyAliasWaivers(3000), 'waivers.yaml')) },
];

const cpuMs = (fn: () => void): number => {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

for (const c of CASES) c.run(); // warm-up: schema compilation and JIT out of the timings
const times = CASES.map(() => [] as number[]);
for (let r = 0; r < RUNS; r++) CASES.forEach((c, i) => times[i]!.push(cpuMs(c.run)));

const base = median(times[0]!);
console.log(`Node ${process.version}, ${RUNS} interleaved rounds, CPU ms (user + system), medians\n`);
console.log('| input | CPU | ratio to the plain spec |\n|---|---:|---:|');
CASES.forEach((c, i) => {
  const m = median(times[i]!);
  console.log(`| ${c.name} | ${m.toFixed(1)} ms | ${(m / base).toFixed(1)}x |`);
});
