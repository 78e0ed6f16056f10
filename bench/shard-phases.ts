// Retained heap of each phase of a scan, sharded and not (the scale model's memory per
// resource): `node --expose-gc --import tsx bench/shard-phases.ts SPEC (--shards DIR [WINDOW] | --snapshot FILE)`.
// After each phase a full GC, then heapUsed and RSS: what the phase keeps, not its garbage.
import { readSnapshot } from '../src/collect/snapshot-io.js';
import { evaluate } from '../src/engine/evaluate.js';
import { evaluateShards, readShardIndex, shardFiles } from '../src/gate/sharded-scan.js';
import { loadRules } from '../src/rules/load.js';
import { loadSpec } from '../src/spec/load.js';

const [specFile, mode, input, windowArg] = process.argv.slice(2);
const window = windowArg !== undefined ? Number(windowArg) : undefined;
const gc = (globalThis as { gc?: () => void }).gc;
if (!specFile || !input || (mode !== '--shards' && mode !== '--snapshot') || !gc) {
  console.error('usage: node --expose-gc --import tsx bench/shard-phases.ts SPEC (--shards DIR [WINDOW] | --snapshot FILE)');
  process.exit(2);
}
const mib = (n: number) => Math.round(n / 2 ** 20);
const line = (phase: string, resources: number) => {
  gc();
  const m = process.memoryUsage();
  console.log(`${phase}: heap ${mib(m.heapUsed)} MiB (${resources > 0 ? Math.round(m.heapUsed / resources) : 0} bytes per resource), rss ${mib(m.rss)} MiB`);
};
const spec = loadSpec(specFile);
const rules = loadRules([]);
const now = new Date('2026-06-01T00:00:00Z');
line('start', 0);
if (mode === '--shards') {
  const index = readShardIndex(shardFiles([input]), rules, spec);
  const n = index.snapshot.resources.length;
  line(`index of ${n} resources`, n);
  const ev = evaluateShards({ spec, index, rules, now, passes: 'summary', ...(window ? { window } : {}) });
  line(`evaluated (${ev.results.length} results)`, n);
} else {
  const snapshot = readSnapshot(input);
  const n = snapshot.resources.length;
  line(`snapshot of ${n} resources`, n);
  const ev = evaluate({ spec, snapshot, rules, now, passes: 'summary' });
  line(`evaluated (${ev.results.length} results)`, n);
}
