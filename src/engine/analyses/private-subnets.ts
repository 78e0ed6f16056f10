// Workloads only in private subnets (network.privateSubnets): each resource of a listed
// type sits only in subnets whose route table has no route to an internet gateway, and
// has no public address (an instance's public IP, a publicly accessible database). A
// subnet whose route table was not collected is unknown: the result is not-evaluated.
// Only workloads are judged, so a default VPC's public default subnets (account
// furniture) give no finding while nothing runs in them.
import type { Resource } from '../../model/snapshot.js';
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { isBastion } from './ingress-sources.js';
import { routeTableViews, subnetRoutes, type RouteTableView, type SubnetRef, type SubnetRoute } from './subnet-routes.js';
import { environmentOf, envSpec, escapePointer, resourcesOf } from './support.js';

const ROUTE_TABLE = 'AWS::EC2::RouteTable';
const SUBNET = 'AWS::EC2::Subnet';
const INSTANCE = 'AWS::EC2::Instance';
/** ECS services in bridge or host mode run on their cluster's instances, which are judged as instances. */
/** Lambda functions outside a VPC are in no subnet: lambda-in-vpc judges them, this rule does not. */
const OPTIONAL_VPC = new Set(['AWS::Lambda::Function', 'AWS::ECS::Service']);

const tail = (arn: string, head: string): string | undefined => {
  const i = arn.indexOf(`:${head}/`);
  return i < 0 ? undefined : arn.slice(i + head.length + 2);
};

/** The resource's subnet ids (relations, else config), or undefined when none were collected. */
export function subnetIdsOf(r: Resource): string[] | undefined {
  const fromRelations = r.relations.filter((x) => x.kind === 'subnet').map((x) => tail(x.target, 'subnet')).filter((x): x is string => x !== undefined);
  const c = r.config as { subnetIds?: unknown; subnetId?: unknown };
  const fromConfig = Array.isArray(c.subnetIds) ? c.subnetIds.filter((x): x is string => typeof x === 'string') : typeof c.subnetId === 'string' ? [c.subnetId] : [];
  const all = [...new Set([...fromRelations, ...fromConfig])].sort();
  return all.length > 0 ? all : undefined;
}

function vpcIdOf(r: Resource): string | undefined {
  const c = r.config as { vpcId?: unknown };
  if (typeof c.vpcId === 'string' && c.vpcId !== '') return c.vpcId;
  const rel = r.relations.find((x) => x.kind === 'vpc');
  return rel ? tail(rel.target, 'vpc') : undefined;
}

/** The public address a resource has, in words, or undefined. */
function publicAddress(r: Resource): string | undefined {
  const c = r.config as { publicIp?: unknown; publiclyAccessible?: unknown; assignPublicIp?: unknown };
  if (typeof c.publicIp === 'string' && c.publicIp !== '') return `has public IP ${c.publicIp}`;
  if (c.publiclyAccessible === true) return 'is publicly accessible';
  if (c.assignPublicIp === true) return 'assigns public IPs to its tasks';
  return undefined;
}

const place = (r: Resource) => `${r.accountId}/${r.region}`;

export const privateSubnetsAnalysis: Analysis<Record<string, never>> = {
  name: 'private-subnets',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  run(ctx: EngineContext) {
    const tables = new Map<string, Resource[]>();
    for (const t of resourcesOf(ctx, ROUTE_TABLE)) (tables.get(place(t)) ?? tables.set(place(t), []).get(place(t))!).push(t);
    const views = new Map<string, RouteTableView[]>();
    const viewsAt = (r: Resource) => {
      let v = views.get(place(r));
      if (v === undefined) views.set(place(r), (v = routeTableViews(tables.get(place(r)) ?? [])));
      return v;
    };
    const subnetVpc = new Map<string, string>();
    for (const s of resourcesOf(ctx, SUBNET)) {
      const c = s.config as { subnetId?: unknown; vpcId?: unknown };
      if (typeof c.subnetId === 'string' && typeof c.vpcId === 'string' && c.vpcId !== '') subnetVpc.set(`${place(s)}/${c.subnetId}`, c.vpcId);
    }
    const types = [...new Set(Object.values(ctx.spec.spec.environments).flatMap((e) => e.network?.privateSubnets ?? []))].sort();
    const out: Outcome[] = [];
    for (const type of types) {
      for (const r of resourcesOf(ctx, type)) {
        const env = environmentOf(ctx, r.arn);
        if (!(envSpec(ctx, env)?.network?.privateSubnets ?? []).includes(type)) continue;
        const specPath = `/environments/${escapePointer(env!)}/network/privateSubnets`;
        // The bastion is the one instance meant to be reached from outside (network.bastion).
        const bastion = envSpec(ctx, env)?.network?.bastion;
        if (type === INSTANCE && bastion && isBastion(r, bastion)) {
          out.push({ status: 'pass', arn: r.arn, message: `${type} '${r.name}': the environment's bastion host, which may sit in a public subnet`, evidence: { observed: 'bastion', expected: 'private subnets only, no public address' }, specPath });
          continue;
        }
        const address = publicAddress(r);
        const ids = subnetIdsOf(r);
        if (ids === undefined && OPTIONAL_VPC.has(type) && address === undefined) continue;
        let routes: SubnetRoute[] = [];
        let unknown: string[] = [];
        if (ids === undefined) unknown = ['its subnets were not collected'];
        else {
          const vpcId = vpcIdOf(r);
          const refs: SubnetRef[] = ids.map((id) => {
            const v = vpcId ?? subnetVpc.get(`${place(r)}/${id}`);
            return v === undefined ? { subnetId: id } : { subnetId: id, vpcId: v };
          });
          const errs = ctx.errorsAffecting(ROUTE_TABLE, r.accountId, r.region);
          routes = errs.length > 0 ? [] : subnetRoutes(refs, viewsAt(r));
          if (errs.length > 0) unknown = errs.map((e) => `route tables of ${place(r)} incomplete: collection error ${e.service}:${e.operation} ${e.code}`);
          unknown.push(...routes.flatMap((x) => (x.verdict === 'unknown' ? [x.reason] : [])));
        }
        const pub = routes.filter((x): x is Extract<SubnetRoute, { verdict: 'public' }> => x.verdict === 'public');
        const problems = [
          ...pub.map((x) => `in public subnet ${x.subnetId} (route table ${x.routeTableId} routes ${x.route.destination} to ${x.route.target})`),
          ...(address ? [address] : []),
        ];
        const evidence = { observed: { subnets: routes, ...(address ? { publicAddress: address } : {}) }, expected: 'private subnets only, no public address' };
        if (problems.length > 0) {
          out.push({ status: 'fail', arn: r.arn, message: `${type} '${r.name}': ${problems.join(', ')}; ${env} keeps ${type} in private subnets without public addresses`, evidence, specPath });
        } else if (unknown.length > 0) {
          out.push({ status: 'not-evaluated', arn: r.arn, message: `${type} '${r.name}': subnets not evaluated`, evidence, reason: unknown.join('; '), specPath });
        } else {
          const priv = routes.map((x) => x.subnetId);
          out.push({ status: 'pass', arn: r.arn, message: `${type} '${r.name}': in private subnet${priv.length === 1 ? '' : 's'} ${priv.join(', ')}`, evidence, specPath });
        }
      }
    }
    return out;
  },
};
