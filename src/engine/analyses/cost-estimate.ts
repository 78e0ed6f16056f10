// Monthly on-demand estimate of one environment from the inventory: one priced line per
// resource (and per component: an RDS instance and its storage), plus caveats for what
// the inventory cannot price (usage-based items) or the table does not know.
import type { Resource } from '../../model/snapshot.js';
import { livePriceKey, type SnapshotPrices } from '../../model/prices.js';
import { BUNDLED_SOURCE, costMicros, PRICE_RULES, tableFor, type PriceTable, type VolumePrice } from './price-table.js';
import { bundledOrigin, Estimator, LivePrices, plural, type EnvironmentEstimate } from './cost-estimator.js';

export { cmp, type EnvironmentEstimate, type PricedLine } from './cost-estimator.js';

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

function priceEc2Instance(e: Estimator, r: Resource, t: PriceTable | undefined): void {
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
  const rate = e.hourly(r, t, livePriceKey(r), 'EC2 instance type', type, t?.ec2.hourly[type]);
  if (rate === undefined) return;
  const h = hoursOf(t);
  e.line(r, rate.origin, 'EC2', `EC2 ${type}`, costMicros(rate.usd, h), `${h} h x $${rate.usd}/h`);
}

const hoursOf = (t: PriceTable | undefined): number => t?.hoursPerMonth ?? PRICE_RULES.hoursPerMonth;

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
  e.line(r, bundledOrigin(t), 'EBS', `EBS ${type}`, micros, parts.join(' + '));
}

function priceSnapshot(e: Estimator, r: Resource, t: PriceTable): void {
  const size = num(r.config.sizeGiB) ?? num(r.config.volumeSizeGiB);
  if (size === undefined) return missing(e, r, 'sizeGiB');
  // Archived snapshots are full copies, billed at the archive rate (retrieval is usage-based).
  if (r.config.storageTier === 'archive') {
    const rate = t.ebs.snapshotArchiveGbMonth;
    return e.line(r, bundledOrigin(t), 'EBS', 'EBS snapshot (archive)', costMicros(rate, size), `${size} GiB x $${rate}`);
  }
  e.caveat('snapshot-full-size', 'ebs', false, (n) =>
    `${plural(n, 'EBS snapshot')} priced at the full volume size: AWS bills changed blocks only, so this part is an upper bound`,
  );
  e.line(r, bundledOrigin(t), 'EBS', 'EBS snapshot', costMicros(t.ebs.snapshotGbMonth, size), `${size} GiB x $${t.ebs.snapshotGbMonth}`);
}

