// The rule cases not yet moved to their own files under test/rules/rules/ (rule-tester.ts).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { CASES } from './cases.js';
import { resultsOf } from './rule-tester.js';

const RULES = new Map(loadRules().map((r) => [r.meta.id, r]));
/** Rules with a test file of their own, which checks its pass and fail cases itself. */
const OWN_FILES = new Set(readdirSync(new URL('./rules/', import.meta.url)).flatMap((f) => (f.endsWith('.test.ts') ? [f.slice(0, -'.test.ts'.length)] : [])));

describe('built-in rules', () => {
  for (const c of CASES) {
    it(`${c.rule}: ${c.name}`, () => {
      expect(RULES.has(c.rule), `rule ${c.rule} exists`).toBe(true);
      const got = resultsOf(c.rule, c);
      expect(got.statuses).toEqual(c.expect);
      for (const [name, message] of Object.entries(c.messages ?? {})) expect(got.messages[name], name).toBe(message);
    });
  }

  // Analysis rules of other areas (isolation, access, cost, parity) are tested beside
  // their analyses; the catalogue test checks every rule id appears in some test.
  it('every declarative rule, and every rule in the table, has a passing and a failing case', () => {
    const ids = [...RULES.values()].filter((r) => r.check !== undefined || CASES.some((c) => c.rule === r.meta.id)).map((r) => r.meta.id);
    for (const id of ids) {
      if (OWN_FILES.has(id)) continue;
      const statuses = new Set(CASES.filter((c) => c.rule === id).flatMap((c) => Object.values(c.expect)));
      expect([id, statuses.has('pass'), statuses.has('fail')]).toEqual([id, true, true]);
    }
    expect([...OWN_FILES].filter((id) => !RULES.has(id))).toEqual([]);
  });
});
