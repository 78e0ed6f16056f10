// The rule catalogue: every file in rules/ is a valid rule named after its file, is
// exercised by some test, and is documented in the README's rules section.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INBOUND_SOURCES } from '../../src/engine/inbound-sources.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const files = readdirSync(BUILTIN_RULES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const rules = loadRules();

function testSources(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) text += testSources(full);
    else if (/\.ts$/.test(name)) text += readFileSync(full, 'utf8');
  }
  return text;
}

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = /<!-- section:rules -->([\s\S]*?)<!-- \/section:rules -->/.exec(readme)?.[1] ?? '';
const tests = testSources(path.join(ROOT, 'test'));

describe('rule catalogue', () => {
  it('loads every file in rules/ and nothing else', () => {
    expect(rules.filter((r) => r.meta.origin === 'builtin').map((r) => r.meta.id)).toEqual(files.map((f) => f.replace(/\.ya?ml$/, '')).sort());
  });

  it('knows the source types of every relation a rule reads inbound (their gaps make it not-evaluated)', () => {
    const kinds = files.flatMap((f) => [...readFileSync(path.join(BUILTIN_RULES_DIR, f), 'utf8').matchAll(/inbound:\s*([\w-]+)/g)].map((m) => m[1]!));
    expect(kinds.length).toBeGreaterThan(0);
    for (const k of kinds) expect(INBOUND_SOURCES[k], k).toBeDefined();
  });

  it('gives every declarative rule a test file of its own, and no file to a rule that does not exist', () => {
    const own = readdirSync(path.join(ROOT, 'test/rules/rules')).flatMap((f) => (f.endsWith('.test.ts') ? [f.slice(0, -'.test.ts'.length)] : []));
    const declarative = rules.filter((r) => r.meta.origin === 'builtin' && r.check !== undefined).map((r) => r.meta.id);
    expect(declarative.filter((id) => !own.includes(id))).toEqual([]);
    expect(own.filter((id) => !rules.some((r) => r.meta.id === id))).toEqual([]);
  });

  for (const rule of rules) {
    it(`${rule.meta.id}: tested and documented`, () => {
      expect(tests.includes(`'${rule.meta.id}'`), 'id appears in a test').toBe(true);
      expect(rule.meta.docs.endsWith(`#rule-${rule.meta.id}`), 'docs points at the README anchor').toBe(true);
      expect(section.includes(`id="rule-${rule.meta.id}"`), 'README rules section has its anchor').toBe(true);
    });
  }
});
