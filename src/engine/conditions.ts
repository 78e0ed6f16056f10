// Compiles declarative conditions into closures (no eval: each operator is a small
// function chosen at compile time). Evaluation is three-valued: a condition that reads
// a config field the snapshot lacks, or a spec value that is not set, is UNKNOWN, and an
// unknown rule becomes a not-evaluated result, never a pass.
import type { Resource } from '../model/snapshot.js';
import type { Comparison, Condition, NumericOps, Ref, Value } from './rule.js';
import { splitPath, walk, type SpecValues } from './refs.js';
import { compilePattern } from './patterns.js';
import { BINARY } from './binary-operators.js';
import { EnvMemo } from './env-memo.js';
import { compileTemplate, type Template } from './messages.js';

export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Tri = 0 | 1 | 2;

export interface Scope {
  resource: Resource;
  env: string | null;
  item: unknown;
  /** The value `path` starts from: the resource, or an element inside every/some/none. */
  value: unknown;
  /** True at resource level (absent `config.*` there means "not collected"). */
  top: boolean;
}

export interface Leaf {
  subject: string;
  op: string;
  observed: unknown;
  expected: unknown;
  /** The verdict as the whole condition sees it (inverted under a `not`). */
  result: Tri;
  /** Under an odd number of `not`s: what it requires is the opposite. */
  negated?: boolean;
  /** The `message` template of the comparison or of the nearest condition around it. */
  message?: Template;
  /** every/some/none: the elements that decided the verdict; the first deciding inner comparison. */
  offending?: unknown[];
  inner?: Leaf;
}

/** Collects what a traced evaluation looked at, for evidence and not-evaluated reasons. */
export interface Trace {
  leaves: Leaf[];
  missing: string[];
}

export type Compiled = (s: Scope, t: Trace | null) => Tri;

export interface CompileEnv {
  values: SpecValues;
  /** In applicability conditions an unset spec value means "no requirement": false, not unknown. */
  specUnsetIsFalse?: boolean;
  inbound(kind: string, target: string): readonly string[];
}

/** What a rule reads, known at compile time. */
export interface Reads {
  env: boolean;
  config: boolean;
  /**
   * Anything of the resource beyond its type (or an `each` item, or a list element):
   * a condition that reads none of it has one verdict per type and environment.
   */
  resource?: boolean;
  /** Inbound relation kinds read: their sources' listing must be complete too. */
  inbound?: string[];
}

/** The resource fields a condition may read and still be "fixed" per type and environment. */
const isTypePath = (segs: readonly string[]): boolean => segs.length === 1 && segs[0] === 'type';

const SUBJECTS = ['path', 'env', 'spec', 'item', 'relations', 'inbound'] as const;
export const OPERATORS = [
  'equals', 'notEquals', 'in', 'notIn', 'exists', 'gt', 'gte', 'lt', 'lte', 'matches', 'matchesAny',
  'contains', 'hasKeys', 'cidrWithin', 'count', 'every', 'some', 'none',
] as const;

/**
 * A getter returns the value and reports a gap through `gMissing` (set only when missing;
 * callers clear it first); an operator returns its verdict and leaves the expected value
 * and any gap in `oExpected` / `oMissing`. Module registers instead of a result object per
 * call: these closures run once per resource per rule, millions of times at scale, and
 * evaluation is synchronous, each caller reading the registers straight after the call.
 */
type Getter = (s: Scope) => unknown;
let gMissing: string | undefined;
let oExpected: unknown;
let oMissing: string | undefined;
let oOffending: unknown[] | undefined;
let oInner: Leaf | undefined;

