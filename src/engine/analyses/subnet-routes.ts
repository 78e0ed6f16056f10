// Whether a subnet is public: AWS calls a subnet public when its route table has a route
// to an internet gateway. The table is the subnet's explicit association, else its VPC's
// main table. Pure: reads only the route tables given. A subnet whose table is not among
// them (route tables not collected, or collected in part) is unknown, never private.
import type { Resource } from '../../model/snapshot.js';

export interface RouteTableView {
  routeTableId: string;
  vpcId: string;
  main: boolean;
  subnetIds: readonly string[];
  routes: readonly { destination: string; target: string; state: string }[];
}

/** One subnet to classify: its id, and its VPC when known (for the main table). */
export interface SubnetRef {
  subnetId: string;
  vpcId?: string;
}

export type SubnetRoute =
  | { subnetId: string; verdict: 'public'; routeTableId: string; association: 'explicit' | 'main'; route: { destination: string; target: string } }
  | { subnetId: string; verdict: 'private'; routeTableId: string; association: 'explicit' | 'main' }
  | { subnetId: string; verdict: 'unknown'; reason: string };

/** The route tables of one account and region as the classifier reads them (malformed configs left out). */
export function routeTableViews(tables: readonly Resource[]): RouteTableView[] {
  const out: RouteTableView[] = [];
  for (const t of tables) {
    const c = t.config as Partial<RouteTableView>;
    if (typeof c.routeTableId !== 'string' || typeof c.vpcId !== 'string' || typeof c.main !== 'boolean' || !Array.isArray(c.subnetIds) || !Array.isArray(c.routes)) continue;
    out.push({ routeTableId: c.routeTableId, vpcId: c.vpcId, main: c.main, subnetIds: c.subnetIds, routes: c.routes });
  }
  return out;
}

/** The first active route to an internet gateway, in destination order. */
function internetRoute(t: RouteTableView): { destination: string; target: string } | undefined {
  const hits = t.routes.filter((r) => r.target.startsWith('igw-') && r.state === 'active');
  hits.sort((a, b) => (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0));
  const r = hits[0];
  return r && { destination: r.destination, target: r.target };
}

/** Each subnet's verdict, in the order given, from the route tables of its account and region. */
export function subnetRoutes(subnets: readonly SubnetRef[], tables: readonly RouteTableView[]): SubnetRoute[] {
  const explicit = new Map<string, RouteTableView>();
  const mainOf = new Map<string, RouteTableView>();
  for (const t of tables) {
    for (const s of t.subnetIds) explicit.set(s, t);
    if (t.main) mainOf.set(t.vpcId, t);
  }
  return subnets.map((s): SubnetRoute => {
    const own = explicit.get(s.subnetId);
    const table = own ?? (s.vpcId !== undefined ? mainOf.get(s.vpcId) : undefined);
    if (!table) {
      const reason = s.vpcId === undefined
        ? `no route table associated with ${s.subnetId} was collected, and its VPC is not known`
        : `no route table associated with ${s.subnetId}, nor the main table of ${s.vpcId}, was collected`;
      return { subnetId: s.subnetId, verdict: 'unknown', reason };
    }
    const association = own ? 'explicit' : 'main';
    const route = internetRoute(table);
    return route
      ? { subnetId: s.subnetId, verdict: 'public', routeTableId: table.routeTableId, association, route }
      : { subnetId: s.subnetId, verdict: 'private', routeTableId: table.routeTableId, association };
  });
}
