// What a promotion gate from one environment to another looks at: the target's results,
// the parity results of source against target, and the collection errors of their accounts.
import { InputError } from '../model/diagnostics.js';
import type { Evaluation, Result } from '../model/result.js';
import type { CollectionError } from '../model/snapshot.js';
import type { LoadedSpec } from '../model/spec.js';

/** Parity results are about `arn:aws:envgate:::parity/FROM/TO/PROPERTY` (engine convention). */
export function parityPrefix(from: string, to: string): string {
  return `arn:aws:envgate:::parity/${from}/${to}/`;
}

export function inGate(r: Result, from: string, to: string): boolean {
  return r.resource.environment === to || r.resource.arn.startsWith(parityPrefix(from, to));
}

/** from and to must be distinct spec environments; InputError located at /environments otherwise. */
export function checkGateEnvironments(loaded: LoadedSpec, from: string, to: string): void {
  const known = Object.keys(loaded.spec.environments).sort();
  const pos = loaded.positions['/environments'] ?? { line: 1, column: 1 };
  const diag = (option: string, name: string) => ({
    file: loaded.file,
    line: pos.line,
    column: pos.column,
    path: '/environments',
    code: 'unknown-environment',
    message: `--${option} ${name} is not an environment of the spec`,
    expected: known.join(', '),
  });
  const diags = [...(known.includes(from) ? [] : [diag('from', from)]), ...(known.includes(to) ? [] : [diag('to', to)])];
  if (diags.length > 0) throw new InputError(`unknown environment ${diags.map((d) => d.message.split(' ')[1]).join(', ')}`, diags);
  if (from === to) throw new InputError(`--from and --to name the same environment '${from}'`);
}

export function gateEvaluation(ev: Evaluation, from: string, to: string): Evaluation {
  return {
    ...ev,
    results: ev.results.filter((r) => inGate(r, from, to)),
    accessMatrix: ev.accessMatrix.filter((c) => c.environment === to),
    costs: ev.costs.filter((c) => c.environment === to),
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