export function compileCondition(c: Condition, ce: CompileEnv, reads: Reads, nested = false, inherited?: Template): Compiled {
  const msg = c.message !== undefined ? compileTemplate(c.message) : inherited;
  if ('all' in c) return allOf(c.all.map((x) => compileCondition(x, ce, reads, nested, msg)));
  if ('any' in c) {
    const parts = c.any.map((x) => compileCondition(x, ce, reads, nested, msg));
    return (s, t) => {
      const l0 = t ? t.leaves.length : 0;
      const m0 = t ? t.missing.length : 0;
      let r: Tri = FALSE;
      for (const p of parts) {
        const v = p(s, t);
        if (v === TRUE) {
          // A satisfied alternative: the others did not decide anything, so they are no evidence.
          if (t) keepTrue(t, l0, m0);
          return TRUE;
        }
        if (v === UNKNOWN) r = UNKNOWN;
      }
      return r;
    };
  }
  if ('not' in c) {
    const inner = compileCondition(c.not, ce, reads, nested, msg);
    return (s, t) => {
      const l0 = t ? t.leaves.length : 0;
      const v = inner(s, t);
      if (t) for (let i = l0; i < t.leaves.length; i++) invert(t.leaves[i]!);
      return v === UNKNOWN ? UNKNOWN : v === TRUE ? FALSE : TRUE;
    };
  }
  return compileComparison(c, ce, reads, nested, msg);
}

function keepTrue(t: Trace, l0: number, m0: number): void {
  let w = l0;
  for (let i = l0; i < t.leaves.length; i++) if (t.leaves[i]!.result === TRUE) t.leaves[w++] = t.leaves[i]!;
  t.leaves.length = w;
  t.missing.length = m0;
}

function invert(l: Leaf): void {
  if (l.result !== UNKNOWN) l.result = l.result === TRUE ? FALSE : TRUE;
  l.negated = !l.negated;
}

/**
 * A condition split for memoising: `fixed` holds the parts (of a top-level `all`, or
 * the whole) that read only the spec, the environment and the resource type, so one
 * verdict per type and environment serves every resource; `varying` holds the rest.
 * Untraced use only: a trace (evidence, reasons) evaluates `whole`.
 */
export interface SplitCondition {
  whole: Compiled;
  fixed?: Compiled;
  varying?: Compiled;
}

export function compileSplit(c: Condition, ce: CompileEnv, reads: Reads): SplitCondition {
  const whole = compileCondition(c, ce, reads);
  const fixed: Compiled[] = [];
  const varying: Compiled[] = [];
  for (const part of 'all' in c ? c.all : [c]) {
    const r: Reads = { env: false, config: false };
    const compiled = compileCondition(part, ce, r);
    (r.resource ? varying : fixed).push(compiled);
  }
  const part = (list: Compiled[]) => (list.length <= 1 ? list[0] : allOf(list));
  return { whole, fixed: part(fixed), varying: part(varying) };
}

/** `all`: false wins, then unknown; a traced check goes on past a false to record every leaf. */
function allOf(parts: Compiled[]): Compiled {
  return (s, t) => {
    let r: Tri = TRUE;
    for (const p of parts) {
      const v = p(s, t);
      if (v === FALSE) {
        if (!t) return FALSE;
        r = FALSE;
      } else if (v === UNKNOWN && r === TRUE) r = UNKNOWN;
    }
    return r;
  };
}

function compileComparison(c: Comparison, ce: CompileEnv, reads: Reads, nested: boolean, msg: Template | undefined): Compiled {
  const subjectKey = SUBJECTS.find((k) => c[k] !== undefined);
  const label = subjectKey === undefined ? '.' : subjectKey === 'path' ? String(c.path) : `${subjectKey}:${String(c[subjectKey])}`;
  const get = subjectGetter(c, subjectKey, ce, reads, nested);
  const opKey = OPERATORS.find((k) => c[k] !== undefined);
  if (opKey === undefined) throw new Error(`condition on '${label}' has no operator`);
  const test = operator(c, opKey, ce, reads);
  return (s, t) => {
    gMissing = undefined;
    const v = get(s);
    const missing = gMissing;
    let r: Tri;
    let expected: unknown;
    if (missing !== undefined && opKey !== 'exists') {
      r = UNKNOWN;
      if (t) t.missing.push(missing);
    } else {
      oExpected = undefined;
      oMissing = undefined;
      r = test(v, s, t);
      expected = oExpected;
      if (oMissing !== undefined && t) t.missing.push(oMissing);
    }
    if (t) {
      const leaf: Leaf = { subject: label, op: opKey, observed: v, expected: expected ?? describe(c[opKey]), result: r };
      if (msg) leaf.message = msg;
      if (oOffending !== undefined) {
        leaf.offending = oOffending;
        if (oInner) leaf.inner = oInner;
        oOffending = oInner = undefined;
      }
      t.leaves.push(leaf);
    }
    return r;
  };
}

