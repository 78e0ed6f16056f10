// S3 lifecycle requirements (retention.s3Lifecycle): each bucket matching a
// requirement's patterns needs enabled lifecycle rules covering the requirement's
// prefix (a rule scoped to `logs/` says nothing of the rest of the bucket, and one with
// a tag or size filter covers only some objects) that transition to each required
// storage class (on or before the day, or exactly on it) and expire objects (exactly on
// the day, or at least that late), as the requirement's transitionMatch and
// expirationMatch say.
import type { Analysis, Outcome } from '../context.js';
import type { S3BucketConfig } from '../../model/resource-config.js';
import type { S3LifecycleRequirement } from '../../model/spec.js';
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
        out.push(collectionGap(ctx, r, 'S3 lifecycle') ?? { status: 'not-evaluated', arn: r.arn, message: `AWS::S3::Bucket '${r.name}': lifecycle configuration not collected`, evidence: {}, reason: 'config.lifecycle not collected' });
        continue;
      }
      const enabled = lifecycle.rules.filter((x) => x.enabled);
      const problems: string[] = [];
      let firstFailing: number | undefined;
      for (const { q, i } of applicable) {
        const found = problemsOf(q, enabled, env!);
        problems.push(...found);
        if (found.length > 0 && firstFailing === undefined) firstFailing = i;
      }
      const observed = lifecycle.rules.map((x) => ({
        id: x.id,
        enabled: x.enabled,
        prefix: x.prefix ?? '',
        ...(x.objectFilter ? { objectFilter: x.objectFilter } : {}),
        transitions: x.transitions,
        ...(x.expirationDays !== undefined ? { expirationDays: x.expirationDays } : {}),
      }));
      const expected = applicable.map(({ q }) => ({ prefix: q.prefix ?? '', transitions: q.transitions, transitionMatch: q.transitionMatch ?? 'onOrBefore', expirationDays: q.expirationDays, expirationMatch: q.expirationMatch ?? 'exact' }));
      const idx = firstFailing ?? applicable[0]!.i;
      out.push({
        status: problems.length > 0 ? 'fail' : 'pass',
        arn: r.arn,
        message: problems.length > 0 ? `AWS::S3::Bucket '${r.name}': ${problems.join('; ')}` : `AWS::S3::Bucket '${r.name}': lifecycle meets the retention requirement`,
        evidence: { observed, expected, ...(problems.length > 0 ? { problems } : {}) },
        specPath: `/environments/${escapePointer(env!)}/retention/s3Lifecycle/${idx}`,
      });
    }
    return out;
  },
};

/** A rule covers the requirement's objects: its prefix is empty or begins the requirement's, and no tag or size filter narrows it. */
export function covers(rule: LifecycleRule, prefix: string): boolean {
  return prefix.startsWith(rule.prefix ?? '') && (rule.objectFilter ?? []).length === 0;
}

/** What the enabled rules lack against one requirement, in words (empty when they meet it). */
export function problemsOf(q: S3LifecycleRequirement, enabled: readonly LifecycleRule[], env: string): string[] {
  const prefix = q.prefix ?? '';
  const scope = prefix === '' ? '' : ` under ${prefix}`;
  const covering = enabled.filter((x) => covers(x, prefix));
  const out: string[] = [];
  const exact = (q.transitionMatch ?? 'onOrBefore') === 'exact';
  for (const t of q.transitions) {
    const ok = covering.some((x) => x.transitions.some((y) => y.storageClass === t.storageClass && (exact ? y.days === t.days : y.days <= t.days)));
    if (ok) continue;
    const seen = describeDays(covering.flatMap((x) => x.transitions.filter((y) => y.storageClass === t.storageClass).map((y) => y.days)), 'after');
    const narrower = narrowerRules(enabled, prefix, (x) => x.transitions.some((y) => y.storageClass === t.storageClass));
    out.push(`${seen ? `transition to ${t.storageClass}${scope} ${seen}` : `no transition to ${t.storageClass}${scope}`}${narrower} (${env} requires it ${exact ? 'on' : 'by'} day ${t.days})`);
  }
  if (q.expirationDays !== undefined) {
    const atLeast = (q.expirationMatch ?? 'exact') === 'atLeast';
    const want = q.expirationDays;
    const days = covering.flatMap((x) => (x.expirationDays !== undefined ? [x.expirationDays] : []));
    if (!days.some((d) => (atLeast ? d >= want : d === want))) {
      const seen = describeDays(days, 'after');
      const narrower = narrowerRules(enabled, prefix, (x) => x.expirationDays !== undefined);
      out.push(`${seen ? `objects${scope} expire ${seen}` : `no expiration${scope}`}${narrower} (${env} requires expiration ${atLeast ? `no earlier than day ${want}` : `on day ${want}`})`);
    }
  }
  return out;
}

function describeDays(days: number[], word: string): string {
  if (days.length === 0) return '';
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  return `${word} ${sorted.join(', ')} ${sorted.length === 1 && sorted[0] === 1 ? 'day' : 'days'}`;
}

/** Rules that would have counted but cover only part of the objects: said, so the finding is not a mystery. */
function narrowerRules(enabled: readonly LifecycleRule[], prefix: string, relevant: (x: LifecycleRule) => boolean): string {
  const names = enabled
    .filter((x) => !covers(x, prefix) && relevant(x))
    .map((x) => `'${x.id}' covers only ${[...((x.prefix ?? '') !== '' ? [`prefix ${x.prefix}`] : []), ...(x.objectFilter ?? [])].join(', ')}`);
  return names.length > 0 ? `, but rule ${names.join(', rule ')}` : '';
}
