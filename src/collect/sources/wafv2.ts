// WAFv2 web ACLs (catalogue/types/wafv2-web-acl.ts): the REGIONAL scope in every region
// and, in us-east-1, the CLOUDFRONT scope; then, for each regional ACL, the load balancers
// and the API Gateway stages it filters (ListResourcesForWebACL takes one resource type
// a call and is not paged).
import { ListResourcesForWebACLCommand, ListWebACLsCommand, type ListWebACLsCommandOutput, type WebACLSummary } from '@aws-sdk/client-wafv2';
import type { Relation } from '../../model/snapshot.js';
import { WEB_ACL } from '../catalogue/types/wafv2-web-acl.js';
import type { Session, Target } from '../session.js';

/** The resource types a regional web ACL is read for; the others (AppSync, Cognito, ...) are not collected. */
export const FILTERED_TYPES = ['APPLICATION_LOAD_BALANCER', 'API_GATEWAY'] as const;

type Scope = 'REGIONAL' | 'CLOUDFRONT';

async function listScope(s: Session, t: Target, scope: Scope): Promise<{ acls: WebACLSummary[]; complete: boolean }> {
  const acls: WebACLSummary[] = [];
  const complete = await s.paginate(
    t,
    'wafv2',
    'ListWebACLs',
    [WEB_ACL],
    (c, m) => c.send(new ListWebACLsCommand({ Scope: scope, Limit: s.page(100), ...(m ? { NextMarker: m } : {}) })),
    // An empty marker (moto's answer on the last page) ends the listing.
    (p: ListWebACLsCommandOutput) => ((p.WebACLs ?? []).length > 0 ? p.NextMarker || undefined : undefined),
    (p) => void acls.push(...(p.WebACLs ?? []).filter((a) => a.ARN)),
  );
  return { acls, complete };
}

export async function collectWafv2(s: Session, t: Target): Promise<void> {
  const scopes: Scope[] = t.region === 'us-east-1' ? ['REGIONAL', 'CLOUDFRONT'] : ['REGIONAL'];
  const listed = await Promise.all(scopes.map(async (scope) => ({ scope, ...(await listScope(s, t, scope)) })));
  if (listed.every((l) => l.complete)) s.addCoverage(t, 'describe', [WEB_ACL]);
  const wantsAssociations = s.wants(WEB_ACL, 'ListResourcesForWebACL');
  await Promise.all(
    listed.flatMap(({ scope, acls }) =>
      acls.map(async (acl) => {
        const arn = acl.ARN!;
        const config: Record<string, unknown> = { scope, ...(acl.Description ? { description: acl.Description } : {}) };
        const relations: Relation[] = [];
        if (scope === 'REGIONAL' && wantsAssociations) {
          // A failed call is recorded without the ACL's ARN, as a gap of the type in this
          // account and region: what it filters is read inbound from every load balancer
          // there (waf-load-balancer), which must then be not-evaluated, not unfiltered.
          const answers = await Promise.all(
            FILTERED_TYPES.map((type) => s.must(t, 'wafv2', 'ListResourcesForWebACL', [WEB_ACL], (c) => c.send(new ListResourcesForWebACLCommand({ WebACLArn: arn, ResourceType: type })))),
          );
          // Both answers or no list: a half list would read as "filters nothing else".
          if (answers.every((a) => a !== undefined)) {
            const filtered = [...new Set(answers.flatMap((a) => a!.ResourceArns ?? []))].sort();
            config.filtered = filtered;
            relations.push(...filtered.map((target): Relation => ({ kind: 'filters', target })));
          }
        }
        const name = acl.Name ?? arn;
        s.upsert({ arn, accountId: t.accountId, region: t.region, type: WEB_ACL, id: acl.Id ?? name, name, config, relations });
      }),
    ),
  );
}
