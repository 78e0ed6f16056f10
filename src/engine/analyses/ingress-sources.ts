// Who security groups admit, against allowlists: the bastion as the only SSH path
// (network.bastion) and allowed sources per port (network.allowedIngress). A rule's CIDR
// is allowed when it lies within an allowed block; a group source when it is allowed by
// id or name. A group naming itself (members talking to each other, as every VPC's
// default group does) opens no path from outside and is always allowed.
import type { SecurityGroupConfig, SecurityGroupRule } from '../../model/resource-config.js';
import type { Resource } from '../../model/snapshot.js';
import type { AllowedIngressSpec, BastionSpec } from '../../model/spec.js';
import { cidrWithin } from '../../util/cidr.js';
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { matchersOf } from '../patterns.js';
import { admitsPort } from './network.js';
import { collectionGap, environmentOf, envSpec, escapePointer, resourcesOf } from './support.js';

const SG = 'AWS::EC2::SecurityGroup';
const INSTANCE = 'AWS::EC2::Instance';
const NONE = { type: 'object', additionalProperties: false, properties: {} };
const SSH = 22;

/** The sources a rule admits that the allowlist does not: CIDRs, then group ids. */
export function disallowedSources(rule: SecurityGroupRule, self: string, allowCidrs: readonly string[], allowGroup: (id: string) => boolean): string[] {
  const cidrs = rule.cidrs.filter((c) => !allowCidrs.some((a) => cidrWithin(c, a)));
  const groups = rule.groupIds.filter((g) => g !== self && !allowGroup(g));
  return [...cidrs, ...groups];
}

function ingressOf(ctx: EngineContext, r: Resource): SecurityGroupRule[] | Outcome {
  const ingress = (r.config as Partial<SecurityGroupConfig>).ingress;
  if (Array.isArray(ingress)) return ingress;
  return collectionGap(ctx, r, 'ingress') ?? { status: 'not-evaluated', arn: r.arn, message: `${SG} '${r.name}': ingress rules not collected`, evidence: {}, reason: 'config.ingress not collected' };
}

const groupIdOf = (r: Resource): string => {
  const c = r.config as Partial<SecurityGroupConfig>;
  return typeof c.groupId === 'string' ? c.groupId : r.id;
};

/** Whether an instance is a bastion as the spec names it: by name pattern or by tag (key: exact value). */
export function isBastion(i: Resource, bastion: BastionSpec): boolean {
  const m = matchersOf(bastion.names ?? []);
  return m.some((x) => x.test(i.name)) || Object.entries(bastion.tags ?? {}).some(([k, v]) => i.tags[k] === v);
}

/** The bastion instances of an environment. */
function bastionsOf(ctx: EngineContext, env: string, bastion: BastionSpec): Resource[] {
  return resourcesOf(ctx, INSTANCE).filter((i) => environmentOf(ctx, i.arn) === env && isBastion(i, bastion));
}

function groupsOf(i: Resource): string[] {
  const c = i.config as { securityGroupIds?: unknown };
  const fromConfig = Array.isArray(c.securityGroupIds) ? c.securityGroupIds.filter((x): x is string => typeof x === 'string') : [];
  const fromRelations = i.relations.filter((x) => x.kind === 'security-group').map((x) => x.target.slice(x.target.lastIndexOf('/') + 1));
  return [...new Set([...fromConfig, ...fromRelations])].sort();
}

