// Whole-CLI benchmark: `envgate scan --snapshot` end to end (start, load and validate the
// snapshot, evaluate every rule, write the JSON, SARIF and Markdown reports) with default
// options, on synthetic estates of 100k and 1M resources, pinned to one core. Timed from
// outside by /usr/bin/time (wall, user+sys, peak RSS of the process); the load average is
// printed with each figure, since the machine is shared. Build first (`npm run build`).
// Usage: node --import tsx bench/cli.ts [--sizes 100000,1000000] [--dir DIR] [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshotFile, specFile } from './cli-files.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Issue 13's targets on one core: wall seconds and peak RSS (MB) per size. */
const TARGETS: Record<number, { s: number; rssMb: number }> = { 100_000: { s: 4, rssMb: 700 }, 1_000_000: { s: 30, rssMb: 2_560 } };

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist', 'bin', 'envgate.js');
const dir = arg('--dir') ?? path.join(tmpdir(), 'envgate-bench-cli');
const sizes = (arg('--sizes') ?? '100000,1000000').split(',').map(Number);
const runs = Number(arg('--runs') ?? '1');

interface Run {
  wallS: number;
  cpuS: number;
  rssMb: number;
  exit: number;
  load: number;
}

function timed(argv: string[]): Run {
  const load = loadavg()[0]!;
  const pin = spawnSync('taskset', ['-c', '0', 'true']).status === 0 ? ['taskset', '-c', '0'] : [];
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', ...pin, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = (r.stderr ?? '').split('\n').find((l) => l.startsWith('TIME '));
  if (!line) throw new Error(`could not time ${argv.join(' ')}: ${r.stderr}`);
  const [wall, user, sys, rssKb] = line.split(' ').slice(1).map(Number) as [number, number, number, number];
  // /usr/bin/time prints "Command exited with non-zero status N" for non-zero exits.
  const exit = Number(/non-zero status (\d+)/.exec(r.stderr)?.[1] ?? '0');
  return { wallS: wall, cpuS: user + sys, rssMb: Math.round(rssKb / 1024), exit, load };
}

if (!existsSync(cli)) throw new Error('dist/bin/envgate.js is missing: run npm run build first');
mkdirSync(dir, { recursive: true });
console.log(`one core (taskset -c 0); envgate scan --snapshot, default options (--passes auto), reports json, sarif, md; files in ${dir}`);
console.log('resources  run  wall      CPU       peak RSS  exit  reports                         load');
for (const n of sizes) {
  if (!existsSync(snapshotFile(dir, n)) || !existsSync(specFile(dir))) {
    const g = spawnSync(process.execPath, ['--max-old-space-size=6000', '--import', 'tsx', path.join(root, 'bench', 'cli-files.ts'), String(n), dir], { stdio: 'inherit' });
    if (g.status !== 0) throw new Error(`could not write the ${n}-resource snapshot`);
  }
  const out = path.join(dir, `out-${n}`);
  for (let i = 1; i <= runs; i++) {
    const r = timed([process.execPath, cli, 'scan', '--spec', specFile(dir), '--snapshot', snapshotFile(dir, n), '--out', out, '--fail-on', 'none']);
    const files = existsSync(out) ? readdirSync(out).filter((f) => f.startsWith('envgate.')) : [];
    const sizesText = files.map((f) => `${f.slice(8)} ${Math.round(statSync(path.join(out, f)).size / 2 ** 20)}M`).join(' ');
    const t = TARGETS[n];
    // On a shared machine the pinned core is also others': CPU time is the process's own.
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
    const verdict = t ? `  target < ${t.s} s, < ${t.rssMb} MB: CPU ${met(r.cpuS < t.s && r.rssMb < t.rssMb)}, wall ${met(r.wallS < t.s && r.rssMb < t.rssMb)}` : '';
    console.log(
      `${String(n).padStart(9)}  ${String(i).padStart(3)}  ${r.wallS.toFixed(1).padStart(6)} s  ${r.cpuS.toFixed(1).padStart(6)} s  ${String(r.rssMb).padStart(6)} MB  ${String(r.exit).padStart(4)}  ${sizesText.padEnd(30)}  ${r.load.toFixed(1)}${verdict}`,
    );
    // Exit 3 is the synthetic estate's not-evaluated checks; anything else but 0/1 is a failure.
    if (r.exit !== 0 && r.exit !== 1 && r.exit !== 3) process.exitCode = 1;
  }
}
