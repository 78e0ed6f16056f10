// Per-environment counts: running instances within compute.instanceCount, and a load
// balancer present or absent as compute.loadBalancer says. One outcome per environment.
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { environmentArn, environmentOf, environmentRef, escapePointer, resourcesOf } from './support.js';

const NONE = { type: 'object', additionalProperties: false, properties: {} };

function countByEnv(ctx: EngineContext, type: string, keep: (cfg: Record<string, unknown>) => boolean): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of resourcesOf(ctx, type)) {
    const env = environmentOf(ctx, r.arn);
    if (env === null || !keep(r.config)) continue;
    (m.get(env) ?? m.set(env, []).get(env)!).push(r.arn);
  }
  return m;
}

/** The collection errors that leave an environment's inventory of a type incomplete, in words, or undefined. */
export function gapFor(ctx: EngineContext, env: string, type: string): string | undefined {
  const accounts = ctx.spec.spec.environments[env]?.accounts ?? [];
  const errs = accounts.flatMap((a) => ctx.errorsAffecting(type, a.id)).filter((e) => e.resourceArn === undefined);
  return errs.length > 0 ? errs.map((e) => `collection error ${e.service}:${e.operation} ${e.code} in ${e.accountId}/${e.region}`).join('; ') : undefined;
}

export const instanceCountAnalysis: Analysis<Record<string, never>> = {
  name: 'instance-count',
  optionsSchema: NONE,
  run(ctx) {
    const running = countByEnv(ctx, 'AWS::EC2::Instance', (c) => c.state === undefined || c.state === 'running' || c.state === 'pending');
    const out: Outcome[] = [];
    for (const env of Object.keys(ctx.spec.spec.environments).sort()) {
      const want = ctx.spec.spec.environments[env]!.compute?.instanceCount;
      if (!want || (want.min === undefined && want.max === undefined)) continue;
      const arns = running.get(env) ?? [];
      const base = { arn: environmentArn(env), resource: environmentRef(env), specPath: `/environments/${escapePointer(env)}/compute/instanceCount` };
      const gap = gapFor(ctx, env, 'AWS::EC2::Instance');
      if (gap) {
        out.push({ ...base, status: 'not-evaluated', message: `Environment ${env}: instance count not evaluated, inventory incomplete`, evidence: { observed: arns.length, expected: want }, reason: gap });
        continue;
      }
      const low = want.min !== undefined && arns.length < want.min;
      const high = want.max !== undefined && arns.length > want.max;
      out.push({
        ...base,
        status: low || high ? 'fail' : 'pass',
        message: `Environment ${env}: ${arns.length} running instance(s)${low || high ? `; the spec plans ${planned(want)}` : `, as the spec plans (${planned(want)})`}`,
        evidence: { observed: arns.length, expected: want, instances: arns.slice(0, 50) },
      });
    }
    return out;
  },
};

export const loadBalancerPresenceAnalysis: Analysis<Record<string, never>> = {
  name: 'load-balancer-presence',
  optionsSchema: NONE,
  run(ctx) {
    const lbs = countByEnv(ctx, 'AWS::ElasticLoadBalancingV2::LoadBalancer', () => true);
    const out: Outcome[] = [];
    for (const env of Object.keys(ctx.spec.spec.environments).sort()) {
      const want = ctx.spec.spec.environments[env]!.compute?.loadBalancer;
      if (want !== 'required' && want !== 'forbidden') continue;
      const arns = lbs.get(env) ?? [];
      const base = { arn: environmentArn(env), resource: environmentRef(env), specPath: `/environments/${escapePointer(env)}/compute/loadBalancer` };
      const gap = gapFor(ctx, env, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      // A load balancer seen settles either requirement (one exists); only "none found" is undecided.
      if (gap && arns.length === 0) {
        out.push({ ...base, status: 'not-evaluated', message: `Environment ${env}: load balancer presence not evaluated, inventory incomplete`, evidence: { observed: arns.length, expected: want }, reason: gap });
        continue;
      }
      const ok = want === 'required' ? arns.length > 0 : arns.length === 0;
      out.push({
        ...base,
        status: ok ? 'pass' : 'fail',
        message: ok
          ? `Environment ${env}: ${want === 'required' ? `${arns.length} load balancer(s), as the spec requires` : 'no load balancer, as the spec requires'}`
          : want === 'required' ? `Environment ${env}: no load balancer; the spec requires one` : `Environment ${env}: ${arns.length} load balancer(s); the spec forbids them`,
        evidence: { observed: arns, expected: want },
      });
    }
    return out;
  },
};

/** `at least 2`, `at most 4`, `between 2 and 4`. */
function planned(want: { min?: number; max?: number }): string {
  if (want.min !== undefined && want.max !== undefined) return want.min === want.max ? `exactly ${want.min}` : `between ${want.min} and ${want.max}`;
  return want.min !== undefined ? `at least ${want.min}` : `at most ${want.max}`;
}