export const bastionSshAnalysis: Analysis<Record<string, never>> = {
  name: 'bastion-ssh',
  optionsSchema: NONE,
  run(ctx) {
    const out: Outcome[] = [];
    const bastionGroups = new Map<string, { groups: Set<string>; count: number }>();
    for (const r of resourcesOf(ctx, SG)) {
      const env = environmentOf(ctx, r.arn);
      const want = envSpec(ctx, env)?.network?.bastion;
      if (!want) continue;
      let known = bastionGroups.get(env!);
      if (!known) {
        const found = bastionsOf(ctx, env!, want);
        bastionGroups.set(env!, (known = { groups: new Set(found.flatMap(groupsOf)), count: found.length }));
      }
      const ingress = ingressOf(ctx, r);
      if (!Array.isArray(ingress)) {
        out.push(ingress);
        continue;
      }
      const sshFrom = want.sshFrom ?? [];
      const self = groupIdOf(r);
      const bad = [...new Set(ingress.filter((x) => admitsPort(x, SSH)).flatMap((x) => disallowedSources(x, self, sshFrom, (g) => known.groups.has(g))))].sort();
      const allowed = [...[...known.groups].sort(), ...sshFrom];
      const allowedText = allowed.length > 0 ? allowed.join(', ') : 'nowhere';
      const specPath = `/environments/${escapePointer(env!)}/network/bastion`;
      const evidence = { observed: { sshSources: bad, bastionInstances: known.count }, expected: { sshFrom: allowed } };
      if (bad.length > 0) {
        const none = known.count === 0 ? ' (no instance matches the bastion names or tags)' : '';
        out.push({ status: 'fail', arn: r.arn, message: `${SG} '${r.name}': admits SSH (port 22) from ${bad.join(', ')}; ${env} admits SSH only from the bastion or its listed ranges: ${allowedText}${none}`, evidence, specPath });
      } else {
        out.push({ status: 'pass', arn: r.arn, message: `${SG} '${r.name}': admits SSH only from the bastion or its listed ranges`, evidence, specPath });
      }
    }
    return out;
  },
};

/** The allowlist of one port: the union of every entry listing it. */
function allowlistOf(entries: readonly AllowedIngressSpec[], port: number): { cidrs: string[]; groups: string[] } {
  const on = entries.filter((e) => e.ports.includes(port));
  return { cidrs: [...new Set(on.flatMap((e) => e.cidrs ?? []))], groups: [...new Set(on.flatMap((e) => e.securityGroups ?? []))] };
}

function allowedText(a: { cidrs: string[]; groups: string[] }): string {
  const all = [...a.cidrs, ...a.groups];
  return all.length > 0 ? all.join(', ') : 'no source';
}

export const allowedIngressAnalysis: Analysis<Record<string, never>> = {
  name: 'allowed-ingress',
  optionsSchema: NONE,
  run(ctx) {
    const out: Outcome[] = [];
    // Group names by account, region and id, so a pattern can name a source group.
    const names = new Map<string, string[]>();
    for (const g of resourcesOf(ctx, SG)) {
      const gn = (g.config as Partial<SecurityGroupConfig>).groupName;
      names.set(`${g.accountId}/${g.region}/${groupIdOf(g)}`, [g.name, ...(typeof gn === 'string' ? [gn] : [])]);
    }
    for (const r of resourcesOf(ctx, SG)) {
      const env = environmentOf(ctx, r.arn);
      const entries = envSpec(ctx, env)?.network?.allowedIngress ?? [];
      if (entries.length === 0) continue;
      const ingress = ingressOf(ctx, r);
      if (!Array.isArray(ingress)) {
        out.push(ingress);
        continue;
      }
      const ports = [...new Set(entries.flatMap((e) => e.ports))].sort((a, b) => a - b);
      const self = groupIdOf(r);
      const found: { port: number; sources: string[] }[] = [];
      for (const port of ports) {
        const allow = allowlistOf(entries, port);
        const m = matchersOf(allow.groups);
        const groupOk = (id: string) => [id, ...(names.get(`${r.accountId}/${r.region}/${id}`) ?? [])].some((n) => m.some((x) => x.test(n)));
        const bad = [...new Set(ingress.filter((x) => admitsPort(x, port)).flatMap((x) => disallowedSources(x, self, allow.cidrs, groupOk)))].sort();
        if (bad.length > 0) found.push({ port, sources: bad });
      }
      const specPath = `/environments/${escapePointer(env!)}/network/allowedIngress`;
      const evidence = { observed: found, expected: entries };
      out.push(
        found.length > 0
          ? { status: 'fail', arn: r.arn, message: `${SG} '${r.name}': ${found.map((f) => `port ${f.port} admits ${f.sources.join(', ')} where ${env} allows only ${allowedText(allowlistOf(entries, f.port))}`).join('; ')}`, evidence, specPath }
          : { status: 'pass', arn: r.arn, message: `${SG} '${r.name}': admits only allowed sources on port${ports.length === 1 ? '' : 's'} ${ports.join(', ')}`, evidence, specPath },
      );
    }
    return out;
  },
};
