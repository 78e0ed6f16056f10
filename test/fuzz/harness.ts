// One fuzz case: seeded mutation of one kind of input, envgate run on it in-process, and
// the outcome judged. A case fails when envgate reports an internal error, exits with a
// code it does not document, or takes longer than the time limit.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { type Bases, FUZZ_ENV, type Kind, KINDS, TARGETS } from './kinds.js';
import { mutate } from './mutate.js';
import { seeded } from './random.js';

/** The documented exit codes for results and bad input (README "Exit codes"); 4 is an internal error. */
const DOCUMENTED_EXITS = new Set([0, 1, 2, 3]);
export const TIME_LIMIT_MS = 5_000;

export interface CaseResult {
  kind: Kind;
  seed: number;
  mutations: string[];
  exitCode: number;
  /** Wall-clock time of the run. */
  ms: number;
  /** CPU time (user + system) of the run: the time limit applies to it, so a busy machine gives no false 'slow'. */
  cpuMs: number;
  /** Why the case fails the harness, if it does. */
  failure?: 'internal-error' | 'undocumented-exit' | 'slow' | 'threw';
  /** Exit 2 whose messages name no file:line:col (counted, not a failure). */
  unlocated: boolean;
  firstError: string;
  /** Everything printed on stderr, for failing cases only. */
  detail?: string;
}

/** Seeds differ per kind so that seed 1 of each kind is a different stream. */
function streamSeed(kind: Kind, seed: number): number {
  return (KINDS.indexOf(kind) + 1) * 1_000_003 + seed;
}

export interface CaseOptions {
  timeLimitMs?: number;
  /** Run with --verbose, so an internal error's stack is in `detail`. */
  verbose?: boolean;
}

export async function runCase(kind: Kind, seed: number, bases: Bases, workDir: string, options: CaseOptions = {}): Promise<CaseResult> {
  const timeLimitMs = options.timeLimitMs ?? TIME_LIMIT_MS;
  const rnd = seeded(streamSeed(kind, seed));
  const target = TARGETS[kind];
  const { text, mutations } = mutate(target.base(bases, (n) => rnd.int(n)), target.as, rnd);
  const dir = path.join(workDir, kind);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const argv = [...target.argv(dir, text), ...(options.verbose ? ['--verbose'] : [])];
  const out = memoryOutput();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let exitCode: number;
  let thrown: unknown;
  try {
    exitCode = await main(argv, FUZZ_ENV, out);
  } catch (err) {
    thrown = err;
    exitCode = -1;
  }
  const ms = Math.round(performance.now() - started);
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const stderr = out.stderr.join('\n');
  const firstError = thrown !== undefined ? String(thrown) : (out.stderr.find((l) => /error|envgate:/.test(l)) ?? out.stderr[0] ?? '');
  const failure =
    thrown !== undefined
      ? 'threw'
      : /internal error/.test(stderr)
        ? 'internal-error'
        : !DOCUMENTED_EXITS.has(exitCode)
          ? 'undocumented-exit'
          : cpuMs > timeLimitMs
            ? 'slow'
            : undefined;
  const unlocated = exitCode === 2 && !out.stderr.some((l) => /:\d+:\d+ /.test(l));
  return { kind, seed, mutations, exitCode, ms, cpuMs, ...(failure ? { failure } : {}), unlocated, firstError: firstError.slice(0, 300), ...(failure ? { detail: stderr.slice(0, 20_000) } : {}) };
}

export interface KindSummary {
  kind: Kind;
  runs: number;
  exits: Record<string, number>;
  failures: CaseResult[];
  unlocated: number;
  maxMs: number;
  maxCpuMs: number;
  totalMs: number;
  /** How many cases took each whole number of CPU milliseconds, for the median. */
  cpuHistogram: Record<string, number>;
}

export function emptySummary(kind: Kind): KindSummary {
  return { kind, runs: 0, exits: {}, failures: [], unlocated: 0, maxMs: 0, maxCpuMs: 0, totalMs: 0, cpuHistogram: {} };
}

export function addResult(s: KindSummary, r: CaseResult): void {
  s.runs++;
  s.exits[String(r.exitCode)] = (s.exits[String(r.exitCode)] ?? 0) + 1;
  if (r.failure) s.failures.push(r);
  if (r.unlocated) s.unlocated++;
  s.maxMs = Math.max(s.maxMs, r.ms);
  s.maxCpuMs = Math.max(s.maxCpuMs, r.cpuMs);
  s.totalMs += r.ms;
  s.cpuHistogram[String(r.cpuMs)] = (s.cpuHistogram[String(r.cpuMs)] ?? 0) + 1;
}

/** The median CPU milliseconds per case (the lower middle one for an even count). */
export function medianCpuMs(s: KindSummary): number {
  const half = Math.ceil(s.runs / 2);
  let seen = 0;
  for (const [ms, n] of Object.entries(s.cpuHistogram).sort(([a], [b]) => Number(a) - Number(b))) {
    seen += n;
    if (seen >= half) return Number(ms);
  }
  return 0;
}

/** Runs seeds from..from+count-1 of one kind in this process. */
export async function runKind(kind: Kind, from: number, count: number, bases: Bases, workDir: string, onCase?: (r: CaseResult) => void): Promise<KindSummary> {
  const summary = emptySummary(kind);
  for (let seed = from; seed < from + count; seed++) {
    const r = await runCase(kind, seed, bases, workDir);
    addResult(summary, r);
    onCase?.(r);
  }
  return summary;
}
