// AWS Config as a source. Where a recorder records S3 buckets, one SelectResourceConfig
// query (100 a page) returns every bucket with the supplementary configuration the
// checks need, replacing six describe calls per bucket. An aggregator named in the spec
// answers for a whole organisation the same way. Config is optional: without a
// recording recorder the describe sources run.
import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  SelectAggregateResourceConfigCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import type { EncryptionState, S3BucketConfig } from '../../model/resource-config.js';
import type { Relation } from '../../model/snapshot.js';
import type { AccountPlan } from '../plan.js';
import { decodePolicy, deniesInsecureTransport } from '../policy-docs.js';
import type { Session, Target } from '../session.js';
import { kmsKeyArn } from './kms-ref.js';
import { lifecycleFilter } from './s3.js';

const BUCKET = 'AWS::S3::Bucket';
/** Types Config can serve completely (a normaliser below turns its items into our config). */
export const CONFIG_TYPES = [BUCKET];
const FIELDS = 'resourceId, resourceName, resourceType, arn, awsRegion, accountId, tags, supplementaryConfiguration';

/** Detects a recording recorder; returns the types this account-region's Config served. */
export async function collectConfig(s: Session, t: Target): Promise<Set<string>> {
  const served = new Set<string>();
  const quietAffects = ['config'];
  const [rec, status] = await Promise.all([
    s.must(t, 'config', 'DescribeConfigurationRecorders', quietAffects, (c) => c.send(new DescribeConfigurationRecordersCommand({}))),
    s.must(t, 'config', 'DescribeConfigurationRecorderStatus', quietAffects, (c) => c.send(new DescribeConfigurationRecorderStatusCommand({}))),
  ]);
  const recording = (status?.ConfigurationRecordersStatus ?? []).some((x) => x.recording);
  if (!recording) return served;
  const recorded = (rec?.ConfigurationRecorders ?? []).some((r) => {
    const g = r.recordingGroup;
    if (!g) return true; // default: all supported types
    if (g.allSupported) return !(g.exclusionByResourceTypes?.resourceTypes ?? []).includes(BUCKET);
    return (g.resourceTypes ?? []).includes(BUCKET);
  });
  if (!recorded) return served;
  const expr = `SELECT ${FIELDS} WHERE resourceType = '${BUCKET}' AND awsRegion = '${t.region}'`;
  // A failed query leaves no gap: the describes then read every bucket (their own errors say
  // what they could not), so the error names Config's area, not the bucket type.
  const ok = await s.paginate(
    t,
    'config',
    'SelectResourceConfig',
    quietAffects,
    (c, token) => c.send(new SelectResourceConfigCommand({ Expression: expr, Limit: s.page(100), ...(token ? { NextToken: token } : {}) })),
    (p) => p.NextToken,
    (p) => {
      for (const row of p.Results ?? []) addConfigItem(s, row, t);
    },
  );
  if (ok) {
    served.add(BUCKET);
    s.addCoverage(t, 'config', [BUCKET]);
  }
  return served;
}

/** Queries the aggregator once; returns 'account/region' keys whose buckets it answered for. */
export async function collectAggregate(s: Session, t: Target, aggregator: string, plans: AccountPlan[]): Promise<Set<string>> {
  const inScope = new Set(plans.flatMap((p) => p.regions.map((r) => `${p.accountId}/${r}`)));
  const seen = new Set<string>();
  const expr = `SELECT ${FIELDS} WHERE resourceType = '${BUCKET}'`;
  const ok = await s.paginate(
    t,
    'config',
    'SelectAggregateResourceConfig',
    // As above: without the aggregator's answer each account's Config or describes run.
    ['config'],
    (c, token) => c.send(new SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: aggregator, Expression: expr, Limit: s.page(100), ...(token ? { NextToken: token } : {}) })),
    (p) => p.NextToken,
    (p) => {
      for (const row of p.Results ?? []) {
        const item = parseRow(row);
        const key = `${String(item?.accountId)}/${String(item?.awsRegion)}`;
        if (!item || !inScope.has(key)) continue;
        seen.add(key);
        addConfigItem(s, row, { accountId: String(item.accountId), region: String(item.awsRegion) });
      }
    },
  );
  if (!ok) return new Set();
  for (const key of [...seen].sort()) {
    const [accountId, region] = key.split('/') as [string, string];
    s.addCoverage({ accountId, region }, 'config-aggregator', [BUCKET]);
  }
  return seen;
}

type Item = Record<string, unknown> & { supplementaryConfiguration?: Record<string, unknown> };

function parseRow(row: string): Item | undefined {
  try {
    return JSON.parse(row) as Item;
  } catch {
    return undefined;
  }
}

/** Config delivers supplementary values as JSON text or as objects, depending on the path. */
const obj = (v: unknown): Record<string, unknown> | undefined => {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
};

