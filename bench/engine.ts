// Engine benchmark: evaluate every rule (built-in catalogue) over synthetic snapshots of
// 10k, 100k and 1M resources. Each size runs in its own process so peak memory (maxRSS)
// is that size's alone. Usage: node --import tsx bench/engine.ts [--sizes 10000,100000]
// [--per-rule] ; the child mode (--size N) prints one JSON line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../src/engine/evaluate.js';
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
  maxRssMb: number;
  perRule?: Record<string, number>;
}

function child(size: number, perRule: boolean): Measure {
  const rules = loadRules();
  const spec = syntheticSpec();
  let t = performance.now();
  const snapshot = syntheticSnapshot(size);
  const generateMs = performance.now() - t;
  t = performance.now();
  const ev = evaluate({ spec, snapshot, rules, now: new Date('2025-01-01T00:00:00Z') });
  const evaluateMs = performance.now() - t;
  const m: Measure = {
    resources: snapshot.resources.length,
    rules: rules.length,
    results: ev.results.length,
    fails: ev.results.filter((r) => r.status === 'fail').length,
    generateMs: Math.round(generateMs),
    evaluateMs: Math.round(evaluateMs),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  if (perRule) {
    m.perRule = {};
    for (const r of rules) {
      const s = performance.now();
      evaluate({ spec, snapshot, rules: [r], now: new Date('2025-01-01T00:00:00Z') });
      m.perRule[r.meta.id] = Math.round(performance.now() - s);
    }
  }
  return m;
}

const single = arg('--size');
if (single !== undefined) {
  process.stdout.write(`${JSON.stringify(child(Number(single), args.includes('--per-rule')))}\n`);
} else {
  const sizes = (arg('--sizes') ?? '10000,100000,1000000').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  console.log('resources  rules  results    fails     evaluate   peak RSS');
  for (const size of sizes) {
    // 4 GB heap ceiling so a regression shows as a number, not a crash; the target is 2.5 GB RSS.
    const r = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', self, '--size', String(size), ...(args.includes('--per-rule') ? ['--per-rule'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exitCode = 1;
      continue;
    }
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure;
    console.log(`${String(m.resources).padStart(9)}  ${String(m.rules).padStart(5)}  ${String(m.results).padStart(8)}  ${String(m.fails).padStart(7)}  ${String(m.evaluateMs).padStart(8)} ms  ${String(m.maxRssMb).padStart(6)} MB`);
    if (m.perRule) {
      for (const [id, ms] of Object.entries(m.perRule).sort((a, b) => b[1] - a[1])) console.log(`    ${id.padEnd(34)} ${ms} ms`);
    }
  }
}
