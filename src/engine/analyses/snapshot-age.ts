// backups.maxSnapshotAgeDays: the newest snapshot of each EBS volume and RDS DB instance
// of the environment was taken at most N days before the scan's time (ctx.now, so a
// replayed scan gives the same results). Snapshots name what they were taken of by the
// snapshot-of relation, the one volume-snapshots counts.
import type { Resource } from '../../model/snapshot.js';
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { environmentOf, envSpec, escapePointer, relationSourcesOf, resourcesOf } from './support.js';
import { daysBetween } from './time-limits.js';

const NONE = { type: 'object', additionalProperties: false, properties: {} };

/** Each snapshotted type, the type of its snapshots and the config field with their time. */
const SNAPSHOTTED: readonly { type: string; snapshot: string; time: 'startTime' | 'createTime' }[] = [
  { type: 'AWS::EC2::Volume', snapshot: 'AWS::EC2::Snapshot', time: 'startTime' },
  { type: 'AWS::RDS::DBInstance', snapshot: 'AWS::RDS::DBSnapshot', time: 'createTime' },
];

/** The snapshots of each target arn, by the snapshot-of relation. */
function snapshotsByTarget(ctx: EngineContext): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const i of relationSourcesOf(ctx).get('snapshot-of') ?? []) {
    const s = ctx.snapshot.resources[i]!;
    for (const rel of s.relations) {
      if (rel.kind !== 'snapshot-of') continue;
      const list = out.get(rel.target);
      if (list) list.push(s);
      else out.set(rel.target, [s]);
    }
  }
  return out;
}

const day = (iso: string) => iso.slice(0, 10);

function judge(ctx: EngineContext, r: Resource, snaps: readonly Resource[], kind: (typeof SNAPSHOTTED)[number], env: string, limit: number): Outcome {
  const at = { specPath: `/environments/${escapePointer(env)}/backups/maxSnapshotAgeDays` };
  const head = `${r.type} '${r.name}':`;
  const tail = `${env} requires a snapshot taken within ${limit} days`;
  const expected = `newest snapshot at most ${limit} days old`;
  // A snapshot listing that failed in the resource's account and region leaves its snapshots unknown.
  const errs = ctx.errorsAffecting(kind.snapshot, r.accountId, r.region);
  if (errs.length > 0) {
    const reason = errs.map((e) => `collection error ${e.service}:${e.operation} ${e.code} in ${e.accountId}/${e.region}: ${e.message}`).join('; ');
    return { status: 'not-evaluated', arn: r.arn, message: `${head} snapshot age not evaluated`, evidence: {}, reason, ...at };
  }
  const timed = snaps.map((s) => ({ s, t: (s.config as Record<string, unknown>)[kind.time] })).filter((x): x is { s: Resource; t: string } => typeof x.t === 'string');
  if (snaps.length === 0) return { status: 'fail', arn: r.arn, message: `${head} no snapshot; ${tail}`, evidence: { observed: { snapshots: 0 }, expected }, ...at };
  if (timed.length === 0) return { status: 'not-evaluated', arn: r.arn, message: `${head} snapshot times not in the snapshot`, evidence: {}, reason: `config.${kind.time} of its snapshots not collected`, ...at };
  // ISO 8601 UTC times sort as strings; the name breaks ties so the choice is stable.
  const newest = timed.reduce((a, b) => (b.t > a.t || (b.t === a.t && b.s.name < a.s.name) ? b : a));
  const age = daysBetween(new Date(newest.t), ctx.now);
  // A snapshot stamped after the scan's time (a clock ahead, or a replayed scan) is no older than the scan.
  const when = age < 0 ? `after the scan's time (${ctx.now.toISOString().replace(/\.000Z$/, 'Z')})` : `${age} days before the scan`;
  const said = `newest snapshot '${newest.s.name}' taken ${day(newest.t)}, ${when}`;
  const evidence = { observed: { snapshot: newest.s.arn, [kind.time]: newest.t, ageDays: age }, expected };
  if (age > limit) return { status: 'fail', arn: r.arn, message: `${head} ${said}; ${tail}`, evidence, ...at };
  return { status: 'pass', arn: r.arn, message: `${head} ${said}`, evidence, ...at };
}

export const snapshotAgeAnalysis: Analysis<Record<string, never>> = {
  name: 'snapshot-age',
  optionsSchema: NONE,
  perResource: true,
  run: (ctx) => {
    const byTarget = snapshotsByTarget(ctx);
    const out: Outcome[] = [];
    for (const kind of SNAPSHOTTED) {
      for (const r of resourcesOf(ctx, kind.type)) {
        const env = environmentOf(ctx, r.arn);
        const spec = envSpec(ctx, env)?.backups;
        const limit = spec?.maxSnapshotAgeDays;
        if (env === null || limit === undefined || (spec?.snapshotTypes !== undefined && !spec.snapshotTypes.includes(kind.type))) continue;
        const snaps = (byTarget.get(r.arn) ?? []).filter((s) => s.type === kind.snapshot);
        const o = judge(ctx, r, snaps, kind, env, limit);
        if (o.status === 'pass' && ctx.countPass) ctx.countPass(env, r.arn);
        else out.push(o);
      }
    }
    return out;
  },
};
