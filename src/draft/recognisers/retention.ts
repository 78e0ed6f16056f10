// Log retention and S3 lifecycles: <class>_log_retention_days, s3_lifecycle_transitions
// and a backend's lifecycle_rule { expiration_days } next to its bucket, in HCL.
import type { Fact, HclAttr, Recogniser } from '../types.js';
import { fact, scopeOf } from './util.js';

const STORAGE_CLASSES = new Set(['STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'GLACIER_IR', 'DEEP_ARCHIVE']);

function transitions(a: HclAttr): { days: number; storageClass: string }[] | undefined {
  if (!Array.isArray(a.value)) return undefined;
  const out = [];
  for (const t of a.value as Record<string, unknown>[]) {
    const days = t?.days;
    const cls = t?.storage_class ?? t?.storageClass;
    if (typeof days !== 'number' || typeof cls !== 'string' || !STORAGE_CLASSES.has(cls)) return undefined;
    out.push({ days, storageClass: cls });
  }
  return out;
}

export const retention: Recogniser = {
  kind: 'retention',
  recognise(docs) {
    const facts: Fact[] = [];
    for (const d of docs) {
      d.hcl.forEach((a, i) => {
        const scope = scopeOf(a);
        const logs = /^(\w+?)_log_retention_days$/.exec(a.key);
        if (logs && typeof a.value === 'number') {
          const cls = logs[1]!;
          facts.push(
            fact(scope, 'retention/logGroups', { class: cls, match: [`*${cls}*`], days: a.value }, a, {
              list: true,
              key: cls,
              placeholder: `match: the document names no log groups for "${cls}"`,
            }),
          );
        }
        const tr = a.key === 's3_lifecycle_transitions' ? transitions(a) : undefined;
        if (tr) facts.push(fact(scope, 'retention/s3Lifecycle', { buckets: ['@naming:AWS::S3::Bucket'], transitions: tr }, a, { list: true, key: '@naming' }));
        const rule = a.key === 'lifecycle_rule' ? (a.value as Record<string, unknown>) : undefined;
        const days = rule?.expiration_days;
        // The bucket this rule belongs to: the nearest `bucket = "..."` before it in the same block.
        const bucket = d.hcl.slice(0, i).reverse().find((b) => b.key === 'bucket' && b.segment === a.segment && b.env === a.env);
        if (typeof days === 'number' && bucket && typeof bucket.value === 'string') {
          facts.push(fact(scope, 'retention/s3Lifecycle', { buckets: [bucket.value], transitions: [], expirationDays: days }, a, { list: true, key: bucket.value }));
        }
      });
    }
    return { facts };
  },
};
