// Monthly on-demand estimate of one environment from the inventory: one priced line per
// resource (and per component: an RDS instance and its storage), plus caveats for what
// the inventory cannot price (usage-based items) or the table does not know.
import type { CostCaveat, CostLine } from '../../model/result.js';
import type { Resource } from '../../model/snapshot.js';
import {
  centsToUsd,
  costMicros,
  microsToCents,
  tableFor,
  type PriceTable,
  type VolumePrice,
} from './price-table.js';

/** Per priced type, the config fields its pricer (PRICERS) reads: what collection must fetch for the estimate. */
export const PRICED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'AWS::CloudWatch::Alarm': [],
  'AWS::DynamoDB::Table': ['billingMode', 'readCapacityUnits', 'writeCapacityUnits'],
  'AWS::EC2::Instance': ['instanceType', 'state'],
  'AWS::EC2::NatGateway': ['state'],
  'AWS::EC2::Snapshot': ['sizeGiB', 'storageTier'],
  'AWS::EC2::Volume': ['volumeType', 'sizeGiB', 'iops', 'throughput'],
  'AWS::EC2::VPCEndpoint': ['endpointType', 'state', 'subnetIds'],
  'AWS::ElastiCache::CacheCluster': ['nodeType', 'numNodes', 'engine'],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': ['lbType'],
  'AWS::KMS::Key': ['keyManager', 'keyState'],
  'AWS::Logs::LogGroup': ['storedBytes'],
  'AWS::RDS::DBInstance': ['instanceClass', 'engine', 'multiAz', 'allocatedStorageGiB', 'storageType'],
  'AWS::Route53::HostedZone': [],
};

/** Types whose absence (through a collection error) makes the estimate a lower bound. */
export const PRICED_TYPES: readonly string[] = Object.keys(PRICED_FIELDS);

export interface PricedLine extends CostLine {
  /** Service grouping for the summary ('EC2', 'EBS', 'RDS', ...). */
  service: string;
  cents: number;
}

export interface EnvironmentEstimate {
  lines: PricedLine[]; // largest first, then item, then arn
  totalCents: number;
  caveats: CostCaveat[]; // sorted by code, then message
  /** Regions whose tables priced at least one line, sorted. */
  regions: string[];
  asOf: string[];
  hoursPerMonth: number;
}

interface CaveatDraft {
  code: string;
  lowerBound: boolean;
  count: number;
  render: (count: number) => string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Collects lines and caveats for one environment. */
class Estimator {
  readonly lines: PricedLine[] = [];
  /** code -> key -> draft: no key string is built per resource. */
  private readonly caveats = new Map<string, Map<string, CaveatDraft>>();
  readonly regions = new Set<string>();
  readonly asOf = new Set<string>();
  hoursPerMonth = 730;
  /** The table of the last line, and whether its region is recorded: most lines share one. */
  private lastTable: PriceTable | undefined;
  private lastRegionRecorded = false;

  line(r: Resource, table: PriceTable, service: string, item: string, micros: number, detail: string): void {
    const cents = microsToCents(micros);
    // Global services are priced from a regional table but say nothing about the region.
    if (table !== this.lastTable) {
      this.lastTable = table;
      this.lastRegionRecorded = false;
      this.asOf.add(table.asOf);
      this.hoursPerMonth = table.hoursPerMonth;
    }
    if (!this.lastRegionRecorded && r.region !== 'global') {
      this.regions.add(table.region);
      this.lastRegionRecorded = true;
    }
    this.lines.push({ service, item, resourceArn: r.arn, monthlyUsd: centsToUsd(cents), detail, cents });
  }

  /** One caveat per (code, key); `count` counts the resources it covers. */
  caveat(code: string, key: string, lowerBound: boolean, render: (count: number) => string): void {
    let byKey = this.caveats.get(code);
    if (byKey === undefined) this.caveats.set(code, (byKey = new Map()));
    const existing = byKey.get(key);
    if (existing) existing.count += 1;
    else byKey.set(key, { code, lowerBound, count: 1, render });
  }

