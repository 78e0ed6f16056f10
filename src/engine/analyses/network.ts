// Network analyses that need more than one resource at a time: security groups open to
// the internet on restricted ports, workloads in a default VPC, and VPC CIDRs of
// different environments that overlap.
import type { Analysis, EngineContext, Outcome } from '../context.js';
import type { SecurityGroupConfig, SecurityGroupRule, VpcConfig } from '../../model/resource-config.js';
import { parseCidrLoose } from '../../util/cidr.js';
import { collectionGap, environmentOf, envSpec, escapePointer, resourcesOf } from './support.js';
import { exemptPass } from '../exemptions.js';

const NONE = { type: 'object', additionalProperties: false, properties: {} };
const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** Whether a security group rule admits traffic on the port (all-traffic rules and covering ranges do). */
export function admitsPort(rule: SecurityGroupRule, port: number): boolean {
  if (rule.protocol === '-1' || rule.protocol === 'all') return true;
  if (!['tcp', 'udp', '6', '17'].includes(rule.protocol)) return false;
  const from = rule.fromPort ?? 0;
  const to = rule.toPort ?? 65535;
  return from <= port && port <= to;
}

export const openIngressAnalysis: Analysis<Record<string, never>> = {
  name: 'open-ingress',
  optionsSchema: NONE,
  run(ctx) {
    const out: Outcome[] = [];
    for (const r of resourcesOf(ctx, 'AWS::EC2::SecurityGroup')) {
      const env = environmentOf(ctx, r.arn);
      const ports = envSpec(ctx, env)?.network?.restrictedIngressPorts ?? [];
      if (ports.length === 0) continue;
      const ingress = (r.config as Partial<SecurityGroupConfig>).ingress;
      if (!Array.isArray(ingress)) {
        out.push(collectionGap(ctx, r, 'ingress') ?? { status: 'not-evaluated', arn: r.arn, message: `AWS::EC2::SecurityGroup '${r.name}': ingress rules not collected`, evidence: {}, reason: 'config.ingress not collected' });
        continue;
      }
      const open: { port: number; protocol: string; cidrs: string[] }[] = [];
      for (const port of ports) {
        for (const rule of ingress) {
          const cidrs = rule.cidrs.filter((c) => WORLD.has(c));
          if (cidrs.length > 0 && admitsPort(rule, port)) open.push({ port, protocol: rule.protocol, cidrs });
        }
      }
      if (open.length === 0 && ctx.countPass) {
        ctx.countPass(env, r.arn);
        continue;
      }
      const specPath = `/environments/${escapePointer(env!)}/network/restrictedIngressPorts`;
      out.push(
        open.length > 0
          ? { status: 'fail', arn: r.arn, message: `AWS::EC2::SecurityGroup '${r.name}': admits ${[...new Set(open.flatMap((o) => o.cidrs))].sort().join(', ')} on restricted port(s) ${[...new Set(open.map((o) => o.port))].join(', ')}; ${env} keeps port(s) ${ports.join(', ')} closed to the internet`, evidence: { observed: open, expected: { closedToInternet: ports } }, specPath }
          : { status: 'pass', arn: r.arn, message: `AWS::EC2::SecurityGroup '${r.name}': keeps restricted port(s) ${ports.join(', ')} closed to the internet`, evidence: { observed: [], expected: { closedToInternet: ports } }, specPath },
      );
    }
    return out;
  },
};

/** Members that make a default VPC "used" (its own subnets and default group do not). */
const INFRASTRUCTURE = new Set(['AWS::EC2::Subnet', 'AWS::EC2::SecurityGroup', 'AWS::EC2::VPC']);

