// A rule as the engine runs it: metadata plus either a declarative check or the name of
// an analysis. Rule files (rules/*.yaml) are parsed and validated into this shape by
// src/rules/; the engine never reads files.
import type { RuleMeta } from '../model/result.js';
import type { ExemptionKind } from './exemptions.js';

/**
 * A reference to a value the rule does not hard-code:
 * - `env`: dotted path into the resource's environment spec (`compute.instanceTypes`);
 * - `spec`: dotted path into the spec root (`tagging.required`);
 * - `item`: dotted path into the current `each` item (`days`);
 * - `path`: dotted path into the resource (`config.vpcId`).
 * `key` (with env/spec) selects a map entry by a resource property: `{ env: naming, key: type }`.
 */
export type Ref =
  | { env: string; key?: string }
  | { spec: string; key?: string }
  | { item: string }
  | { path: string };

/** A literal JSON value or a reference. Plain objects are always references. */
export type Value = string | number | boolean | null | (string | number | boolean | null)[] | Ref;

export interface NumericOps {
  equals?: Value;
  gt?: Value;
  gte?: Value;
  lt?: Value;
  lte?: Value;
}

/** A comparison: one subject (defaults to the current scope) and one operator. */
export interface Comparison extends NumericOps {
  /** Dotted path into the current scope (the resource, or the element inside every/some/none). */
  path?: string;
  env?: string;
  spec?: string;
  item?: string;
  key?: string;
  /** Targets of the resource's relations of this kind. */
  relations?: string;
  /** Arns of resources whose relations of this kind point at the resource. */
  inbound?: string;
  notEquals?: Value;
  in?: Value;
  notIn?: Value;
  exists?: boolean;
  matches?: string;
  matchesAny?: Value;
  contains?: Value;
  hasKeys?: Value;
  cidrWithin?: Value;
  count?: NumericOps;
  every?: Condition;
  some?: Condition;
  none?: Condition;
}

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | Comparison;

/** Iterate the items of a list in the environment spec; the check runs with `item` bound. */
export interface EachClause {
  env: string;
  /** Which items apply to the resource (evaluated with `item` bound). */
  where?: Condition;
  /** `first`: only the first item whose `where` holds (classes); `all`: every such item. */
  select?: 'first' | 'all';
}

export interface Rule {
  meta: RuleMeta;
  /** When the rule applies to a resource; not applicable = no result at all. */
  applicability?: Condition;
  each?: EachClause;
  check?: Condition;
  analysis?: { name: string; options: Record<string, unknown> };
  /** What the rule leaves out (with a pass giving the reason): account furniture, team principals. */
  exempt?: readonly ExemptionKind[];
  /** Source file (for messages); absent for in-memory rules. */
  file?: string;
}