function describe(v: unknown): unknown {
  return v;
}

function subjectGetter(c: Comparison, key: (typeof SUBJECTS)[number] | undefined, ce: CompileEnv, reads: Reads, nested: boolean): Getter {
  switch (key) {
    case undefined:
      reads.resource = true;
      return (s) => s.value;
    case 'path': {
      const segs = splitPath(c.path!);
      if (nested || !isTypePath(segs)) reads.resource = true;
      const isConfig = !nested && segs[0] === 'config';
      if (isConfig) reads.config = true;
      const gap = `${c.path} not collected`;
      return (s) => {
        const v = walk(s.value, segs);
        if (v === undefined && isConfig && s.top) gMissing = gap;
        return v;
      };
    }
    case 'relations':
    case 'inbound': {
      const kind = c[key]!;
      reads.resource = true;
      if (key === 'relations') {
        return (s) => s.resource.relations.filter((r) => r.kind === kind).map((r) => r.target);
      }
      (reads.inbound ??= []).push(kind);
      return (s) => ce.inbound(kind, s.resource.arn);
    }
    default:
      return refGetter(key === 'env' ? { env: c.env!, key: c.key } : key === 'spec' ? { spec: c.spec!, key: c.key } : { item: c.item! }, ce, reads);
  }
}

/** Getter for a reference; spec values that are not set read as missing. */
function refGetter(ref: Ref, ce: CompileEnv, reads: Reads): Getter {
  if ('path' in ref) {
    const segs = splitPath(ref.path);
    if (!isTypePath(segs)) reads.resource = true;
    // As a subject's: a config value compared against that was not collected is unknown, not empty.
    const gap = segs[0] === 'config' ? `${ref.path} not collected` : undefined;
    return (s) => {
      const v = walk(s.resource, segs);
      if (v === undefined && gap !== undefined) gMissing = gap;
      return v;
    };
  }
  if ('item' in ref) {
    const segs = splitPath(ref.item);
    reads.resource = true;
    return (s) => walk(s.item, segs);
  }
  const isEnv = 'env' in ref;
  const dotted = isEnv ? ref.env : ref.spec;
  const segs = dotted.split('.');
  const keySegs = ref.key !== undefined ? splitPath(ref.key) : undefined;
  if (keySegs !== undefined && !isTypePath(keySegs)) reads.resource = true;
  if (isEnv) reads.env = true;
  const where = isEnv ? `environments.<env>.${dotted}` : dotted;
  // Spec values per environment (or the root one), looked up once per getter.
  const perEnv = new EnvMemo<unknown>();
  let root: { value: unknown } | undefined;
  return (s) => {
    let base: unknown;
    if (isEnv) {
      if (s.env === null) {
        if (!ce.specUnsetIsFalse) gMissing = 'resource has no environment';
        return undefined;
      }
      const i = perEnv.index(s.env);
      base = i >= 0 ? perEnv.at(i) : perEnv.add(s.env, ce.values.env(s.env, segs, dotted));
    } else base = (root ??= { value: ce.values.root(segs, dotted) }).value;
    if (keySegs !== undefined) {
      const k = walk(s.resource, keySegs);
      base = typeof k === 'string' && base !== null && typeof base === 'object' ? (base as Record<string, unknown>)[k] : undefined;
    }
    if (base === undefined && !ce.specUnsetIsFalse) gMissing = `spec ${where.replace('<env>', s.env ?? '<env>')}${keySegs ? `[${ref.key}]` : ''} not set`;
    return base;
  };
}

function valueGetter(v: Value | undefined, ce: CompileEnv, reads: Reads): Getter {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return refGetter(v as Ref, ce, reads);
  return () => v;
}