export const defaultVpcUseAnalysis: Analysis<Record<string, never>> = {
  name: 'default-vpc-use',
  optionsSchema: NONE,
  run(ctx) {
    const out: Outcome[] = [];
    const forbids = (env: string | null) => envSpec(ctx, env)?.network?.forbidDefaultVpc === true;
    for (const vpc of resourcesOf(ctx, 'AWS::EC2::VPC')) {
      const cfg = vpc.config as Partial<VpcConfig>;
      const members = (ctx.inbound?.('vpc', vpc.arn) ?? [])
        .map((a) => ctx.byArn.get(a))
        .filter((m) => m !== undefined && !INFRASTRUCTURE.has(m.type));
      const vpcEnv = environmentOf(ctx, vpc.arn);
      const offending = members.filter((m) => forbids(environmentOf(ctx, m!.arn)));
      const relevant = forbids(vpcEnv) || offending.length > 0;
      if (!relevant) continue;
      const env = vpcEnv ?? environmentOf(ctx, offending[0]?.arn ?? '') ?? '';
      const specPath = `/environments/${escapePointer(env)}/network/forbidDefaultVpc`;
      if (cfg.isDefault === undefined) {
        out.push(collectionGap(ctx, vpc, 'default VPC use') ?? { status: 'not-evaluated', arn: vpc.arn, message: `AWS::EC2::VPC '${vpc.name}': isDefault not collected`, evidence: {}, reason: 'config.isDefault not collected' });
        continue;
      }
      const used = cfg.isDefault && (offending.length > 0 || (forbids(vpcEnv) && members.length > 0));
      const names = (offending.length > 0 ? offending : members).map((m) => m!.arn).sort().slice(0, 20);
      out.push({
        status: used ? 'fail' : 'pass',
        arn: vpc.arn,
        message: used
          ? `AWS::EC2::VPC '${vpc.name}': a default VPC holding ${names.length} workload resource(s); ${env} forbids workloads in default VPCs`
          : `AWS::EC2::VPC '${vpc.name}': ${cfg.isDefault ? 'a default VPC left unused' : 'a custom VPC'}`,
        evidence: { observed: { isDefault: cfg.isDefault, members: used ? names : members.length }, expected: 'workloads in custom VPCs only' },
        specPath,
      });
    }
    return out;
  },
};

export const vpcCidrOverlapAnalysis: Analysis<Record<string, never>> = {
  name: 'vpc-cidr-overlap',
  optionsSchema: NONE,
  exemptions: true,
  run(ctx: EngineContext) {
    type Block = { start: number; end: number; cidr: string; arn: string; env: string };
    const blocks: Block[] = [];
    const attributed = resourcesOf(ctx, 'AWS::EC2::VPC').filter((v) => environmentOf(ctx, v.arn) !== null);
    // A left-out VPC (a default VPC: 172.31.0.0/16 in every account) is on neither side of an overlap.
    const leftOut: Outcome[] = [];
    const vpcs = attributed.filter((v) => {
      const x = ctx.exemption?.(v.arn);
      if (x !== undefined) leftOut.push({ ...exemptPass(v.arn, `VPC '${v.name}' (${environmentOf(ctx, v.arn)!}) is not compared`, x), specPath: `/environments/${escapePointer(environmentOf(ctx, v.arn)!)}/network/vpcCidrs` });
      return x === undefined;
    });
    for (const v of vpcs) {
      for (const cidr of (v.config as Partial<VpcConfig>).cidrBlocks ?? []) {
        const range = parseCidrLoose(cidr);
        if (range) blocks.push({ ...range, cidr, arn: v.arn, env: environmentOf(ctx, v.arn)! });
      }
    }
    // Sweep in start order: only blocks still open can overlap, so this is n log n plus overlaps.
    blocks.sort((a, b) => a.start - b.start || a.end - b.end || (a.arn < b.arn ? -1 : 1));
    const overlaps = new Map<string, { cidr: string; other: string; otherEnv: string; otherCidr: string }[]>();
    let open: Block[] = [];
    for (const b of blocks) {
      open = open.filter((o) => o.end >= b.start);
      for (const o of open) {
        if (o.env === b.env) continue;
        (overlaps.get(b.arn) ?? overlaps.set(b.arn, []).get(b.arn)!).push({ cidr: b.cidr, other: o.arn, otherEnv: o.env, otherCidr: o.cidr });
        (overlaps.get(o.arn) ?? overlaps.set(o.arn, []).get(o.arn)!).push({ cidr: o.cidr, other: b.arn, otherEnv: b.env, otherCidr: b.cidr });
      }
      open.push(b);
    }
    return leftOut.concat(vpcs.map((v): Outcome => {
      const env = environmentOf(ctx, v.arn)!;
      const found = (overlaps.get(v.arn) ?? []).sort((a, b) => (a.other < b.other ? -1 : a.other > b.other ? 1 : 0));
      const specPath = `/environments/${escapePointer(env)}/network/vpcCidrs`;
      return found.length > 0
        ? { status: 'fail', arn: v.arn, message: `AWS::EC2::VPC '${v.name}': ${found.map((f) => `${f.cidr} (${env}) overlaps ${f.otherCidr} of ${f.otherEnv}`).join(', ')}; environments need ranges of their own`, evidence: { observed: found, expected: 'no overlap with other environments' }, environments: found.map((f) => f.otherEnv), specPath }
        : { status: 'pass', arn: v.arn, message: `AWS::EC2::VPC '${v.name}': ${env}'s ranges overlap no other environment`, evidence: { observed: [], expected: 'no overlap with other environments' }, specPath };
    }));
  },
};
