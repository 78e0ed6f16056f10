// What every rule check and analysis reads: the spec, the snapshot, and indexes built
// once per evaluation. Pure data: no I/O, no clock beyond `now`.
import type { AccessCell, EnvironmentCost } from '../model/result.js';
import type { LoadedSpec } from '../model/spec.js';
import type { CollectionError, Principal, Resource, Snapshot } from '../model/snapshot.js';
import type { Exemption } from './exemptions.js';

export interface AttributionRecord {
  /** The environment, or null when no signal attributes the resource (or signals conflict). */
  environment: string | null;
  /** Each signal found: which environment it points at and why. */
  evidence: { signal: 'tag' | 'name' | 'account' | 'vpc' | 'relation'; environment: string; detail: string }[];
  /** True when signals point at more than one environment. */
  conflict: boolean;
}

export interface EngineContext {
  spec: LoadedSpec;
  snapshot: Snapshot;
  now: Date;
  byArn: ReadonlyMap<string, Resource>;
  byType: ReadonlyMap<string, readonly Resource[]>;
  /** arn -> attribution, for every resource and principal. */
  attribution: ReadonlyMap<string, AttributionRecord>;
  /**
   * attribution.get(snapshot.resources[i].arn) at index i, so passes over every resource
   * index instead of hashing ARNs (a Map lookup per resource per analysis dominates at 1M).
   * Optional: hand-made contexts may omit it (recordsOfResources computes it then).
   */
  resourceAttribution?: readonly (AttributionRecord | undefined)[];
  /**
   * Positions in snapshot.resources of byType's lists, and the position of an ARN's
   * resource (the last of duplicates, as byArn gives): passes that hold a resource's
   * position never hash its ARN. Optional, as resourceAttribution.
   */
  typePositions?: ReadonlyMap<string, readonly number[]>;
  /**
   * Relation kind -> positions (ascending, each once) of the resources with at least one
   * relation of that kind: passes over one kind of relation visit only those resources.
   */
  relationSources?: ReadonlyMap<string, readonly number[]>;
  positionOf?(arn: string): number | undefined;
  principals: readonly Principal[];
  /** Collection errors that leave the given type (or data area) incomplete in account/region. */
  errorsAffecting(type: string, accountId?: string, region?: string): CollectionError[];
  /**
   * Arns of the resources whose relations of `kind` point at `targetArn` (e.g. the alarms
   * that monitor a resource). Built lazily per kind on first use, linear in resources.
   * Optional so hand-made contexts in tests need not provide it.
   */
  inbound?(kind: string, targetArn: string): readonly string[];
  /** Environment names of the spec, sorted. */
  environments?: readonly string[];
  /**
   * Set by the engine for analyses in summary pass mode: an analysis may call it with a
   * pass's environment (the one its Result would carry) instead of returning the pass
   * outcome, so millions of passes are never built. Absent: return every outcome.
   */
  countPass?(environment: string | null): void;
  /**
   * Set by the engine while an analysis rule with `exempt` runs: what the rule leaves out
   * of a resource (or principal) by arn. An analysis that reads it (`exemptions: true`)
   * returns a pass with `evidence.exempt` instead of judging it.
   */
  exemption?(arn: string): Exemption | undefined;
}

/** What buildContext gives: a context with its positional indexes (the engine's own input). */
export type IndexedContext = EngineContext & Required<Pick<EngineContext, 'resourceAttribution' | 'typePositions' | 'positionOf' | 'relationSources'>>;

/** One outcome an analysis or a check produced, before the engine adds rule metadata. */
export interface Outcome {
  status: 'fail' | 'pass' | 'not-evaluated';
  /** The resource the outcome is about (a principal's arn for access findings). */
  arn: string;
  /** Used when the arn is not a snapshot resource (principals, environments). */
  resource?: { accountId: string; region: string; type: string; name: string; environment: string | null };
  message: string;
  evidence: { observed?: unknown; expected?: unknown; [key: string]: unknown };
  /** JSON pointer of the spec requirement checked, resolved to file:line by the engine. */
  specPath?: string;
  reason?: string;
  /**
   * Stable discriminator when a rule judges one ARN more than once (e.g. `TEAM/ENV` for
   * the access matrix); it joins the fingerprint so each judgement is tracked on its own.
   */
  qualifier?: string;
}

/** A built-in analysis that rule files invoke by name with schema-validated options. */
export interface Analysis<O = Record<string, unknown>> {
  name: string;
  /** JSON Schema of the options a rule file may pass (additionalProperties: false). */
  optionsSchema: object;
  /**
   * Outcomes become Results. An analysis that also computes a table for the Evaluation
   * returns an AnalysisReport instead: the engine concatenates every report's
   * accessMatrix and costs (across all rules that invoke analyses), sorts them as
   * Evaluation documents, and turns the outcomes into Results as usual.
   */
  run(ctx: EngineContext, options: O): Outcome[] | AnalysisReport;
  /** True when the analysis honours a rule's `exempt` (reads ctx.exemption). */
  exemptions?: boolean;
  /**
   * True when the analysis judges each resource of its rule's types on its own (by the
   * resource's own data): a type left unlisted gets coverage gaps, and a resource whose
   * tags are unknown a not-evaluated result. Otherwise its results read other resources'
   * environments and become not-evaluated when tags are unknown in their account.
   */
  perResource?: boolean;
}

/** What an analysis returns when it contributes to Evaluation.accessMatrix or .costs. */
export interface AnalysisReport {
  outcomes: Outcome[];
  accessMatrix?: AccessCell[];
  costs?: EnvironmentCost[];
}
