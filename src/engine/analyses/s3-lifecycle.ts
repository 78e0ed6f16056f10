// S3 lifecycle requirements (retention.s3Lifecycle): each bucket matching a
// requirement's patterns needs an enabled lifecycle rule that transitions to each
// required storage class no later than the required day, and one that expires objects
// at exactly the required day (earlier loses data, later keeps it past its retention).
import type { Analysis, Outcome } from '../context.js';
import type { S3BucketConfig } from '../../model/resource-config.js';
import { compilePattern } from '../patterns.js';
import { collectionGap, environmentOf, envSpec, escapePointer, resourcesOf } from './support.js';

type LifecycleRule = S3BucketConfig['lifecycle']['rules'][number];

export const s3LifecycleAnalysis: Analysis<Record<string, never>> = {
  name: 's3-lifecycle',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  run(ctx) {
    const out: Outcome[] = [];
    for (const r of resourcesOf(ctx, 'AWS::S3::Bucket')) {
      const env = environmentOf(ctx, r.arn);
      const reqs = envSpec(ctx, env)?.retention?.s3Lifecycle ?? [];
      const applicable = reqs.map((q, i) => ({ q, i })).filter(({ q }) => q.buckets.some((p) => compilePattern(p).test(r.name)));
      if (applicable.length === 0) continue;
      const lifecycle = (r.config as Partial<S3BucketConfig>).lifecycle;
      if (!lifecycle || !Array.isArray(lifecycle.rules)) {
        out.push(collectionGap(ctx, r, 'S3 lifecycle') ?? { status: 'not-evaluated', arn: r.arn, message: `bucket '${r.name}': lifecycle configuration not collected`, evidence: {}, reason: 'config.lifecycle not collected' });
        continue;
      }
      const enabled = lifecycle.rules.filter((x) => x.enabled);
      const problems: string[] = [];
      let firstFailing: number | undefined;
      for (const { q, i } of applicable) {
        const before = problems.length;
        for (const t of q.transitions) {
          if (!enabled.some((x) => x.transitions.some((y) => y.storageClass === t.storageClass && y.days <= t.days))) {
            problems.push(`no enabled transition to ${t.storageClass} within ${t.days} days`);
          }
        }
        if (q.expirationDays !== undefined && !enabled.some((x: LifecycleRule) => x.expirationDays === q.expirationDays)) {
          problems.push(`no enabled expiration at ${q.expirationDays} days`);
        }
        if (problems.length > before && firstFailing === undefined) firstFailing = i;
      }
      const observed = enabled.map((x) => ({ id: x.id, transitions: x.transitions, expirationDays: x.expirationDays }));
      const expected = applicable.map(({ q }) => ({ transitions: q.transitions, expirationDays: q.expirationDays }));
      const idx = firstFailing ?? applicable[0]!.i;
      out.push({
        status: problems.length > 0 ? 'fail' : 'pass',
        arn: r.arn,
        message: problems.length > 0 ? `bucket '${r.name}' lifecycle falls short: ${problems.join('; ')}` : `bucket '${r.name}' lifecycle meets the retention requirement`,
        evidence: { observed, expected, ...(problems.length > 0 ? { problems } : {}) },
        specPath: `/environments/${escapePointer(env!)}/retention/s3Lifecycle/${idx}`,
      });
    }
    return out;
  },
};
