// Digest of whole evaluations, for checking that an engine optimisation changes no
// output: sha256 over the JSON of every Result, pass count, access-matrix cell, cost,
// attribution record and rule, for synthetic snapshots in both pass modes. The "edge"
// variant adds what the plain snapshot lacks: a type-level and a per-resource collection
// error, an unreachable account, and a duplicate ARN. Run before and after a change; the
// lines must be the same; where they differ, `--dump DIR` writes each evaluation's
// results as JSON lines to diff. Usage: node --import tsx bench/digest.ts
// [--sizes 10000,100000] [--dump DIR]
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Snapshot } from '../src/model/snapshot.js';
import { evaluate, type PassMode } from '../src/engine/evaluate.js';
import { loadRules } from '../src/rules/load.js';
import { syntheticSnapshot, syntheticSpec } from './synthetic.js';

function withEdges(s: Snapshot): Snapshot {
  const resources = [...s.resources];
  const dup = resources[Math.floor(resources.length / 3)]!;
  resources.splice(Math.floor(resources.length / 2), 0, { ...dup, name: `${dup.name}-again`, tags: {} });
  const queue = resources.find((r) => r.type === 'AWS::SQS::Queue')!;
  const errors: Snapshot['errors'] = [
    { accountId: '100000000002', region: 'us-east-1', service: 'logs', operation: 'DescribeLogGroups', code: 'AccessDenied', message: 'denied', affects: ['AWS::Logs::LogGroup'] },
    { accountId: queue.accountId, region: queue.region, service: 'sqs', operation: 'GetQueueAttributes', code: 'Throttling', message: 'slow down', affects: ['AWS::SQS::Queue'], resourceArn: queue.arn },
    { accountId: '100000000003', region: 'us-east-1', service: 'sts', operation: 'AssumeRole', code: 'AccessDenied', message: 'no role', affects: ['*'] },
  ];
  return { ...s, resources, errors };
}

const sizesArg = process.argv.indexOf('--sizes');
const sizes = (sizesArg >= 0 ? process.argv[sizesArg + 1]! : '10000,100000').split(',').map(Number);
const dumpArg = process.argv.indexOf('--dump');
const dump = dumpArg >= 0 ? process.argv[dumpArg + 1]! : undefined;
if (dump !== undefined) mkdirSync(dump, { recursive: true });
const rules = loadRules();
const spec = syntheticSpec();
for (const size of sizes) {
  const plain = syntheticSnapshot(size);
  for (const [variant, snapshot] of [['plain', plain], ['edge', withEdges(plain)]] as const) {
    for (const passes of ['all', 'summary'] as PassMode[]) {
      const ev = evaluate({ spec, snapshot, rules, now: new Date('2025-01-01T00:00:00Z'), passes });
      const lines = ev.results.map((r) => JSON.stringify(r));
      lines.push(JSON.stringify({ passCounts: ev.passCounts, accessMatrix: ev.accessMatrix, costs: ev.costs, rules: ev.rules, attribution: ev.attribution }));
      const hash = createHash('sha256');
      for (const line of lines) hash.update(line).update('\n');
      if (dump !== undefined) writeFileSync(join(dump, `${size}-${variant}-${passes}.jsonl`), `${lines.join('\n')}\n`);
      console.log(`${String(size).padStart(7)} ${variant.padEnd(5)} ${passes.padEnd(7)} ${String(ev.results.length).padStart(7)} results  ${hash.digest('hex').slice(0, 16)}`);
    }
  }
}