function priceDbInstance(e: Estimator, r: Resource, t: PriceTable | undefined): void {
  const cls = str(r.config.instanceClass);
  const rawEngine = str(r.config.engine);
  if (cls === undefined) return missing(e, r, 'instanceClass');
  if (rawEngine === undefined) return missing(e, r, 'engine');
  const lower = rawEngine.toLowerCase();
  const engine = PRICE_RULES.rds.engineAliases[lower] ?? lower;
  const aurora = engine.startsWith('aurora');
  // Aurora bills each instance (writer and replicas) separately: no Multi-AZ factor.
  const multiAz = !aurora && r.config.multiAz === true;
  const factor = multiAz ? PRICE_RULES.rds.multiAzFactor : 1;
  const suffix = multiAz ? ' Multi-AZ' : '';
  const h = hoursOf(t);
  const rate = e.hourly(r, t, livePriceKey(r), `RDS ${engine} class`, cls, t?.rds.hourly[engine]?.[cls]);
  if (rate) {
    e.line(r, rate.origin, 'RDS', `RDS ${cls} ${engine}${suffix}`, costMicros(rate.usd, h * factor),
      `${h} h x $${rate.usd}/h${multiAz ? ` x ${factor}` : ''}`);
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
  if (t === undefined) return noTable(e, r, `RDS storage ${storageType}`);
  const gb = t.rds.storageGbMonth[storageType];
  if (gb === undefined) return unknownPrice(e, 'RDS storage type', storageType, t.region);
  e.line(r, bundledOrigin(t), 'RDS', `RDS storage ${storageType}${suffix}`, costMicros(gb, size * factor),
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
  e.line(r, bundledOrigin(t), 'ELB', LB_NAMES[lbType] ?? lbType, costMicros(hourly, t.hoursPerMonth), `${t.hoursPerMonth} h x $${hourly}/h`);
}

function priceNatGateway(e: Estimator, r: Resource, t: PriceTable): void {
  const state = str(r.config.state);
  if (state !== undefined && state !== 'available' && state !== 'pending') return;
  e.caveat('usage-based', 'nat-data', false, (n) =>
    `${plural(n, 'NAT gateway')}: data processed is usage-based and not in the inventory; only the hourly charge is priced`,
  );
  const hourly = t.natGateway.hourly;
  e.line(r, bundledOrigin(t), 'VPC', 'NAT gateway', costMicros(hourly, t.hoursPerMonth), `${t.hoursPerMonth} h x $${hourly}/h`);
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
  e.line(r, bundledOrigin(t), 'VPC', 'VPC interface endpoint', costMicros(rate, t.hoursPerMonth * zones), `${zones} AZ x ${t.hoursPerMonth} h x $${rate}/h`);
}

function priceCacheCluster(e: Estimator, r: Resource, t: PriceTable | undefined): void {
  const nodeType = str(r.config.nodeType);
  const nodes = num(r.config.numNodes);
  if (nodeType === undefined) return missing(e, r, 'nodeType');
  if (nodes === undefined) return missing(e, r, 'numNodes');
  const key = livePriceKey(r);
  const engine = (str(r.config.engine) ?? '').toLowerCase();
  const rate = e.hourly(r, t, key, 'ElastiCache node type', nodeType, t?.elasticache.hourly[nodeType]);
  if (rate === undefined) return;
  // The API prices each engine; the bundled table prices Redis OSS and scales the others.
  const factor = rate.origin.source === BUNDLED_SOURCE ? (t?.elasticache.engineFactor[engine] ?? 1) : 1;
  const hourly = rate.usd * factor;
  const h = hoursOf(t);
  e.line(r, rate.origin, 'ElastiCache', `ElastiCache ${nodeType} x${nodes}`, costMicros(hourly, h * nodes),
    `${plural(nodes, 'node')} x ${h} h x $${rate.usd}/h${factor !== 1 ? ` x ${factor} (${engine})` : ''}`);
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
  e.line(r, bundledOrigin(t), 'DynamoDB', 'DynamoDB provisioned capacity', micros,
    `${rcu} RCU x $${t.dynamodb.rcuHourly}/h + ${wcu} WCU x $${t.dynamodb.wcuHourly}/h, ${h} h`);
}

function priceKmsKey(e: Estimator, r: Resource, t: PriceTable): void {
  const manager = str(r.config.keyManager);
  if (manager === undefined) return missing(e, r, 'keyManager');
  if (manager !== 'CUSTOMER') return;
  const state = str(r.config.keyState);
  if (state === 'PendingDeletion' || state === 'PendingReplicaDeletion') return;
  e.line(r, bundledOrigin(t), 'KMS', 'KMS customer managed key', costMicros(t.kms.keyMonth, 1), `$${t.kms.keyMonth}/month`);
}

function priceLogGroup(e: Estimator, r: Resource, t: PriceTable): void {
  e.caveat('usage-based', 'logs-ingestion', false, (n) =>
    `${plural(n, 'log group')}: ingestion is usage-based; only stored bytes are priced`,
  );
  const bytes = num(r.config.storedBytes);
  if (bytes === undefined || bytes === 0) return;
  const gb = bytes / 2 ** 30;
  const rate = t.cloudwatch.logsStorageGbMonth;
  e.line(r, bundledOrigin(t), 'CloudWatch', 'CloudWatch Logs storage', costMicros(rate, gb), `${gb.toFixed(3)} GB x $${rate}`);
}

type Pricer = (e: Estimator, r: Resource, t: PriceTable) => void;
/** A pricer of sized items, which the snapshot's API prices can price without a table. */
type LivePricer = (e: Estimator, r: Resource, t: PriceTable | undefined) => void;

const LIVE_PRICERS: Record<string, LivePricer> = {
  'AWS::EC2::Instance': priceEc2Instance,
  'AWS::RDS::DBInstance': priceDbInstance,
  'AWS::ElastiCache::CacheCluster': priceCacheCluster,
};

const PRICERS: Record<string, Pricer> = {
  'AWS::EC2::Volume': priceVolume,
  'AWS::EC2::Snapshot': priceSnapshot,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': priceLoadBalancer,
  'AWS::EC2::NatGateway': priceNatGateway,
  'AWS::EC2::VPCEndpoint': priceVpcEndpoint,
  'AWS::DynamoDB::Table': priceDynamoTable,
  'AWS::KMS::Key': priceKmsKey,
  'AWS::Logs::LogGroup': priceLogGroup,
  'AWS::CloudWatch::Alarm': (e, r, t) =>
    e.line(r, bundledOrigin(t), 'CloudWatch', 'CloudWatch alarm', costMicros(t.cloudwatch.alarmMonth, 1), `$${t.cloudwatch.alarmMonth}/month`),
  'AWS::Route53::HostedZone': (e, r, t) =>
    e.line(r, bundledOrigin(t), 'Route 53', 'Route 53 hosted zone', costMicros(t.route53.hostedZoneMonth, 1), `$${t.route53.hostedZoneMonth}/month`),
};

/** Types never priced but worth naming, because they do cost money. */
const USAGE_ONLY: Record<string, [string, string]> = {
  'AWS::S3::Bucket': ['s3', 'S3 bucket: storage size and requests are not in the inventory, not priced'],
  'AWS::RDS::DBCluster': ['aurora-cluster', 'Aurora cluster: storage and I/O are usage-based, not priced'],
  'AWS::SQS::Queue': ['sqs', 'SQS queue: billed per request, not priced'],
  'AWS::SNS::Topic': ['sns', 'SNS topic: billed per request and delivery, not priced'],
  'AWS::RDS::DBSnapshot': ['rds-snapshot', 'RDS snapshot: backup storage beyond the free allowance (the provisioned storage of the region\'s databases) is not in the inventory, not priced'],
};

function noTable(e: Estimator, r: Resource, what: string): void {
  e.caveat('no-price-table', `${r.region} ${what}`, true, (n) =>
    `no price table for region ${r.region}: ${plural(n, `${what} resource`)} not priced, the estimate is a lower bound`,
  );
}

/**
 * Estimate one environment from its resources, with the snapshot's Price List API prices
 * (`prices`) before the bundled table; `tables` is injectable for tests.
 */
export function estimateResources(resources: Iterable<Resource>, tables?: ReadonlyMap<string, PriceTable>, prices?: SnapshotPrices): EnvironmentEstimate {
  const e = new Estimator(new LivePrices(prices));
  // Resources usually come grouped by type: the pricer is looked up once per run of a type.
  let type: string | undefined;
  let pricer: Pricer | undefined;
  let live: LivePricer | undefined;
  let usage: [string, string] | undefined;
  for (const r of resources) {
    if (r.type !== type) {
      type = r.type;
      pricer = PRICERS[type];
      live = LIVE_PRICERS[type];
      usage = USAGE_ONLY[type];
    }
    if (live || pricer) {
      const table = tableFor(r.region, tables);
      if (table) e.hoursPerMonth = table.hoursPerMonth;
      if (live) live(e, r, table);
      else if (table) pricer!(e, r, table);
      else noTable(e, r, type);
      continue;
    }
    if (usage) {
      const [key, text] = usage;
      e.caveat('usage-based', key, false, (n) => `${n} x ${text}`);
    }
  }
  return e.finish();
}
