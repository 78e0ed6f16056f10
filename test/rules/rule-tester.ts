// One helper for per-rule test files (in the spirit of ESLint's RuleTester): a rule id and
// its cases, each a small estate under a spec, with the result the rule must give each
// named resource. Every file must have a case that passes and one that fails, so no rule
// is only ever seen passing. Every rule with a `check`, and every rule these files test,
// has one file test/rules/rules/<id>.test.ts (test/rules/catalogue.test.ts checks).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Status } from '../../src/model/result.js';
import type { Resource } from '../../src/model/snapshot.js';
import type { EnvironmentSpec, Spec } from '../../src/model/spec.js';
import { loadRules } from '../../src/rules/load.js';
import { baseSpec, loaded, NOW, snapshot } from '../engine/helpers.js';

export interface RuleTest {
  name: string;
  /** Edits the base spec (two environments, production and staging). */
  spec?: (s: Spec) => void;
  resources: Resource[];
  /** Resource name -> the status the rule must give it ('none' = no result). */
  expect: Record<string, Status | 'none'>;
  /** Full messages some results must have, by resource name. */
  messages?: Record<string, string>;
}

let rules: Map<string, ReturnType<typeof loadRules>[number]> | undefined;

/** The results one rule gives a case: resource name -> status (names not in `expect` ignored). */
function resultsOf(id: string, c: RuleTest): { statuses: Record<string, string>; messages: Record<string, string> } {
  rules ??= new Map(loadRules().map((r) => [r.meta.id, r]));
  const rule = rules.get(id);
  if (!rule) throw new Error(`no built-in rule ${id}`);
  const spec = baseSpec();
  c.spec?.(spec);
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(c.resources), rules: [rule], now: NOW });
  const statuses: Record<string, string> = Object.fromEntries(Object.keys(c.expect).map((n) => [n, 'none']));
  const messages: Record<string, string> = {};
  for (const r of ev.results) {
    if (r.ruleId !== id) throw new Error(`result of ${r.ruleId} from rule ${id}`);
    if (!(r.resource.name in statuses)) continue;
    if (statuses[r.resource.name] !== 'none') throw new Error(`two results for ${r.resource.name}`);
    statuses[r.resource.name] = r.status;
    messages[r.resource.name] = r.message;
    // A finding says in words what was observed and what is required, never the rule's condition.
    if (r.status === 'fail') {
      if (!r.resource.type.startsWith('envgate::')) expect(r.message, r.message).toMatch(new RegExp(`^${r.resource.type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} '`));
      expect(r.message, r.message).not.toMatch(/\bexpected\b|\b(gte|lte|notIn|hasKeys|matchesAny|cidrWithin|equals)\b|[{}]|"/);
    }
  }
  return { statuses, messages };
}

export const ruleTester = {
  run(id: string, cases: readonly RuleTest[]): void {
    describe(`rule ${id}`, () => {
      it('has a case that passes and a case that fails', () => {
        const statuses = new Set(cases.flatMap((c) => Object.values(c.expect)));
        expect([statuses.has('pass'), statuses.has('fail')]).toEqual([true, true]);
      });
      for (const c of cases) {
        it(c.name, () => {
          const got = resultsOf(id, c);
          expect(got.statuses).toEqual(c.expect);
          for (const [name, message] of Object.entries(c.messages ?? {})) expect(got.messages[name], name).toBe(message);
        });
      }
    });
  },
};

/** The production environment of a case's spec. */
export const production = (s: Spec): EnvironmentSpec => s.environments.production!;

/** A data-protection section: every requirement off except `over`. */
export function dp(over: Partial<NonNullable<EnvironmentSpec['dataProtection']>>): NonNullable<EnvironmentSpec['dataProtection']> {
  return { versioning: [], accessLogging: [], publicAccessBlock: false, deletionProtection: [], multiAz: [], pointInTimeRecovery: false, ...over };
}

/** A network section: no ranges or zones except `over`. */
export function net(over: Partial<NonNullable<EnvironmentSpec['network']>>): NonNullable<EnvironmentSpec['network']> {
  return { vpcCidrs: [], subnetCidrs: [], availabilityZones: [], ...over };
}

/** An encryption state as collection records it (kms when enabled). */
export const enc = (enabled: boolean, cmk = false) => ({ enabled, algorithm: enabled ? 'aws:kms' : undefined, customerManagedKey: cmk });
