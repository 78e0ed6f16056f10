// Engine benchmark: evaluate every rule (built-in catalogue) over synthetic snapshots of
// 10k, 100k and 1M resources. Each size runs in its own process so peak memory (maxRSS)
// is that size's alone, pinned to one core (`taskset -c 0`, where there is taskset) as
// the targets say: V8's compiler and GC threads then share that core instead of running
// beside the evaluation. Usage: node --import tsx bench/engine.ts [--sizes 10000,100000]
// [--passes summary,all] [--form loaded|built] [--per-rule] [--all-cores]; the child mode
// (--size N) prints one JSON line. CPU time (this process, all its threads) is printed next to wall time: on a
// shared, loaded machine it is the steadier of the two.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { evaluate, type PassMode } from '../src/engine/evaluate.js';
import { loadRules } from '../src/rules/load.js';
import { syntheticSnapshot, syntheticSpec } from './synthetic.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

interface Measure {
  resources: number;
  rules: number;
  results: number;
  fails: number;
  generateMs: number;
  evaluateMs: number;
  evaluateCpuMs: number;
  passes: PassMode;
  form: Form;
  /** Passes counted instead of kept (summary mode). */
  passesCounted: number;
  maxRssMb: number;
  perRule?: Record<string, number>;
}

/**
 * 'loaded' (default): every resource and principal as a snapshot file's JSON.parse gives
 * it (and as a collector builds it from API responses): flat strings, its own tags and
 * config objects. 'built': as the generator makes them, ARNs concatenated from parts and
 * tag objects shared within a service, which V8 must flatten and which evaluate slower.
 */
type Form = 'loaded' | 'built';

function child(size: number, perRule: boolean, passes: PassMode, form: Form): Measure {
  const rules = loadRules();
  const spec = syntheticSpec();
  let t = performance.now();
  const snapshot = syntheticSnapshot(size);
  if (form === 'loaded') {
    // In place, so the built objects become garbage one by one and do not add to the peak.
    for (const list of [snapshot.resources, snapshot.principals] as unknown[][]) {
      for (let i = 0; i < list.length; i++) list[i] = JSON.parse(JSON.stringify(list[i])) as unknown;
    }
  }
  const generateMs = performance.now() - t;
  t = performance.now();
  const cpu = process.cpuUsage();
  const ev = evaluate({ spec, snapshot, rules, now: new Date('2025-01-01T00:00:00Z'), passes });
  const evaluateMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const m: Measure = {
    resources: snapshot.resources.length,
    rules: rules.length,
    results: ev.results.length,
    fails: ev.results.filter((r) => r.status === 'fail').length,
    generateMs: Math.round(generateMs),
    evaluateMs: Math.round(evaluateMs),
    evaluateCpuMs: Math.round((used.user + used.system) / 1000),
    passes,
    form,
    passesCounted: (ev.passCounts ?? []).reduce((a, c) => a + c.passes, 0),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  if (perRule) {
    m.perRule = {};
    for (const r of rules) {
      const s = performance.now();
      evaluate({ spec, snapshot, rules: [r], now: new Date('2025-01-01T00:00:00Z'), passes });
      m.perRule[r.meta.id] = Math.round(performance.now() - s);
    }
  }
  return m;
}

/** The targets (summary mode, one core): evaluation time per size, and peak RSS at 1M. */
const TARGETS: Record<number, { ms: number; rssMb?: number }> = { 100_000: { ms: 2_000 }, 1_000_000: { ms: 20_000, rssMb: 2_560 } };

function verdict(m: Measure): string {
  const t = TARGETS[m.resources];
  if (t === undefined || m.passes !== 'summary') return '';
  const ok = m.evaluateMs < t.ms && (t.rssMb === undefined || m.maxRssMb < t.rssMb);
  return `  target < ${t.ms / 1000} s${t.rssMb ? `, < ${t.rssMb / 1024} GB` : ''}: ${ok ? 'met' : 'MISSED'}`;
}

const parseMode = (m: string): PassMode => {
  if (m !== 'all' && m !== 'summary') throw new Error(`--passes takes all and/or summary, not ${m}`);
  return m;
};
const single = arg('--size');
const modes = (arg('--passes') ?? 'summary,all').split(',').map(parseMode);
const form = (arg('--form') ?? 'loaded') as Form;
if (form !== 'loaded' && form !== 'built') throw new Error(`--form takes loaded or built, not ${String(form)}`);
if (single !== undefined) {
  process.stdout.write(`${JSON.stringify(child(Number(single), args.includes('--per-rule'), modes[0]!, form))}\n`);
} else {
  const sizes = (arg('--sizes') ?? '10000,100000,1000000').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const pin = !args.includes('--all-cores') && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  console.log(`${pin ? 'one core (taskset -c 0)' : 'all cores (no taskset, or --all-cores)'}; snapshot form: ${form}`);
  for (const passes of modes) {
    console.log(`passes: ${passes}`);
    console.log('resources  rules  results    fails     evaluate   (CPU)       peak RSS');
    for (const size of sizes) {
      // 4 GB heap ceiling so a regression shows as a number, not a crash; the target is 2.5 GB RSS.
      const childArgs = ['--max-old-space-size=4096', '--import', 'tsx', self, '--size', String(size), '--passes', passes, '--form', form, ...(args.includes('--per-rule') ? ['--per-rule'] : [])];
      const r = pin
        ? spawnSync('taskset', ['-c', '0', process.execPath, ...childArgs], { encoding: 'utf8', maxBuffer: 1 << 24 })
        : spawnSync(process.execPath, childArgs, { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (r.status !== 0) {
        console.error(r.stderr);
        process.exitCode = 1;
        continue;
      }
      const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure;
      console.log(`${String(m.resources).padStart(9)}  ${String(m.rules).padStart(5)}  ${String(m.results).padStart(8)}  ${String(m.fails).padStart(7)}  ${String(m.evaluateMs).padStart(8)} ms  ${String(m.evaluateCpuMs).padStart(7)} ms  ${String(m.maxRssMb).padStart(6)} MB${m.passesCounted > 0 ? `  (+${m.passesCounted} passes counted)` : ''}${verdict(m)}`);
      if (m.perRule) {
        for (const [id, ms] of Object.entries(m.perRule).sort((a, b) => b[1] - a[1])) console.log(`    ${id.padEnd(34)} ${ms} ms`);
      }
    }
  }
}
