// Start-up benchmark: wall time of the compiled CLI (dist/bin/envgate.js, as installed)
// for the commands a person or a pipeline runs most, median of N runs, next to
// `node -e 0` on the same Node, with the targets' verdict. Build first (npm run build).
// Usage: node --import tsx bench/startup.ts [--runs 15]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'dist', 'bin', 'envgate.js');
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 15;

interface Case {
  name: string;
  argv: string[];
  /** Target in seconds (issue 14). */
  target?: number;
  /** Exit code the command must give, so a broken build is not timed as a fast one. */
  code: number;
}

const out = mkdtempSync(path.join(tmpdir(), 'envgate-bench-startup-'));
const CASES: Case[] = [
  { name: 'node -e 0', argv: ['-e', '0'], code: 0 },
  { name: 'envgate --version', argv: [BIN, '--version'], target: 0.2, code: 0 },
  { name: 'envgate --help', argv: [BIN, '--help'], target: 0.2, code: 0 },
  { name: 'envgate validate fixtures/mht-api/envgate.yaml', argv: [BIN, 'validate', 'fixtures/mht-api/envgate.yaml'], target: 0.5, code: 0 },
  {
    name: 'envgate scan --snapshot (the demo)',
    argv: [BIN, 'scan', '--spec', 'fixtures/mht-api/envgate.yaml', '--snapshot', 'fixtures/mht-api/snapshot.json', '--out', out, '--format', 'json,sarif,md', '--fail-on', 'none'],
    target: 1.5,
    code: 0,
  },
];

function once(c: Case): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, c.argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const s = (performance.now() - t) / 1000;
  if (r.status !== c.code) throw new Error(`${c.name}: exit ${r.status}, expected ${c.code}: ${r.stderr}`);
  return s;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

if (!existsSync(BIN)) {
  console.error(`bench/startup: ${BIN} is missing; run npm run build first`);
  process.exit(2);
}
try {
  // One warm-up run each (file cache, Node's compile cache), then RUNS interleaved rounds
  // so a burst of load on a shared machine hits every case alike.
  for (const c of CASES) once(c);
  const times = CASES.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) CASES.forEach((c, j) => times[j]!.push(once(c)));
  const base = median(times[0]!);
  console.log(`Node ${process.version}, ${RUNS} runs each, median wall time`);
  console.log('| command | median | ratio to node -e 0 | target | verdict |');
  console.log('|---|---:|---:|---:|---|');
  CASES.forEach((c, j) => {
    const m = median(times[j]!);
    const verdict = c.target === undefined ? '' : m < c.target ? 'met' : 'MISSED';
    console.log(`| ${c.name} | ${m.toFixed(3)} s | ${(m / base).toFixed(1)}x | ${c.target === undefined ? '' : `< ${c.target} s`} | ${verdict} |`);
  });
} finally {
  rmSync(out, { recursive: true, force: true });
}
