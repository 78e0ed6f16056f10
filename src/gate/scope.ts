// What a promotion gate from one environment to another looks at: every result that
// involves the target, the parity results of source against target, and the collection
// errors of their accounts.
import { InputError } from '../model/diagnostics.js';
import type { Evaluation, Result } from '../model/result.js';
import type { CollectionError } from '../model/snapshot.js';
import type { LoadedSpec } from '../model/spec.js';
import { resolveEnvironmentNames } from '../spec/environment-names.js';

/** Parity results are about `arn:aws:envgate:::parity/FROM/TO/PROPERTY` (engine convention). */
export function parityPrefix(from: string, to: string): string {
  return `arn:aws:envgate:::parity/${from}/${to}/`;
}

/**
 * Whether the gate from -> to counts a result: every result that involves the target
 * (its subject, a grant into it, its access-matrix cell, a resource or path shared with
 * it), whatever the subject's own environment, and the parity of from against to.
 */
export function inGate(r: Result, from: string, to: string): boolean {
  return r.environments.includes(to) || r.resource.arn.startsWith(parityPrefix(from, to));
}

/**
 * --from and --to resolved to spec environments (names or aliases, any case); an
 * InputError located at /environments for unknown ones, or when both name the same.
 */
export function checkGateEnvironments(loaded: LoadedSpec, from: string, to: string): { from: string; to: string } {
  const [f, t] = resolveEnvironmentNames(loaded, [
    { option: 'from', name: from },
    { option: 'to', name: to },
  ]) as [string, string];
  if (f === t) throw new InputError(`--from and --to name the same environment '${f}'`);
  return { from: f, to: t };
}

export function gateEvaluation(ev: Evaluation, from: string, to: string): Evaluation {
  return {
    ...ev,
    results: ev.results.filter((r) => inGate(r, from, to)),
    accessMatrix: ev.accessMatrix.filter((c) => c.environment === to),
    costs: ev.costs.filter((c) => c.environment === to),
    // The target's exclusions, and unattributed ones (which no environment's report lists).
    ...(ev.excluded ? { excluded: ev.excluded.filter((x) => x.environment === to || x.environment === null) } : {}),
  };
}

/** Errors in the accounts of either environment (all errors when the spec names no accounts). */
export function gateErrors(errors: readonly CollectionError[], loaded: LoadedSpec, from: string, to: string): CollectionError[] {
  const accounts = new Set([from, to].flatMap((e) => loaded.spec.environments[e]?.accounts.map((a) => a.id) ?? []));
  if (accounts.size === 0) return [...errors];
  return errors.filter((e) => e.accountId === '' || e.accountId === 'global' || accounts.has(e.accountId));
}

/** Whether the spec declares parity for from -> to (the gate says so when it does not). */
export function declaresParity(loaded: LoadedSpec, from: string, to: string): boolean {
  return loaded.spec.parity.some((p) => p.from === from && p.to === to);
}
