// Attribution findings: a resource that signals place in more than one environment
// (named staging, tagged production), and a resource no signal places anywhere.
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { allowanceFor } from './isolation.js';
import type { AttributionRecord } from '../context.js';
import { escapePointer, recordsOfResources, typePositionsOf } from './support.js';
import type { Resource } from '../../model/snapshot.js';
import { describeError, listingGaps } from '../collection-errors.js';
import { exemptPass } from '../exemptions.js';

interface AttributionOptions {
  /** Types not expected to carry environment signals (e.g. AWS-created defaults). */
  ignoreTypes?: string[];
}

const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { ignoreTypes: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
};

/**
 * Calls `fn` with each resource's attribution, skipping ignored types; `fn` returns an
 * outcome or undefined. A resource whose record `fn` settles without the resource (a
 * pass counted in summary mode) is never read: the loop goes by type positions.
 */
function each(ctx: EngineContext, opts: AttributionOptions, fn: (rec: AttributionRecord | undefined, resourceAt: () => Resource) => Outcome | undefined): Outcome[] {
  const ignore = new Set(opts.ignoreTypes ?? []);
  const out: Outcome[] = [];
  const resources = ctx.snapshot.resources;
  const recs = recordsOfResources(ctx);
  let i = 0;
  const resourceAt = (): Resource => resources[i]!;
  for (const [type, positions] of typePositionsOf(ctx)) {
    if (ignore.has(type)) continue;
    for (const p of positions) {
      i = p;
      const o = fn(recs[p], resourceAt);
      if (o) out.push(o);
    }
  }
  return out;
}

export const attributionConflictAnalysis: Analysis<AttributionOptions> = {
  name: 'attribution-conflict',
  optionsSchema,
  perResource: true,
  run(ctx, opts) {
    return each(ctx, opts, (rec, resourceAt) => {
      if (!rec || rec.evidence.length === 0) return undefined;
      if (!rec.conflict && ctx.countPass) return void ctx.countPass(rec.environment, resourceAt().arn);
      const { arn, name, type } = resourceAt();
      const envs = [...new Set(rec.evidence.map((e) => e.environment))].sort();
      if (!rec.conflict) {
        return { status: 'pass', arn, message: `${type} '${name}' is attributed to ${envs[0]} without conflict`, evidence: { observed: rec.evidence, expected: 'signals agree on one environment' } };
      }
      const pointer = `/environments/${escapePointer(envs[0]!)}/attribution`;
      return {
        status: 'fail',
        arn,
        message: `${type} '${name}' has conflicting environment signals: ${rec.evidence.map((e) => `${e.detail} -> ${e.environment}`).join(', ')}`,
        evidence: { observed: rec.evidence, expected: 'signals agree on one environment', environments: envs },
        environments: envs,
        specPath: pointer,
      };
    });
  },
};

export const attributionMissingAnalysis: Analysis<AttributionOptions> = {
  name: 'attribution-missing',
  optionsSchema,
  exemptions: true,
  perResource: true,
  run(ctx, opts) {
    return each(ctx, opts, (rec, resourceAt) => {
      if (rec && rec.evidence.length > 0 && ctx.countPass) return void ctx.countPass(rec.environment, resourceAt().arn);
      const { arn, name, type } = resourceAt();
      if (rec && rec.evidence.length > 0) {
        return { status: 'pass', arn, message: `${type} '${name}' is attributed by ${rec.evidence.length} signal(s)`, evidence: { observed: rec.evidence.map((e) => e.detail), expected: 'at least one environment signal' } };
      }
      // Furniture and team principals belong to no environment by nature (rule `exempt`).
      const x = ctx.exemption?.(arn);
      if (x !== undefined) return exemptPass(arn, `${type} '${name}' needs no environment`, x);
      // A resource the spec allows to be shared belongs to no single environment by design.
      const allowance = allowanceFor(ctx.spec.spec.shared ?? [], type, name, arn);
      if (allowance >= 0) {
        if (ctx.countPass) return void ctx.countPass(rec?.environment ?? null, arn);
        return { status: 'pass', arn, message: `${type} '${name}' is shared by the spec's allowance`, evidence: { observed: 'shared allowance', expected: 'an environment signal or a shared allowance' }, specPath: `/shared/${allowance}` };
      }
      // A signal may sit on a resource that could not be listed (the instance a volume
      // inherits from, the VPC it is in): unknown, not unattributed.
      const errs = listingGaps(ctx.snapshot.errors, resourceAt());
      if (errs.length > 0) {
        return {
          status: 'not-evaluated',
          arn,
          message: `${type} '${name}' has no environment signal, but resources that could give it one could not be listed there`,
          evidence: {},
          reason: errs.map(describeError).join('; '),
        };
      }
      return {
        status: 'fail',
        arn,
        message: `${type} '${name}' belongs to no environment: no tag, name pattern, account or VPC attributes it`,
        evidence: { observed: [], expected: 'an environment tag, name, account or VPC signal', tagKeys: ctx.spec.spec.attribution?.tagKeys ?? [] },
      };
    });
  },
};
