// Cost of environment inheritance (src/engine/inheritance.ts) at 100k resources, in CPU
// time (steadier than wall time on a shared machine): the synthetic snapshot as is (every
// resource has its own signal, so only the scan for carriers runs), and "stressed", where
// every instance, volume, security group, alarm and database has no signal of its own and
// inherits. Median of 5 runs. Usage: node --import tsx bench/inherit.ts
import { syntheticSnapshot, syntheticSpec } from './synthetic.js';
import { buildContext } from '../src/engine/build-context.js';
import { createAttributor, vpcIdResolver } from '../src/engine/attribution.js';
import { inheritEnvironments } from '../src/engine/inheritance.js';
import { addRelationSources } from '../src/engine/analyses/support.js';
import type { Snapshot } from '../src/model/snapshot.js';

const spec = syntheticSpec();
const cpuMs = () => process.cpuUsage().user / 1000;
function stress(s: Snapshot): Snapshot {
  // No own signal for every instance, volume, security group, alarm and DB: all inherit.
  const types = new Set(['AWS::EC2::Instance', 'AWS::EC2::Volume', 'AWS::EC2::SecurityGroup', 'AWS::CloudWatch::Alarm', 'AWS::RDS::DBInstance']);
  return { ...s, resources: s.resources.map((r) => (types.has(r.type) ? { ...r, tags: {}, name: r.id } : r)) };
}
for (const [label, snap] of [['plain', syntheticSnapshot(100_000)], ['stressed', stress(syntheticSnapshot(100_000))]] as const) {
  const times: number[] = [];
  const inh: number[] = [];
  let inherited = 0;
  for (let k = 0; k < 5; k++) {
    const t0 = cpuMs();
    buildContext(spec, snap, new Date(0));
    times.push(cpuMs() - t0);
    const positions = new Map<string, number>();
    const rs = new Map<string, number[]>();
    snap.resources.forEach((r, i) => { positions.set(r.arn, i); addRelationSources(rs, r, i); });
    const byArn = new Map(snap.resources.map((r) => [r.arn, r]));
    const a = createAttributor(spec.spec, vpcIdResolver(byArn));
    const recs = snap.resources.map((r) => a.attribute(r));
    const t1 = cpuMs();
    inheritEnvironments(snap.resources, recs, positions, rs, a);
    inh.push(cpuMs() - t1);
    inherited = recs.filter((r) => r.evidence.some((e) => e.signal === 'relation')).length;
  }
  const med = (x: number[]) => [...x].sort((p, q) => p - q)[2]!.toFixed(1);
  console.log(`${label}: ${snap.resources.length} resources, ${inherited} inherit; buildContext CPU median ${med(times)} ms, inheritance CPU median ${med(inh)} ms`);
}
