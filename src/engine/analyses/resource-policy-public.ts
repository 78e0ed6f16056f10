// Public resource policies: a bucket, queue, topic, key or secret whose policy has an
// Allow statement for everyone ('*', {AWS: '*'} or NotPrincipal) with no condition.
// Checked in every environment unless its dataProtection.publicPolicies is true. A bucket
// whose public access block restricts public buckets passes: S3 ignores such grants.
import type { S3BucketConfig } from '../../model/resource-config.js';
import type { Resource } from '../../model/snapshot.js';
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { isAwsManagedKey } from './isolation-paths.js';
import { allowStatements, isPublic, RESOURCE_POLICY_TYPES } from './resource-policies.js';
import { collectionGap, environmentOf, envSpec, escapePointer, typePositionsOf } from './support.js';

/** What the snapshot says of a resource's policy: a document, none, or not known. */
function policyState(r: Resource): { doc: unknown } | 'none' | 'unknown' {
  const p = (r.config as { policy?: unknown }).policy;
  if (p !== undefined && p !== null) return { doc: p };
  // Buckets, queues and topics without a policy have none recorded (a failed policy call is
  // a collection error, which collectionGap reports). Every KMS key has a policy, so a
  // customer key without one was not collected. A secret records null for no policy and
  // nothing when GetResourcePolicy was not made.
  if (r.type === 'AWS::KMS::Key') return 'unknown';
  if (r.type === 'AWS::SecretsManager::Secret') return p === null ? 'none' : 'unknown';
  return 'none';
}

function judge(ctx: EngineContext, r: Resource, env: string | null): Outcome | undefined {
  if (env !== null && envSpec(ctx, env)?.dataProtection?.publicPolicies === true) return undefined;
  const specPath = env !== null ? `/environments/${escapePointer(env)}/dataProtection/publicPolicies` : undefined;
  const at = specPath !== undefined ? { specPath } : {};
  const expected = 'no Allow statement for everyone without a condition';
  if (r.type === 'AWS::KMS::Key' && isAwsManagedKey(ctx, r.arn)) {
    return { status: 'pass', arn: r.arn, message: `AWS managed key '${r.name}': its policy is AWS's and admits only its service`, evidence: { observed: 'aws-managed-key', expected }, ...at };
  }
  const gap = collectionGap(ctx, r, 'resource policy');
  if (gap !== undefined) return gap;
  const state = policyState(r);
  if (state === 'unknown') {
    return { status: 'not-evaluated', arn: r.arn, message: `${r.type} '${r.name}': resource policy not in the snapshot`, evidence: {}, reason: 'config.policy not collected', ...at };
  }
  const pub = state === 'none' ? [] : allowStatements(state.doc).filter(isPublic);
  if (pub.length === 0) {
    return { status: 'pass', arn: r.arn, message: `${r.type} '${r.name}': ${state === 'none' ? 'no resource policy' : 'no statement admits everyone unconditionally'}`, evidence: { observed: [], expected }, ...at };
  }
  const observed = pub.map((s) => ({ statement: s.label, principal: s.grantees.find((g) => g.kind === 'public')!.text, actions: s.notAction ? s.actions.map((a) => `NotAction ${a}`) : s.actions }));
  const names = observed.map((o) => `${o.statement} (${o.actions.join(', ')})`).join('; ');
  const pab = r.type === 'AWS::S3::Bucket' ? (r.config as Partial<S3BucketConfig>).publicAccessBlock : undefined;
  if (pab?.restrictPublicBuckets === true) {
    return { status: 'pass', arn: r.arn, message: `${r.type} '${r.name}': ${names} admits everyone, but RestrictPublicBuckets stops S3 honouring it`, evidence: { observed, expected, restrictPublicBuckets: true }, ...at };
  }
  return { status: 'fail', arn: r.arn, message: `${r.type} '${r.name}': ${names} admits everyone with no condition`, evidence: { observed, expected }, ...at };
}

export const resourcePolicyPublicAnalysis: Analysis<Record<string, never>> = {
  name: 'resource-policy-public',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  perResource: true,
  run(ctx) {
    const out: Outcome[] = [];
    const resources = ctx.snapshot.resources;
    const positions = [...typePositionsOf(ctx)].filter(([t]) => RESOURCE_POLICY_TYPES.has(t)).flatMap(([, p]) => p);
    for (const i of positions.sort((a, b) => a - b)) {
      const r = resources[i]!;
      const env = environmentOf(ctx, r.arn);
      const o = judge(ctx, r, env);
      if (o === undefined) continue;
      if (o.status === 'pass' && ctx.countPass) ctx.countPass(env, r.arn);
      else out.push(o);
    }
    return out;
  },
};
