// What an environment must have for its operations, one outcome per environment: at
// least monitoring.minDashboards CloudWatch dashboards of its own, and the Route 53
// records dns.records lists, each pointing at the environment's own load balancer
// (issue 12).
import type { Analysis, EngineContext, Outcome } from '../context.js';
import type { Resource } from '../../model/snapshot.js';
import { environmentArn, environmentOf, environmentRef, escapePointer, resourcesOf } from './support.js';

const NONE = { type: 'object', additionalProperties: false, properties: {} };
const DASHBOARD = 'AWS::CloudWatch::Dashboard';

/** A failed listing in one of the environment's accounts: the count cannot be trusted. */
function listingGap(ctx: EngineContext, env: string, type: string): string | undefined {
  const accounts = ctx.spec.spec.environments[env]?.accounts ?? [];
  const errs = accounts.flatMap((a) => ctx.errorsAffecting(type, a.id)).filter((e) => e.resourceArn === undefined);
  return errs.length > 0 ? errs.map((e) => `collection error ${e.service}:${e.operation} ${e.code} in ${e.accountId}/${e.region}`).join('; ') : undefined;
}

export const dashboardsPresentAnalysis: Analysis<Record<string, never>> = {
  name: 'dashboards-present',
  optionsSchema: NONE,
  run(ctx) {
    const byEnv = new Map<string, string[]>();
    for (const r of resourcesOf(ctx, DASHBOARD)) {
      const env = environmentOf(ctx, r.arn);
      if (env !== null) (byEnv.get(env) ?? byEnv.set(env, []).get(env)!).push(r.name);
    }
    const out: Outcome[] = [];
    for (const env of Object.keys(ctx.spec.spec.environments).sort()) {
      const min = ctx.spec.spec.environments[env]!.monitoring?.minDashboards;
      if (min === undefined) continue;
      const names = [...(byEnv.get(env) ?? [])].sort();
      const base = { arn: environmentArn(env), resource: environmentRef(env), specPath: `/environments/${escapePointer(env)}/monitoring/minDashboards` };
      const gap = listingGap(ctx, env, DASHBOARD);
      if (gap && names.length < min) {
        out.push({ ...base, status: 'not-evaluated', message: `Environment ${env}: dashboards not evaluated, inventory incomplete`, evidence: { observed: names, expected: min }, reason: gap });
        continue;
      }
      const ok = names.length >= min;
      const seen = names.length === 0 ? 'no CloudWatch dashboard' : `${names.length} CloudWatch dashboard(s) (${names.join(', ')})`;
      out.push({
        ...base,
        status: ok ? 'pass' : 'fail',
        message: ok ? `Environment ${env}: ${seen}, as the spec requires` : `Environment ${env}: ${seen}; the spec requires at least ${min}`,
        evidence: { observed: names, expected: min },
      });
    }
    return out;
  },
};

const RECORD = 'AWS::Route53::RecordSet';
/** A DNS name as compared: lower case, no final dot. */
const dnsKey = (name: string): string => name.replace(/\.$/, '').toLowerCase();

interface Misdirected {
  record: string;
  target: string;
  targetName: string;
  targetEnvironment: string | null;
}

/**
 * A staging name aliasing a production load balancer fails here, on the record the spec
 * lists, not as an isolation finding: the spec says which environment the name serves,
 * and the record grants no access from one environment to another (isolation's paths
 * are access paths); it sends the environment's users to another environment.
 */
export const dnsRecordsPresentAnalysis: Analysis<Record<string, never>> = {
  name: 'dns-records-present',
  optionsSchema: NONE,
  run(ctx) {
    const byName = new Map<string, Resource[]>();
    for (const r of resourcesOf(ctx, RECORD)) {
      const key = dnsKey(typeof r.config.recordName === 'string' ? r.config.recordName : r.name);
      (byName.get(key) ?? byName.set(key, []).get(key)!).push(r);
    }
    const out: Outcome[] = [];
    for (const env of Object.keys(ctx.spec.spec.environments).sort()) {
      const wanted = ctx.spec.spec.environments[env]!.dns?.records;
      if (!wanted || wanted.length === 0) continue;
      const accounts = new Set(ctx.spec.spec.environments[env]!.accounts.map((a) => a.id));
      const base = { arn: environmentArn(env), resource: environmentRef(env), specPath: `/environments/${escapePointer(env)}/dns/records` };
      const present: string[] = [];
      const missing: string[] = [];
      const misdirected: Misdirected[] = [];
      const unresolved: string[] = [];
      for (const w of wanted) {
        const label = w.type ? `${dnsKey(w.name)} (${w.type})` : dnsKey(w.name);
        const found = (byName.get(dnsKey(w.name)) ?? []).filter((r) => accounts.has(r.accountId) && (w.type === undefined || r.config.recordType === w.type));
        if (found.length === 0) {
          missing.push(label);
          continue;
        }
        present.push(label);
        for (const r of found) {
          const targets = r.relations.filter((x) => x.kind === 'alias-target').map((x) => x.target);
          for (const target of targets) {
            const targetEnvironment = environmentOf(ctx, target);
            if (targetEnvironment !== env) misdirected.push({ record: label, target, targetName: ctx.byArn.get(target)?.name ?? target, targetEnvironment });
          }
          const pointsSomewhere = r.config.aliasTarget !== undefined || r.config.recordType === 'CNAME';
          if (targets.length === 0 && pointsSomewhere) unresolved.push(label);
        }
      }
      const evidence = { present, missing, misdirected, unresolved };
      const gap = missing.length > 0 ? listingGap(ctx, env, RECORD) : undefined;
      if (gap) {
        out.push({ ...base, status: 'not-evaluated', message: `Environment ${env}: DNS records not evaluated, inventory incomplete`, evidence, reason: gap });
        continue;
      }
      if (missing.length > 0 || misdirected.length > 0) {
        const parts = [
          ...missing.map((n) => `${n} is missing`),
          ...misdirected.map((m) => `${m.record} points at ${m.targetName}, ${m.targetEnvironment === null ? 'in no environment' : `of ${m.targetEnvironment}`}`),
        ];
        out.push({ ...base, status: 'fail', message: `Environment ${env}: ${[...new Set(parts)].join('; ')}; the spec lists these records for ${env}`, evidence });
        continue;
      }
      if (unresolved.length > 0) {
        out.push({ ...base, status: 'not-evaluated', message: `Environment ${env}: DNS records present; what ${unresolved.join(', ')} points at is not in the inventory`, evidence, reason: 'alias or CNAME target is not a collected load balancer' });
        continue;
      }
      out.push({ ...base, status: 'pass', message: `Environment ${env}: ${present.length} DNS record(s) present (${present.join(', ')}), none pointing at another environment`, evidence });
    }
    return out;
  },
};
