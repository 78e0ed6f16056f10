// Requirements measured against the scan's time (ctx.now, an input of the evaluation, so
// the same snapshot and time give the same results): secrets rotated within
// secrets.rotationDays, certificates expiring no sooner than certificates.minDaysToExpiry.
import type { CertificateConfig, SecretConfig } from '../../model/resource-config-audit.js';
import type { Resource } from '../../model/snapshot.js';
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { collectionGap, environmentOf, envSpec, escapePointer, resourcesOf } from './support.js';

const DAY = 86_400_000;
const NONE = { type: 'object', additionalProperties: false, properties: {} };
const SECRET = 'AWS::SecretsManager::Secret';
const CERT = 'AWS::CertificateManager::Certificate';

/** Whole days from `from` to `to` (negative when `to` is earlier), rounded down. */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY);
}

const day = (iso: string) => iso.slice(0, 10);

function judgeSecret(ctx: EngineContext, r: Resource, env: string, limit: number): Outcome {
  const at = { specPath: `/environments/${escapePointer(env)}/secrets/rotationDays` };
  const c = r.config as Partial<SecretConfig>;
  const head = `${r.type} '${r.name}':`;
  const expected = `rotation on, every ${limit} days or less, last rotated within ${limit} days`;
  const gap = collectionGap(ctx, r, 'rotation');
  if (gap !== undefined) return { ...gap, ...at };
  if (c.rotationEnabled === undefined) return { status: 'not-evaluated', arn: r.arn, message: `${head} rotation not in the snapshot`, evidence: {}, reason: 'config.rotationEnabled not collected', ...at };
  const fail = (observed: unknown, why: string): Outcome => ({ status: 'fail', arn: r.arn, message: `${head} ${why}; ${env} requires rotation at least every ${limit} days`, evidence: { observed, expected }, ...at });
  if (!c.rotationEnabled) return fail({ rotationEnabled: false }, 'rotation is off');
  if (c.rotationIntervalDays !== undefined && c.rotationIntervalDays > limit) return fail({ rotationIntervalDays: c.rotationIntervalDays }, `rotates every ${c.rotationIntervalDays} days`);
  // Never rotated: the secret's value is as old as the secret.
  const last = c.lastRotated ?? c.created;
  if (last === undefined) return { status: 'not-evaluated', arn: r.arn, message: `${head} last rotation not known`, evidence: {}, reason: 'config.lastRotated and config.created not collected', ...at };
  const age = daysBetween(new Date(last), ctx.now);
  if (age > limit) return fail({ lastRotated: c.lastRotated ?? null, created: c.created, ageDays: age }, c.lastRotated ? `last rotated ${day(last)}, ${age} days before the scan` : `never rotated since its creation ${day(last)}, ${age} days before the scan`);
  if (c.rotationIntervalDays === undefined) {
    return { status: 'not-evaluated', arn: r.arn, message: `${head} rotation schedule ${c.rotationSchedule ?? '(none)'} gives no interval in days`, evidence: { observed: { rotationSchedule: c.rotationSchedule ?? null, ageDays: age }, expected }, reason: 'a cron() schedule: interval not computed', ...at };
  }
  return { status: 'pass', arn: r.arn, message: `${head} rotates every ${c.rotationIntervalDays} days, last ${day(last)}`, evidence: { observed: { rotationIntervalDays: c.rotationIntervalDays, ageDays: age }, expected }, ...at };
}

const NOT_ISSUED = new Set(['PENDING_VALIDATION', 'FAILED', 'VALIDATION_TIMED_OUT', 'INACTIVE']);

function judgeCertificate(ctx: EngineContext, r: Resource, env: string, min: number): Outcome {
  const at = { specPath: `/environments/${escapePointer(env)}/certificates/minDaysToExpiry` };
  const c = r.config as Partial<CertificateConfig>;
  const head = `${r.type} '${r.name}':`;
  const gap = collectionGap(ctx, r, 'expiry');
  if (gap !== undefined) return { ...gap, ...at };
  if (c.notAfter === undefined) {
    // ACM gives no expiry to a certificate that was never issued; nothing serves it.
    if (c.status !== undefined && NOT_ISSUED.has(c.status)) return { status: 'pass', arn: r.arn, message: `${head} not issued (${c.status}), no expiry`, evidence: { observed: { status: c.status } }, ...at };
    return { status: 'not-evaluated', arn: r.arn, message: `${head} expiry not in the snapshot`, evidence: {}, reason: 'config.notAfter not collected', ...at };
  }
  const left = daysBetween(ctx.now, new Date(c.notAfter));
  const evidence = { observed: { notAfter: c.notAfter, daysLeft: left }, expected: `at least ${min} days to expiry` };
  if (left < min) {
    const when = left < 0 ? `expired on ${day(c.notAfter)}` : `expires on ${day(c.notAfter)}, ${left} days after the scan`;
    return { status: 'fail', arn: r.arn, message: `${head} ${when}; ${env} requires at least ${min} days`, evidence, ...at };
  }
  return { status: 'pass', arn: r.arn, message: `${head} expires on ${day(c.notAfter)}, ${left} days after the scan`, evidence, ...at };
}

/** One outcome per resource of `type` in an environment that sets the requirement. */
function perResource(ctx: EngineContext, type: string, limitOf: (env: string) => number | undefined, judge: (ctx: EngineContext, r: Resource, env: string, n: number) => Outcome): Outcome[] {
  const out: Outcome[] = [];
  for (const r of resourcesOf(ctx, type)) {
    const env = environmentOf(ctx, r.arn);
    const n = env === null ? undefined : limitOf(env);
    if (env === null || n === undefined) continue;
    const o = judge(ctx, r, env, n);
    if (o.status === 'pass' && ctx.countPass) ctx.countPass(env, r.arn);
    else out.push(o);
  }
  return out;
}

export const secretRotationAnalysis: Analysis<Record<string, never>> = {
  name: 'secret-rotation',
  optionsSchema: NONE,
  perResource: true,
  run: (ctx) => perResource(ctx, SECRET, (env) => envSpec(ctx, env)?.secrets?.rotationDays, judgeSecret),
};

export const certificateExpiryAnalysis: Analysis<Record<string, never>> = {
  name: 'certificate-expiry',
  optionsSchema: NONE,
  perResource: true,
  run: (ctx) => perResource(ctx, CERT, (env) => envSpec(ctx, env)?.certificates?.minDaysToExpiry, judgeCertificate),
};