/** One Config item (JSON text) of an S3 bucket -> the normalised bucket. */
export function addConfigItem(s: Session, row: string, t: Target): void {
  const item = parseRow(row);
  if (!item || item.resourceType !== BUCKET) return;
  const name = String(item.resourceName ?? item.resourceId ?? '');
  const region = String(item.awsRegion ?? t.region);
  const target: Target = { accountId: String(item.accountId ?? t.accountId), region };
  const sup = item.supplementaryConfiguration ?? {};
  const relations: Relation[] = [];

  const sse = obj(sup.ServerSideEncryptionConfiguration);
  const rule = (sse?.rules as Record<string, unknown>[] | undefined)?.[0];
  const def = obj(rule?.applyServerSideEncryptionByDefault);
  const encryption: EncryptionState = { enabled: Boolean(def?.sseAlgorithm) };
  if (def?.sseAlgorithm) encryption.algorithm = String(def.sseAlgorithm);
  const key = kmsKeyArn(def?.kmsMasterKeyID as string | undefined, target);
  if (key) {
    encryption.kmsKeyArn = key;
    relations.push({ kind: 'kms-key', target: key });
  }

  const ver = String(obj(sup.BucketVersioningConfiguration)?.status ?? 'Off');
  const log = obj(sup.BucketLoggingConfiguration);
  const logTarget = log?.destinationBucketName as string | undefined;
  if (logTarget) relations.push({ kind: 'logs-to', target: `arn:aws:s3:::${logTarget}` });
  const pab = obj(sup.PublicAccessBlockConfiguration);
  const life = obj(sup.BucketLifecycleConfiguration);
  const policyText = obj(sup.BucketPolicy)?.policyText;
  const policy = decodePolicy(policyText);

  const config: S3BucketConfig = {
    encryption,
    versioning: ver === 'Enabled' ? 'Enabled' : ver === 'Suspended' ? 'Suspended' : 'Off',
    logging: logTarget ? { enabled: true, targetBucket: logTarget } : { enabled: false },
    publicAccessBlock: pab
      ? {
          blockPublicAcls: Boolean(pab.blockPublicAcls),
          ignorePublicAcls: Boolean(pab.ignorePublicAcls),
          blockPublicPolicy: Boolean(pab.blockPublicPolicy),
          restrictPublicBuckets: Boolean(pab.restrictPublicBuckets),
        }
      : null,
    lifecycle: {
      rules: ((life?.rules as Record<string, unknown>[] | undefined) ?? []).map((r) => {
        const f = predicateParts(obj(obj(r.filter)?.predicate));
        return {
          id: String(r.id ?? ''),
          enabled: r.status === 'Enabled',
          ...lifecycleFilter(f.prefix ?? (r.prefix as string | undefined), f.tags, f.greater, f.less),
          transitions: ((r.transitions as Record<string, unknown>[] | undefined) ?? []).map((x) => ({ days: Number(x.days ?? 0), storageClass: String(x.storageClass ?? '') })),
          ...(r.expirationInDays !== undefined && r.expirationInDays !== null ? { expirationDays: Number(r.expirationInDays) } : {}),
        };
      }),
    },
    policy: policy ?? null,
    tlsOnly: deniesInsecureTransport(policy),
  };
  const tags = Object.fromEntries(
    (Array.isArray(item.tags) ? (item.tags as { key?: string; value?: string }[]) : []).filter((x) => x.key).map((x) => [x.key!, x.value ?? '']),
  );
  s.upsert({ arn: String(item.arn ?? `arn:aws:s3:::${name}`), accountId: target.accountId, region, type: BUCKET, id: name, name, tags, config: config as unknown as Record<string, unknown>, relations });
}

/** A Config lifecycle filter predicate (prefix, tag, size, or an and-operator of them) as its parts. */
function predicateParts(p: Record<string, unknown> | undefined): { prefix?: string; tags: { Key?: string; Value?: string }[]; greater?: number; less?: number } {
  const out: { prefix?: string; tags: { Key?: string; Value?: string }[]; greater?: number; less?: number } = { tags: [] };
  const visit = (q: Record<string, unknown> | undefined) => {
    if (!q) return;
    if (typeof q.prefix === 'string') out.prefix = q.prefix;
    const tag = q.tag as Record<string, unknown> | undefined;
    if (tag && typeof tag === 'object') out.tags.push({ Key: String(tag.key ?? ''), Value: String(tag.value ?? '') });
    if (typeof q.objectSizeGreaterThan === 'number') out.greater = q.objectSizeGreaterThan;
    if (typeof q.objectSizeLessThan === 'number') out.less = q.objectSizeLessThan;
    if (Array.isArray(q.operands)) for (const o of q.operands) visit(o as Record<string, unknown>);
  };
  visit(p);
  return out;
}
