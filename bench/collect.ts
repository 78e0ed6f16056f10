// Collection benchmark: seeds moto with about 2,000 resources across two regions, then
// collects them for specs of different breadth (and the narrow one under a rule set of its
// own checks), each with only the calls its checks need (collect/demand.ts), and once
// with everything (`inventory --full`). Each collection's
// calls are compared with the floor of what that spec's checks need: ceil(tagged/100)
// Tagging pages, every needed list call at its largest page, and one call per resource
// for each needed per-resource call (from the descriptors). Prints Markdown tables
// (pasted into bench/README.md, section Collection).
// Usage: node --import tsx bench/collect.ts [--per-region 1000]
import { CATALOGUE } from '../src/collect/catalogue/index.js';
import { collect, demandOf, FULL_DEMAND, type Demand } from '../src/collect/index.js';
import { needsCall } from '../src/collect/demand.js';
import type { Snapshot } from '../src/model/snapshot.js';
import { loadRules } from '../src/rules/load.js';
import { estateMix, estateSpec, REGIONS } from './collect-estate.js';
import { startMoto } from '../test/helpers/moto.js';
import { seedAccountRegion, type SeedOptions } from '../test/helpers/seed-aws.js';

const args = process.argv.slice(2);
const perRegion = Number(args[args.indexOf('--per-region') + 1] ?? 0) || 1000;
const mix = (region: string, i: number): SeedOptions => estateMix(region, i, perRegion);
const specOf = estateSpec;

/** Specs of different breadth: what their checks read decides what is collected. */
const SPECS: { name: string; spec: ReturnType<typeof specOf> }[] = [
  { name: 'narrow: tags, attribution and queue encryption', spec: specOf(`    encryption: { atRest: [AWS::SQS::Queue] }\ntagging: { required: [env] }`) },
  {
    name: 'broad: encryption, data protection, retention, alarms, network',
    spec: specOf(`    encryption:
      atRest: [AWS::S3::Bucket, AWS::SQS::Queue, AWS::SNS::Topic, AWS::Logs::LogGroup, AWS::EC2::Volume, AWS::DynamoDB::Table]
      inTransit: { s3TlsOnly: true }
    dataProtection:
      versioning: ["*"]
      accessLogging: [AWS::S3::Bucket]
      publicAccessBlock: true
      pointInTimeRecovery: true
      deletionProtection: [AWS::DynamoDB::Table]
    retention:
      logGroups: [{ class: app, match: ["*"], days: 30 }]
    monitoring: { alarms: [AWS::SQS::Queue] }
    network: { forbidDefaultVpc: true, restrictedIngressPorts: [22] }
tagging: { required: [env] }`),
  },
];

/** The fewest calls that give a demand's data for the resources in `snap`. */
function floorOf(snap: Snapshot, demand: Demand): Record<string, number> {
  const floor: Record<string, number> = {};
  const seen = new Set<string>();
  const pages = (n: number, size: number | undefined) => (size ? Math.max(1, Math.ceil(n / size)) : 1);
  for (const region of REGIONS) {
    const tagged = snap.resources.filter((r) => r.region === region && Object.keys(r.tags).length > 0 && !r.type.startsWith('AWS::IAM::')).length;
    floor['tagging:GetResources'] = (floor['tagging:GetResources'] ?? 0) + pages(tagged, 100);
  }
  for (const d of CATALOGUE) {
    for (const region of d.scope === 'global' ? ['global'] : REGIONS) {
      const of = snap.resources.filter((r) => r.type === d.type && r.region === region);
      for (const c of d.calls) {
        if (!needsCall(demand, d, c)) continue;
        const key = `${d.service}:${c.operation}`;
        // A list serving several types (IAM's authorization details) is one listing.
        if (c.per === 'list' && seen.has(`${key}@${region}`)) continue;
        seen.add(`${key}@${region}`);
        const n = c.per === 'list' ? pages(of.length, c.pageMax) : c.when ? of.filter((r) => r.config.keyManager === 'CUSTOMER' && r.config.keyState === 'Enabled').length : of.length;
        floor[key] = (floor[key] ?? 0) + n;
      }
    }
  }
  return floor;
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

const moto = await startMoto();
try {
  await moto.reset();
  const t0 = Date.now();
  for (const [i, r] of REGIONS.entries()) await seedAccountRegion(moto, mix(r, i));
  const seedMs = Date.now() - t0;
  const rules = loadRules();
  // A team's own rule set (only the checks the narrow spec asks for): the built-in
  // isolation, parity and cost rules run whatever the spec says and read more.
  const own = rules.filter((r) => ['attribution-missing', 'attribution-conflict', 'encryption-at-rest', 'required-tags'].includes(r.meta.id));
  const credentials = async () => ({ accessKeyId: 'AKIAFAKEFAKEFAKE0000', secretAccessKey: 'fake' });
  const runs: { name: string; demand: Demand; snap: Snapshot; wallMs: number }[] = [];
  const plans = [
    ...SPECS.map((x) => ({ name: `${x.name} (built-in rules)`, demand: demandOf(rules, x.spec), spec: x.spec })),
    { name: `${SPECS[0]!.name} (its four rules only)`, demand: demandOf(own, SPECS[0]!.spec), spec: SPECS[0]!.spec },
    { name: 'inventory --full', demand: FULL_DEMAND, spec: SPECS[0]!.spec },
  ];
  for (const s of plans) {
    const start = process.hrtime.bigint();
    const snap = await collect(s.spec, { now: new Date(0), endpoint: moto.endpoint, credentials, demand: s.demand });
    runs.push({ name: s.name, demand: s.demand, snap, wallMs: Number(process.hrtime.bigint() - start) / 1e6 });
  }
  const full = runs.at(-1)!.snap;
  const nonIam = full.resources.filter((r) => !r.type.startsWith('AWS::IAM::')).length;
  console.log(`resources: ${full.resources.length} (${nonIam} outside IAM) in ${REGIONS.length} regions, 1 account; seed: ${(seedMs / 1000).toFixed(1)} s\n`);
  console.log('| collection | API calls | floor of its checks | ratio | calls with --full | errors | wall time |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const fullCalls = sum(full.metadata.apiCalls);
  for (const r of runs) {
    const calls = sum(r.snap.metadata.apiCalls);
    const floor = sum(floorOf(full, r.demand));
    console.log(`| ${r.name} | ${calls} | ${floor} | ${(calls / floor).toFixed(3)} | ${fullCalls} (${(fullCalls / floor).toFixed(2)}x) | ${r.snap.errors.length} | ${(r.wallMs / 1000).toFixed(1)} s |`);
  }
  for (const r of runs) {
    const floor = floorOf(full, r.demand);
    const ops = [...new Set([...Object.keys(floor), ...Object.keys(r.snap.metadata.apiCalls)])].sort();
    console.log(`\n${r.name}:\n\n| operation | calls | floor | above floor |\n|---|---:|---:|---:|`);
    for (const op of ops) {
      const c = r.snap.metadata.apiCalls[op] ?? 0;
      const f = floor[op] ?? 0;
      console.log(`| ${op} | ${c} | ${f} | ${c - f} |`);
    }
  }
  if (runs.some((r) => r.snap.errors.length > 0)) {
    console.error(JSON.stringify(runs.flatMap((r) => r.snap.errors).slice(0, 5), null, 1));
    process.exitCode = 1;
  }
} finally {
  await moto.stop();
}
