// Resource policies as isolation paths: a bucket, queue, topic, key or secret of one
// environment whose policy admits principals or accounts of another. Public statements
// ('*' with no condition) are left to resource-policy-public, as 0.0.0.0/0 is left to the
// ingress rules; a principal or account of the resource's own environment is no link.
import type { Collector, PathContext } from './isolation-paths.js';
import { allowStatements, resolverOf, resourcePolicy, RESOURCE_POLICY_TYPES, statementReach } from './resource-policies.js';
import { typePositionsOf } from './support.js';

const ACTIONS_PER_LINK = 5;

/** Positions (unsorted) of the resources whose type carries a resource policy. */
export function resourcePolicyPositions(pc: PathContext): number[] {
  const out: number[] = [];
  // A loop, not push(...positions): a spread of hundreds of thousands of arguments overflows the stack (5M resources).
  for (const [type, positions] of typePositionsOf(pc.ctx)) if (RESOURCE_POLICY_TYPES.has(type)) for (const p of positions) out.push(p);
  return out;
}

export function resourcePolicyPath(pc: PathContext, out: Collector): void {
  const resources = pc.ctx.snapshot.resources;
  const rv = resolverOf(pc.ctx);
  for (const i of resourcePolicyPositions(pc)) {
    const r = resources[i]!;
    const own = pc.envAt(i);
    if (own === null || pc.allowed(r.arn)) continue;
    const doc = resourcePolicy(r);
    if (doc === undefined) continue;
    for (const s of allowStatements(doc)) {
      const actions = s.notAction ? s.actions.map((a) => `NotAction ${a}`) : s.actions;
      const reaches = statementReach(s, rv);
      // An account (or a principal or ARN known only by its account) that also holds the
      // resource's own environment is its own account: identity policies decide there.
      const ownVia = new Set(reaches.filter((x) => x.environment === own && x.byAccount === true).map((x) => x.via));
      for (const reach of reaches) {
        if (reach.environment === own || ownVia.has(reach.via)) continue;
        out.add(r.arn, own, {
          path: 'resource-policy',
          environment: reach.environment,
          via: reach.via,
          policy: `resource policy ${s.label}`,
          actions: actions.slice(0, ACTIONS_PER_LINK),
          ...(reach.assumed !== undefined ? { assumed: reach.assumed } : {}),
        });
      }
    }
  }
}
