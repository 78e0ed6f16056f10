// npm run fuzz -- --count N [--kind K ...] [--seed S] [--jobs N] [--json FILE]
// Runs N seeded mutations of each kind of input through envgate and prints, per kind, the
// exit codes seen, the slowest run and every failing case (internal error, undocumented
// exit, over 5 s of CPU, or a hang). Each kind runs in a child process, so a hang or a crash is
// caught: the child is stopped after HANG_MS without progress and resumed at the next seed.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { addResult, type CaseResult, emptySummary, type KindSummary, medianCpuMs, runCase, TIME_LIMIT_MS } from './harness.js';
import { type Kind, KINDS, loadBases } from './kinds.js';

const HANG_MS = 60_000;

type FromChild = { type: 'start'; seed: number } | { type: 'case'; result: CaseResult } | { type: 'end' };

interface Options {
  count: number;
  kinds: Kind[];
  seed: number;
  jobs: number;
  json?: string;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { count: 100, kinds: [...KINDS], seed: 1, jobs: 1 };
  const kinds: Kind[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--count' || flag === '--seed' || flag === '--jobs') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < (flag === '--seed' ? 0 : 1)) throw new Error(`${flag} takes a whole number, got '${value}'`);
      if (flag === '--count') opts.count = n;
      else if (flag === '--jobs') opts.jobs = n;
      else opts.seed = n;
      i++;
    } else if (flag === '--kind' && (KINDS as readonly string[]).includes(value ?? '')) {
      kinds.push(value as Kind);
      i++;
    } else if (flag === '--json' && value !== undefined) {
      opts.json = value;
      i++;
    } else throw new Error(`unknown argument '${flag}${flag === '--kind' ? ` ${value}` : ''}' (use --count N, --kind ${KINDS.join('|')}, --seed S, --jobs N, --json FILE)`);
  }
  if (kinds.length > 0) opts.kinds = kinds;
  return opts;
}

/** Child: runs seeds [from, to) of one kind, reporting each case as it starts and ends. */
async function child(kind: Kind, from: number, to: number): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), `envgate-fuzz-${kind}-`));
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  process.on('disconnect', () => process.exit(1)); // the parent is gone: stop too
  const bases = await loadBases(work);
  for (let seed = from; seed < to; seed++) {
    // A case that does no real I/O resolves in microtasks only: yield to the event loop so
    // signals and the parent's disconnect are seen between cases.
    await new Promise((resolve) => setImmediate(resolve));
    process.send!({ type: 'start', seed } satisfies FromChild);
    const result = await runCase(kind, seed, bases, work);
    process.send!({ type: 'case', result } satisfies FromChild);
  }
  process.send!({ type: 'end' } satisfies FromChild);
}

/** Parent: runs one kind in children, restarting after a hang or crash, until every seed ran. */
async function runKindWatched(kind: Kind, from: number, count: number): Promise<KindSummary> {
  const summary = emptySummary(kind);
  const self = fileURLToPath(import.meta.url);
  let next = from;
  while (next < from + count) {
    const started = next;
    const outcome = await new Promise<'end' | 'stopped'>((resolve) => {
      const c = fork(self, ['--child', kind, String(started), String(from + count)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      let current = started;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => c.kill('SIGKILL'), HANG_MS);
      };
      arm();
      c.on('message', (m: FromChild) => {
        if (m.type === 'start') {
          current = m.seed;
          arm();
        } else if (m.type === 'case') {
          addResult(summary, m.result);
          next = m.result.seed + 1;
          if (summary.runs % 100 === 0) process.stderr.write(`fuzz ${kind}: ${summary.runs}/${count}, ${summary.failures.length} failing, CPU max ${summary.maxCpuMs} ms, median ${medianCpuMs(summary)} ms\n`);
        }
      });
      c.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (next >= from + count) return resolve('end');
        // Stopped by the watchdog or died mid-case: that case fails, the run goes on after it.
        const why = signal === 'SIGKILL' ? `no answer within ${HANG_MS / 1000} s` : `the process ended (${signal ?? `exit ${code}`})`;
        addResult(summary, { kind, seed: current, mutations: [], exitCode: -1, ms: HANG_MS, cpuMs: 0, failure: 'slow', unlocated: false, firstError: why });
        next = current + 1;
        resolve('stopped');
      });
    });
    if (outcome === 'end') break;
  }
  return summary;
}

function report(summaries: KindSummary[]): string {
  const lines: string[] = [];
  for (const s of summaries) {
    const exits = Object.entries(s.exits)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([code, n]) => `exit ${code}: ${n}`)
      .join(', ');
    lines.push(`${s.kind}: ${s.runs} runs, ${s.failures.length} failing (${exits}); slowest ${s.maxCpuMs} ms CPU (${s.maxMs} ms wall), median ${medianCpuMs(s)} ms CPU, mean ${Math.round(s.totalMs / Math.max(1, s.runs))} ms wall; exit 2 without file:line:col: ${s.unlocated}`);
    for (const f of s.failures.slice(0, 20)) lines.push(`  seed ${f.seed} ${f.failure} ${f.cpuMs} ms CPU [${f.mutations.join(' ')}]: ${f.firstError.replace(/(.)\1{40,}/g, '$1$1$1...')}`);
    if (s.failures.length > 20) lines.push(`  ... and ${s.failures.length - 20} more`);
  }
  const failing = summaries.reduce((n, s) => n + s.failures.length, 0);
  lines.push(failing === 0 ? `fuzz: no internal error, no undocumented exit, no run over ${TIME_LIMIT_MS / 1000} s` : `fuzz: ${failing} failing case(s)`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--child') {
    await child(argv[1] as Kind, Number(argv[2]), Number(argv[3]));
    return 0;
  }
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`fuzz: ${(err as Error).message}\n`);
    return 2;
  }
  const limit = pLimit(opts.jobs);
  const summaries = await Promise.all(opts.kinds.map((kind) => limit(() => runKindWatched(kind, opts.seed, opts.count))));
  process.stdout.write(`${report(summaries)}\n`);
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify(summaries, null, 2)}\n`);
  return summaries.some((s) => s.failures.length > 0) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