  finish(): EnvironmentEstimate {
    const lines = this.lines.sort(
      (a, b) => b.cents - a.cents || cmp(a.item, b.item) || cmp(a.resourceArn ?? '', b.resourceArn ?? ''),
    );
    const caveats = [...this.caveats.values()]
      .flatMap((byKey) => [...byKey.values()])
      .map((d) => ({ code: d.code, message: d.render(d.count), count: d.count, lowerBound: d.lowerBound }))
      .sort((a, b) => cmp(a.code, b.code) || cmp(a.message, b.message));
    return {
      lines,
      totalCents: lines.reduce((s, l) => s + l.cents, 0),
      caveats,
      regions: [...this.regions].sort(),
      asOf: [...this.asOf].sort(),
      hoursPerMonth: this.hoursPerMonth,
    };
  }
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function missing(e: Estimator, r: Resource, field: string): void {
  e.caveat('missing-field', `${r.type} ${field}`, true, (n) =>
    `${plural(n, `${r.type} resource`)} without ${field} in the inventory: not priced, the estimate is a lower bound`,
  );
}

function unknownPrice(e: Estimator, what: string, value: string, region: string): void {
  e.caveat('unknown-price', `${what} ${value} ${region}`, true, (n) =>
    `${what} ${value} is not in the ${region} price table (${plural(n, 'resource')}): not priced, the estimate is a lower bound`,
  );
}

function priceEc2Instance(e: Estimator, r: Resource, t: PriceTable): void {
  const type = str(r.config.instanceType);
  const state = str(r.config.state);
  if (state === undefined) return missing(e, r, 'state');
  if (state !== 'running') {
    // Stopped instances bill nothing for compute; their volumes are priced as volumes.
    e.caveat('not-running', 'ec2', false, (n) =>
      `${plural(n, 'EC2 instance')} not running: compute not priced (attached EBS volumes are)`,
    );
    return;
  }
  if (type === undefined) return missing(e, r, 'instanceType');
  const hourly = t.ec2.hourly[type];
  if (hourly === undefined) return unknownPrice(e, 'EC2 instance type', type, t.region);
  e.line(r, t, 'EC2', `EC2 ${type}`, costMicros(hourly, t.hoursPerMonth), `${t.hoursPerMonth} h x $${hourly}/h`);
}

function io2IopsMicros(iops: number, tiers: VolumePrice['iopsTiers'] = []): number {
  let remaining = iops;
  let floor = 0;
  let total = 0;
  for (const tier of tiers) {
    if (remaining <= 0) break;
    const width = tier.upTo === null ? remaining : Math.min(remaining, tier.upTo - floor);
    total += costMicros(tier.iopsMonth, width);
    remaining -= width;
    floor = tier.upTo ?? floor;
  }
  return total;
}

function priceVolume(e: Estimator, r: Resource, t: PriceTable): void {
  const type = str(r.config.volumeType);
  const size = num(r.config.sizeGiB);
  if (type === undefined) return missing(e, r, 'volumeType');
  if (size === undefined) return missing(e, r, 'sizeGiB');
  const p = t.ebs.volumes[type];
  if (p === undefined) return unknownPrice(e, 'EBS volume type', type, t.region);
  let micros = costMicros(p.gbMonth, size);
  const parts = [`${size} GiB x $${p.gbMonth}`];
  const iops = num(r.config.iops);
  if (p.baselineIops !== undefined && p.iopsMonth !== undefined && iops !== undefined && iops > p.baselineIops) {
    const extra = iops - p.baselineIops;
    micros += costMicros(p.iopsMonth, extra);
    parts.push(`${extra} IOPS over ${p.baselineIops} x $${p.iopsMonth}`);
  } else if (p.baselineIops === undefined && (p.iopsMonth !== undefined || p.iopsTiers)) {
    if (iops === undefined) return missing(e, r, 'iops');
    micros += p.iopsTiers ? io2IopsMicros(iops, p.iopsTiers) : costMicros(p.iopsMonth ?? 0, iops);
    parts.push(`${iops} provisioned IOPS`);
  }
  const tput = num(r.config.throughput);
  const base = p.baselineThroughputMBps;
  if (base !== undefined && p.throughputMBpsMonth !== undefined && tput !== undefined && tput > base) {
    micros += costMicros(p.throughputMBpsMonth, tput - base);
    parts.push(`${tput - base} MB/s over ${base} x $${p.throughputMBpsMonth}`);
  }
  e.line(r, t, 'EBS', `EBS ${type}`, micros, parts.join(' + '));
}

function priceSnapshot(e: Estimator, r: Resource, t: PriceTable): void {
  const size = num(r.config.sizeGiB) ?? num(r.config.volumeSizeGiB);
  if (size === undefined) return missing(e, r, 'sizeGiB');
  // Archived snapshots are full copies, billed at the archive rate (retrieval is usage-based).
  if (r.config.storageTier === 'archive') {
    const rate = t.ebs.snapshotArchiveGbMonth;
    return e.line(r, t, 'EBS', 'EBS snapshot (archive)', costMicros(rate, size), `${size} GiB x $${rate}`);
  }
  e.caveat('snapshot-full-size', 'ebs', false, (n) =>
    `${plural(n, 'EBS snapshot')} priced at the full volume size: AWS bills changed blocks only, so this part is an upper bound`,
  );
  e.line(r, t, 'EBS', 'EBS snapshot', costMicros(t.ebs.snapshotGbMonth, size), `${size} GiB x $${t.ebs.snapshotGbMonth}`);
}

function rdsEngine(t: PriceTable, engine: string): string {
  const e = engine.toLowerCase();
  return t.rds.engineAliases[e] ?? e;
}

function priceDbInstance(e: Estimator, r: Resource, t: PriceTable): void {
  const cls = str(r.config.instanceClass);
  const rawEngine = str(r.config.engine);
  if (cls === undefined) return missing(e, r, 'instanceClass');
  if (rawEngine === undefined) return missing(e, r, 'engine');
  const engine = rdsEngine(t, rawEngine);
  const aurora = engine.startsWith('aurora');
  // Aurora bills each instance (writer and replicas) separately: no Multi-AZ factor.
  const multiAz = !aurora && r.config.multiAz === true;
  const factor = multiAz ? t.rds.multiAzFactor : 1;
  const suffix = multiAz ? ' Multi-AZ' : '';
  const hourly = t.rds.hourly[engine]?.[cls];
  if (hourly === undefined) unknownPrice(e, `RDS ${engine} class`, cls, t.region);
  else {
    e.line(r, t, 'RDS', `RDS ${cls} ${engine}${suffix}`, costMicros(hourly, t.hoursPerMonth * factor),
      `${t.hoursPerMonth} h x $${hourly}/h${multiAz ? ` x ${factor}` : ''}`);
  }
  if (aurora) {
    e.caveat('usage-based', 'aurora-storage', false, (n) =>
      `Aurora storage and I/O are usage-based and not in the inventory (${plural(n, 'instance')})`,
    );
    return;
  }
  const size = num(r.config.allocatedStorageGiB);
  if (size === undefined) return missing(e, r, 'allocatedStorageGiB');
  const storageType = str(r.config.storageType) ?? 'gp2';
  const gb = t.rds.storageGbMonth[storageType];
  if (gb === undefined) return unknownPrice(e, 'RDS storage type', storageType, t.region);
  e.line(r, t, 'RDS', `RDS storage ${storageType}${suffix}`, costMicros(gb, size * factor),
    `${size} GiB x $${gb}${multiAz ? ` x ${factor}` : ''}`);
}

const LB_NAMES: Record<string, string> = { application: 'ALB', network: 'NLB', gateway: 'GWLB' };

function priceLoadBalancer(e: Estimator, r: Resource, t: PriceTable): void {
  const lbType = str(r.config.lbType);
  if (lbType === undefined) return missing(e, r, 'lbType');
  const hourly = t.elb.hourly[lbType];
  if (hourly === undefined) return unknownPrice(e, 'load balancer type', lbType, t.region);
  e.caveat('usage-based', 'elb-lcu', false, (n) =>
    `${plural(n, 'load balancer')}: capacity units (LCU) depend on traffic, which the inventory does not hold; only the hourly base is priced`,
  );
  e.line(r, t, 'ELB', LB_NAMES[lbType] ?? lbType, costMicros(hourly, t.hoursPerMonth), `${t.hoursPerMonth} h x $${hourly}/h`);
}

function priceNatGateway(e: Estimator, r: Resource, t: PriceTable): void {
  const state = str(r.config.state);
  if (state !== undefined && state !== 'available' && state !== 'pending') return;
  e.caveat('usage-based', 'nat-data', false, (n) =>
    `${plural(n, 'NAT gateway')}: data processed is usage-based and not in the inventory; only the hourly charge is priced`,
  );
  const hourly = t.natGateway.hourly;
  e.line(r, t, 'VPC', 'NAT gateway', costMicros(hourly, t.hoursPerMonth), `${t.hoursPerMonth} h x $${hourly}/h`);
}

function priceVpcEndpoint(e: Estimator, r: Resource, t: PriceTable): void {
  const type = str(r.config.endpointType);
  if (type === undefined) return missing(e, r, 'endpointType');
  if (type === 'Gateway') return; // gateway endpoints (S3, DynamoDB) are free
  const state = str(r.config.state)?.toLowerCase();
  if (state === 'deleted' || state === 'deleting' || state === 'rejected' || state === 'failed') return;
  if (type !== 'Interface') return unknownPrice(e, 'VPC endpoint type', type, t.region);
  const zones = Array.isArray(r.config.subnetIds) ? Math.max(1, r.config.subnetIds.length) : 1;
  const rate = t.vpcEndpoint.interfaceHourlyPerAz;
  e.caveat('usage-based', 'vpce-data', false, (n) =>
    `${plural(n, 'interface VPC endpoint')}: data processed is usage-based and not in the inventory; only the hourly charge is priced`,
  );
  e.line(r, t, 'VPC', 'VPC interface endpoint', costMicros(rate, t.hoursPerMonth * zones), `${zones} AZ x ${t.hoursPerMonth} h x $${rate}/h`);
}

function priceCacheCluster(e: Estimator, r: Resource, t: PriceTable): void {
  const nodeType = str(r.config.nodeType);
  const nodes = num(r.config.numNodes);
  if (nodeType === undefined) return missing(e, r, 'nodeType');
  if (nodes === undefined) return missing(e, r, 'numNodes');
  const base = t.elasticache.hourly[nodeType];
  if (base === undefined) return unknownPrice(e, 'ElastiCache node type', nodeType, t.region);
  const engine = (str(r.config.engine) ?? '').toLowerCase();
  const factor = t.elasticache.engineFactor[engine] ?? 1;
  const hourly = base * factor;
  e.line(r, t, 'ElastiCache', `ElastiCache ${nodeType} x${nodes}`, costMicros(hourly, t.hoursPerMonth * nodes),
    `${nodes} nodes x ${t.hoursPerMonth} h x $${base}/h${factor !== 1 ? ` x ${factor} (${engine})` : ''}`);
}

function priceDynamoTable(e: Estimator, r: Resource, t: PriceTable): void {
  e.caveat('usage-based', 'dynamodb-storage', false, (n) =>
    `${plural(n, 'DynamoDB table')}: storage and index capacity are not in the inventory`,
  );
  const mode = str(r.config.billingMode);
  if (mode === undefined) return missing(e, r, 'billingMode');
  if (mode === 'PAY_PER_REQUEST') {
    e.caveat('usage-based', 'dynamodb-on-demand', false, (n) =>
      `${plural(n, 'on-demand DynamoDB table')} (PAY_PER_REQUEST): billed per request, cannot be estimated from the inventory`,
    );
    return;
  }
  const rcu = num(r.config.readCapacityUnits);
  const wcu = num(r.config.writeCapacityUnits);
  if (rcu === undefined) return missing(e, r, 'readCapacityUnits');
  if (wcu === undefined) return missing(e, r, 'writeCapacityUnits');
  const h = t.hoursPerMonth;
  const micros = costMicros(t.dynamodb.rcuHourly, rcu * h) + costMicros(t.dynamodb.wcuHourly, wcu * h);
  e.line(r, t, 'DynamoDB', 'DynamoDB provisioned capacity', micros,
    `${rcu} RCU x $${t.dynamodb.rcuHourly}/h + ${wcu} WCU x $${t.dynamodb.wcuHourly}/h, ${h} h`);
}

function priceKmsKey(e: Estimator, r: Resource, t: PriceTable): void {
  const manager = str(r.config.keyManager);
  if (manager === undefined) return missing(e, r, 'keyManager');
  if (manager !== 'CUSTOMER') return;
  const state = str(r.config.keyState);
  if (state === 'PendingDeletion' || state === 'PendingReplicaDeletion') return;
  e.line(r, t, 'KMS', 'KMS customer managed key', costMicros(t.kms.keyMonth, 1), `$${t.kms.keyMonth}/month`);
}

function priceLogGroup(e: Estimator, r: Resource, t: PriceTable): void {
  e.caveat('usage-based', 'logs-ingestion', false, (n) =>
    `${plural(n, 'log group')}: ingestion is usage-based; only stored bytes are priced`,
  );
  const bytes = num(r.config.storedBytes);
  if (bytes === undefined || bytes === 0) return;
  const gb = bytes / 2 ** 30;
  const rate = t.cloudwatch.logsStorageGbMonth;
  e.line(r, t, 'CloudWatch', 'CloudWatch Logs storage', costMicros(rate, gb), `${gb.toFixed(3)} GB x $${rate}`);
}

type Pricer = (e: Estimator, r: Resource, t: PriceTable) => void;

const PRICERS: Record<string, Pricer> = {
  'AWS::EC2::Instance': priceEc2Instance,
  'AWS::EC2::Volume': priceVolume,
  'AWS::EC2::Snapshot': priceSnapshot,
  'AWS::RDS::DBInstance': priceDbInstance,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': priceLoadBalancer,
  'AWS::EC2::NatGateway': priceNatGateway,
  'AWS::EC2::VPCEndpoint': priceVpcEndpoint,
  'AWS::ElastiCache::CacheCluster': priceCacheCluster,
  'AWS::DynamoDB::Table': priceDynamoTable,
  'AWS::KMS::Key': priceKmsKey,
  'AWS::Logs::LogGroup': priceLogGroup,
  'AWS::CloudWatch::Alarm': (e, r, t) =>
    e.line(r, t, 'CloudWatch', 'CloudWatch alarm', costMicros(t.cloudwatch.alarmMonth, 1), `$${t.cloudwatch.alarmMonth}/month`),
  'AWS::Route53::HostedZone': (e, r, t) =>
    e.line(r, t, 'Route 53', 'Route 53 hosted zone', costMicros(t.route53.hostedZoneMonth, 1), `$${t.route53.hostedZoneMonth}/month`),
};

/** Types never priced but worth naming, because they do cost money. */
const USAGE_ONLY: Record<string, [string, string]> = {
  'AWS::S3::Bucket': ['s3', 'S3 bucket: storage size and requests are not in the inventory, not priced'],
  'AWS::RDS::DBCluster': ['aurora-cluster', 'Aurora cluster: storage and I/O are usage-based, not priced'],
  'AWS::SQS::Queue': ['sqs', 'SQS queue: billed per request, not priced'],
  'AWS::SNS::Topic': ['sns', 'SNS topic: billed per request and delivery, not priced'],
  'AWS::RDS::DBSnapshot': ['rds-snapshot', 'RDS snapshot: backup storage beyond the free allowance (the provisioned storage of the region\'s databases) is not in the inventory, not priced'],
};

/** Estimate one environment from its resources; `tables` is injectable for tests. */
export function estimateResources(resources: Iterable<Resource>, tables?: ReadonlyMap<string, PriceTable>): EnvironmentEstimate {
  const e = new Estimator();
  // Resources usually come grouped by type: the pricer is looked up once per run of a type.
  let type: string | undefined;
  let pricer: Pricer | undefined;
  let usage: [string, string] | undefined;
  for (const r of resources) {
    if (r.type !== type) {
      type = r.type;
      pricer = PRICERS[type];
      usage = USAGE_ONLY[type];
    }
    if (pricer) {
      const table = tableFor(r.region, tables);
      if (table) pricer(e, r, table);
      else {
        e.caveat('no-price-table', r.region, true, (n) =>
          `no price table for region ${r.region}: ${plural(n, 'resource')} not priced, the estimate is a lower bound`,
        );
      }
      continue;
    }
    if (usage) {
      const [key, text] = usage;
      e.caveat('usage-based', key, false, (n) => `${n} x ${text}`);
    }
  }
  return e.finish();
}
