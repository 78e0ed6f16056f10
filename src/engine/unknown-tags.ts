// Resources whose tags could not be read (the Tagging API failed where they are, and no
// describe reads their tags: the collector names their types `tags:TYPE` on the error).
// Their empty tags are not "untagged", their environment is not "none": every result
// about one, and every result of an analysis that reads environments across resources in
// its account, is not-evaluated with the error as reason, and a rule that judges each
// resource of its types gets a not-evaluated result for each one it said nothing about
// (a rule scoped to production must not silently skip a production bucket).
import type { IndexedContext } from './context.js';
import type { Result, RuleMeta } from '../model/result.js';
import type { CollectionError, Resource } from '../model/snapshot.js';
import { describeError } from './collection-errors.js';
import type { RefCache } from './results.js';
import { fingerprintOfNormalised } from '../util/fingerprint.js';

export interface TagGaps {
  /** Resources with unknown tags, in snapshot order, with their reason. */
  resources: { position: number; resource: Resource; reason: string }[];
  /** The reason for a resource, if its tags are unknown. */
  reasonAt(position: number): string | undefined;
  /** One reason per account holding such resources. */
  byAccount: Map<string, string>;
}

const AREA = 'tags:';

export function findTagGaps(ctx: IndexedContext): TagGaps | undefined {
  // By account, region and type (the Tagging API failed there), or by resource (the one
  // call that reads its tags failed for it).
  const errors = new Map<string, CollectionError>();
  const ofResource = new Map<string, CollectionError>();
  for (const e of ctx.snapshot.errors) {
    for (const a of e.affects) {
      if (!a.startsWith(AREA)) continue;
      if (e.resourceArn !== undefined) ofResource.set(e.resourceArn, e);
      else errors.set(`${e.accountId}\u0000${e.region}\u0000${a.slice(AREA.length)}`, e);
    }
  }
  if (errors.size === 0 && ofResource.size === 0) return undefined;
  const reasons = new Map<number, string>();
  const resources: TagGaps['resources'] = [];
  const byAccount = new Map<string, string>();
  ctx.snapshot.resources.forEach((r, position) => {
    const own = ofResource.get(r.arn);
    const e = own ?? errors.get(`${r.accountId}\u0000${r.region}\u0000${r.type}`);
    if (!e) return;
    const what = own ? `'${r.name ?? r.arn}'` : `${r.type} in ${r.accountId}/${r.region}`;
    const reason = `tags of ${what} could not be read, so its tags and environment are unknown: ${describeError(e)}`;
    reasons.set(position, reason);
    resources.push({ position, resource: r, reason });
    if (!byAccount.has(r.accountId)) byAccount.set(r.accountId, reason);
  });
  return { resources, reasonAt: (p) => reasons.get(p), byAccount };
}

/** How a rule's results depend on other resources' tags. */
export interface RuleReach {
  meta: RuleMeta;
  /** Judges each resource of its types on its own (declarative rules, attribution analyses). */
  perResource: boolean;
  /** Types the rule leaves out (an analysis's ignoreTypes). */
  ignoreTypes?: readonly string[];
}

function notEvaluated(r: Result, reason: string, title: string): Result {
  const { waiver: _w, baseline: _b, ...rest } = r;
  return {
    ...rest,
    status: 'not-evaluated',
    message: `"${title}" not evaluated on ${r.resource.type} '${r.resource.name}': its tags could not be read`,
    evidence: {},
    reason,
  };
}

/** The rule's results with every judgement that read unknown tags made not-evaluated. */
export function settleUnknownTags(results: Result[], reach: RuleReach, gaps: TagGaps, ctx: IndexedContext, refs: RefCache): Result[] {
  const { meta } = reach;
  const out: Result[] = [];
  const judged = new Set<string>();
  for (const r of results) {
    const p = ctx.positionOf(r.resource.arn);
    const own = p === undefined ? undefined : gaps.reasonAt(p);
    if (p !== undefined) judged.add(r.resource.arn);
    const reason =
      own ??
      (reach.perResource || r.status === 'not-evaluated'
        ? undefined
        : (gaps.byAccount.get(r.resource.accountId) ?? (r.resource.accountId === '' ? gaps.byAccount.values().next().value : undefined)));
    // A resource a rule leaves out (furniture, by its config, not its tags) stays left out.
    const exempt = (r.evidence as { exempt?: unknown }).exempt !== undefined;
    out.push(reason === undefined || exempt || r.status === 'not-evaluated' ? r : notEvaluated(r, reason, meta.title));
  }
  if (!reach.perResource) return out;
  const all = meta.resourceTypes.includes('*');
  const ignored = new Set(reach.ignoreTypes ?? []);
  for (const g of gaps.resources) {
    const r = g.resource;
    if (judged.has(r.arn) || ignored.has(r.type) || (!all && !meta.resourceTypes.includes(r.type))) continue;
    judged.add(r.arn);
    const entry = refs.at(g.position);
    out.push({
      ruleId: meta.id,
      status: 'not-evaluated',
      severity: meta.severity,
      category: meta.category,
      resource: entry.ref,
      environments: entry.environments,
      message: `"${meta.title}" not evaluated on ${r.type} '${r.name}': its tags could not be read`,
      evidence: {},
      fingerprint: fingerprintOfNormalised(meta.id, entry.fpArn),
      reason: g.reason,
    });
  }
  return out;
}
