import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/rules/load.js';
import { baseSpec, loaded, NOW, snapshot } from '../engine/helpers.js';
import { CASES } from './cases.js';

const RULES = new Map(loadRules().map((r) => [r.meta.id, r]));

describe('built-in rules', () => {
  for (const c of CASES) {
    it(`${c.rule}: ${c.name}`, () => {
      const rule = RULES.get(c.rule);
      expect(rule, `rule ${c.rule} exists`).toBeDefined();
      const spec = baseSpec();
      c.spec?.(spec);
      const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(c.resources), rules: [rule!], now: NOW });
      const got: Record<string, string> = {};
      for (const name of Object.keys(c.expect)) got[name] = 'none';
      for (const r of ev.results) {
        expect(r.ruleId).toBe(c.rule);
        if (r.resource.name in got) {
          expect(got[r.resource.name], `one result per resource for ${r.resource.name}`).toBe('none');
          got[r.resource.name] = r.status;
        }
      }
      expect(got).toEqual(c.expect);
      for (const [name, message] of Object.entries(c.messages ?? {})) {
        expect(ev.results.find((r) => r.resource.name === name)?.message, name).toBe(message);
      }
      // A finding says in words what was observed and what is required, never the rule's condition.
      for (const r of ev.results.filter((x) => x.status === 'fail')) {
        if (!r.resource.type.startsWith('envgate::')) expect(r.message, r.message).toMatch(new RegExp(`^${r.resource.type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} '`));
        expect(r.message, r.message).not.toMatch(/\bexpected\b|\b(gte|lte|notIn|hasKeys|matchesAny|cidrWithin|equals)\b|[{}]|"/);
        if (process.env.SHOW_MESSAGES) console.log(`${c.rule} | ${r.message}`);
      }
    });
  }

  // Analysis rules of other areas (isolation, access, cost, parity) are tested beside
  // their analyses; the catalogue test checks every rule id appears in some test.
  it('every declarative rule, and every rule in the table, has a passing and a failing case', () => {
    const ids = [...RULES.values()].filter((r) => r.check !== undefined || CASES.some((c) => c.rule === r.meta.id)).map((r) => r.meta.id);
    for (const id of ids) {
      const statuses = new Set(CASES.filter((c) => c.rule === id).flatMap((c) => Object.values(c.expect)));
      expect([id, statuses.has('pass'), statuses.has('fail')]).toEqual([id, true, true]);
    }
  });
});