type Op = (o: unknown, s: Scope, t: Trace | null) => Tri;

function operator(c: Comparison, key: (typeof OPERATORS)[number], ce: CompileEnv, reads: Reads): Op {
  if (key === 'exists') {
    const want = c.exists!;
    return (o) => tri((o !== undefined && o !== null) === want);
  }
  if (key === 'matches') {
    const re = compilePattern(c.matches!);
    return (o) => tri(typeof o === 'string' && re.test(o));
  }
  if (key === 'count') return countOp(c.count!, ce, reads);
  if (key === 'every' || key === 'some' || key === 'none') {
    reads.resource = true;
    const inner = compileCondition(c[key]!, ce, reads, true);
    // Elements that decide the verdict: failing ones for every, passing ones for none.
    const deciding: Tri = key === 'none' ? TRUE : FALSE;
    return (o, s, t) => {
      if (!Array.isArray(o)) return FALSE;
      const sub: Trace | null = t ? { leaves: [], missing: t.missing } : null;
      const off: unknown[] | undefined = t ? [] : undefined;
      let firstInner: Leaf | undefined;
      let sawTrue = false;
      let sawFalse = false;
      let sawUnknown = false;
      // One element scope per call, moved along the array (conditions never keep a scope).
      const es: Scope = { resource: s.resource, env: s.env, item: s.item, value: undefined, top: false };
      for (const el of o) {
        es.value = el;
        const l0 = sub ? sub.leaves.length : 0;
        const v = inner(es, sub);
        if (off && v === deciding) {
          off.push(el);
          firstInner ??= sub!.leaves.slice(l0).find((l) => l.result === FALSE) ?? sub!.leaves[l0];
        }
        if (v === TRUE) sawTrue = true;
        else if (v === FALSE) sawFalse = true;
        else sawUnknown = true;
      }
      const r: Tri =
        key === 'every' ? (sawFalse ? FALSE : sawUnknown ? UNKNOWN : TRUE)
        : key === 'some' ? (sawTrue ? TRUE : sawUnknown ? UNKNOWN : FALSE)
        : sawTrue ? FALSE : sawUnknown ? UNKNOWN : TRUE;
      oExpected = c[key];
      oMissing = undefined;
      if (off) {
        oOffending = off;
        oInner = firstInner;
      }
      return r;
    };
  }
  const get = valueGetter(c[key] as Value, ce, reads);
  const binary = BINARY[key]!;
  return (o, s) => {
    gMissing = undefined;
    const v = get(s);
    if (gMissing !== undefined) {
      oMissing = gMissing;
      return UNKNOWN;
    }
    oExpected = v;
    return tri(binary(o, v));
  };
}

function countOp(ops: NumericOps, ce: CompileEnv, reads: Reads): Op {
  const parts = (Object.keys(ops) as (keyof NumericOps)[]).map((k) => ({ k, get: valueGetter(ops[k], ce, reads), f: BINARY[k]! }));
  return (o, s, t) => {
    const n = Array.isArray(o) ? o.length : o !== null && typeof o === 'object' ? Object.keys(o).length : 0;
    // Only a traced check needs the expected bounds as an object.
    // (A traced failure reads every bound, so the evidence and message state the whole range.)
    const expected: Record<string, unknown> | undefined = t ? {} : undefined;
    let r: Tri = TRUE;
    for (const p of parts) {
      gMissing = undefined;
      const v = p.get(s);
      if (gMissing !== undefined) {
        if (r === FALSE) continue; // already false untraced too: an unset later bound changes nothing
        oMissing = gMissing;
        return UNKNOWN;
      }
      if (expected) expected[p.k] = v;
      if (!p.f(n, v)) {
        r = FALSE;
        if (!expected) return FALSE;
      }
    }
    // The leaf's op is already 'count': evidence reads {count: {gte: 1}}, not count twice.
    oExpected = expected;
    return r;
  };
}

const tri = (b: boolean): Tri => (b ? TRUE : FALSE);
