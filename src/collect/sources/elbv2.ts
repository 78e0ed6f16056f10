// ELBv2 load balancers: one paged list (400 a page), then attributes and listeners per
// load balancer (neither call takes more than one load balancer). Target groups: one
// paged list, then their targets per group (DescribeTargetHealth takes one group).
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type DescribeLoadBalancersCommandOutput,
  type DescribeTargetGroupsCommandOutput,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LoadBalancerConfig } from '../../model/resource-config.js';
import type { Relation } from '../../model/snapshot.js';
import { arnOf, partitionOf } from '../arn.js';
import type { Session, Target } from '../session.js';

const TYPE = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';

export async function collectElbv2(s: Session, t: Target): Promise<void> {
  const lbs: LoadBalancer[] = [];
  const complete = await s.paginate(
    t,
    'elbv2',
    'DescribeLoadBalancers',
    [TYPE],
    (c, m) => c.send(new DescribeLoadBalancersCommand({ PageSize: s.page(400), ...(m ? { Marker: m } : {}) })),
    (p: DescribeLoadBalancersCommandOutput) => p.NextMarker,
    (p) => void lbs.push(...(p.LoadBalancers ?? [])),
  );
  if (complete) s.addCoverage(t, 'describe', [TYPE]);
  const ec2 = (kind: string, id: string) => arnOf('ec2', t.region, t.accountId, `${kind}/${id}`);
  await Promise.all(
    lbs.map(async (lb) => {
      const arn = lb.LoadBalancerArn;
      if (!arn) return;
      const [attrs, listeners] = await Promise.all([
        s.wants(TYPE, 'DescribeLoadBalancerAttributes') && s.must(t, 'elbv2', 'DescribeLoadBalancerAttributes', [TYPE], (c) => c.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn })), arn),
        s.wants(TYPE, 'DescribeListeners') && s.must(t, 'elbv2', 'DescribeListeners', [TYPE], (c) => c.send(new DescribeListenersCommand({ LoadBalancerArn: arn, PageSize: 400 })), arn),
      ]);
      const subnetIds = (lb.AvailabilityZones ?? []).flatMap((z) => (z.SubnetId ? [z.SubnetId] : [])).sort();
      const securityGroupIds = [...(lb.SecurityGroups ?? [])].sort();
      const config: Partial<LoadBalancerConfig> = {
        lbType: (lb.Type ?? 'application') as LoadBalancerConfig['lbType'],
        scheme: (lb.Scheme ?? 'internet-facing') as LoadBalancerConfig['scheme'],
        ...(lb.VpcId ? { vpcId: lb.VpcId } : {}),
        ...(lb.DNSName ? { dnsName: lb.DNSName } : {}),
        subnetIds,
        securityGroupIds,
      };
      const relations: Relation[] = [
        ...(lb.VpcId ? [{ kind: 'vpc' as const, target: ec2('vpc', lb.VpcId) }] : []),
        ...subnetIds.map((x): Relation => ({ kind: 'subnet', target: ec2('subnet', x) })),
        ...securityGroupIds.map((x): Relation => ({ kind: 'security-group', target: ec2('security-group', x) })),
      ];
      if (attrs) {
        const a = Object.fromEntries((attrs.Attributes ?? []).map((x) => [x.Key ?? '', x.Value ?? '']));
        const bucket = a['access_logs.s3.bucket'];
        const enabled = a['access_logs.s3.enabled'] === 'true';
        config.accessLogging = enabled && bucket ? { enabled, bucket } : { enabled };
        if (enabled && bucket) relations.push({ kind: 'logs-to', target: `arn:${partitionOf(t.region)}:s3:::${bucket}` });
        config.deletionProtection = a['deletion_protection.enabled'] === 'true';
      }
      if (listeners) {
        config.listeners = (listeners.Listeners ?? [])
          .map((l) => ({
            port: l.Port ?? 0,
            protocol: l.Protocol ?? '',
            ...(l.SslPolicy ? { sslPolicy: l.SslPolicy } : {}),
            ...(l.Protocol === 'HTTP' ? { redirectsToHttps: (l.DefaultActions ?? []).some((d) => d.Type === 'redirect' && d.RedirectConfig?.Protocol === 'HTTPS') } : {}),
          }))
          .sort((x, y) => x.port - y.port || x.protocol.localeCompare(y.protocol));
      }
      const name = lb.LoadBalancerName ?? arn;
      s.upsert({ arn, accountId: t.accountId, region: t.region, type: TYPE, id: arn.split(':loadbalancer/')[1] ?? name, name, config, relations });
    }),
  );
}

export async function collectTargetGroups(s: Session, t: Target): Promise<void> {
  const groups: TargetGroup[] = [];
  const complete = await s.paginate(
    t,
    'elbv2',
    'DescribeTargetGroups',
    [TARGET_GROUP],
    (c, m) => c.send(new DescribeTargetGroupsCommand({ PageSize: s.page(400), ...(m ? { Marker: m } : {}) })),
    (p: DescribeTargetGroupsCommandOutput) => p.NextMarker,
    (p) => void groups.push(...(p.TargetGroups ?? [])),
  );
  if (complete) s.addCoverage(t, 'describe', [TARGET_GROUP]);
  await Promise.all(
    groups.map(async (g) => {
      const arn = g.TargetGroupArn;
      if (!arn) return;
      const health = s.wants(TARGET_GROUP, 'DescribeTargetHealth') && await s.must(t, 'elbv2', 'DescribeTargetHealth', [TARGET_GROUP], (c) => c.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })), arn);
      const targetType = g.TargetType ?? 'instance';
      const loadBalancerArns = [...(g.LoadBalancerArns ?? [])].sort();
      const relations: Relation[] = [
        ...(g.VpcId ? [{ kind: 'vpc' as const, target: arnOf('ec2', t.region, t.accountId, `vpc/${g.VpcId}`) }] : []),
        ...loadBalancerArns.map((x): Relation => ({ kind: 'load-balancer', target: x })),
      ];
      const config: Record<string, unknown> = {
        targetType,
        ...(g.Protocol ? { protocol: g.Protocol } : {}),
        ...(g.Port !== undefined ? { port: g.Port } : {}),
        ...(g.VpcId ? { vpcId: g.VpcId } : {}),
        loadBalancerArns,
      };
      if (health) {
        const targets = (health.TargetHealthDescriptions ?? [])
          .flatMap((d) => (d.Target?.Id ? [{ id: d.Target.Id, ...(d.Target.Port !== undefined ? { port: d.Target.Port } : {}), state: d.TargetHealth?.State ?? '' }] : []))
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : (a.port ?? 0) - (b.port ?? 0)));
        config.targets = targets;
        for (const id of new Set(targets.map((x) => x.id))) {
          const target = targetType === 'instance' ? arnOf('ec2', t.region, t.accountId, `instance/${id}`) : targetType === 'lambda' || targetType === 'alb' ? id : undefined;
          if (target) relations.push({ kind: 'load-balancer-target', target });
        }
      }
      const name = g.TargetGroupName ?? arn;
      s.upsert({ arn, accountId: t.accountId, region: t.region, type: TARGET_GROUP, id: arn.split(':targetgroup/')[1] ?? name, name, config, relations });
    }),
  );
}
