// Start-up benchmark: wall time of the compiled CLI (dist/bin/envgate.js, as installed)
// for the commands a person or a pipeline runs most, median of N runs, next to
// `node -e 0` on the same Node, with the targets' verdict. Build first (npm run build).
// CPU time (user + system of the child, read with bash's `times`) is printed too: on a
// shared, loaded machine wall time measures the queue for the cores as much as envgate.
// Usage: node --import tsx bench/startup.ts [--runs 15]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
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

const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

/** Wall and CPU seconds of one run. */
function once(c: Case): { wall: number; cpu: number } {
  const script = `${[process.execPath, ...c.argv].map(quote).join(' ')} >/dev/null 2>&1; code=$?; times >&2; exit $code`;
  const t = performance.now();
  const r = spawnSync('bash', ['-c', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== c.code) throw new Error(`${c.name}: exit ${r.status}, expected ${c.code}`);
  // `times`: the shell's user and system time, then its children's.
  const child = r.stderr.trim().split('\n').at(-1)!.match(/(\d+)m([\d.]+)s/g)!;
  const cpu = child.map((x) => Number(/(\d+)m/.exec(x)![1]) * 60 + Number(/m([\d.]+)s/.exec(x)![1])).reduce((a, b) => a + b, 0);
  return { wall, cpu };
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
  const walls = CASES.map(() => [] as number[]);
  const cpus = CASES.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    CASES.forEach((c, j) => {
      const m = once(c);
      walls[j]!.push(m.wall);
      cpus[j]!.push(m.cpu);
    });
  }
  const base = median(walls[0]!);
  console.log(`Node ${process.version}, ${RUNS} runs each, medians; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores at the end`);
  console.log('| command | wall | ratio to node -e 0 | CPU (user+sys) | target (wall) | verdict |');
  console.log('|---|---:|---:|---:|---:|---|');
  CASES.forEach((c, j) => {
    const m = median(walls[j]!);
    const verdict = c.target === undefined ? '' : m < c.target ? 'met' : 'MISSED';
    console.log(`| ${c.name} | ${m.toFixed(3)} s | ${(m / base).toFixed(1)}x | ${median(cpus[j]!).toFixed(3)} s | ${c.target === undefined ? '' : `< ${c.target} s`} | ${verdict} |`);
  });
} finally {
  rmSync(out, { recursive: true, force: true });
}
