import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDrafts, missedTable } from '../../bench/drafts.js';
import { loadMissed } from '../../bench/missed.js';

function written(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'envgate-missed-')), 'missed.yaml');
  writeFileSync(file, text);
  return file;
}

describe('fixtures/<name>/missed.yaml: why each spec value the draft misses is missed', () => {
  it('lists exactly the spec values each golden draft does not reproduce', async () => {
    for (const m of await buildDrafts()) {
      const listed = m.why.map((w) => w.key);
      const spec = new Set([...m.matchedKeys, ...m.missed]);
      const reproduced = new Set(m.matchedKeys);
      expect(listed.filter((k) => !spec.has(k)), `${m.fixture}/missed.yaml: not values of envgate.yaml`).toEqual([]);
      expect(listed.filter((k) => reproduced.has(k)), `${m.fixture}/missed.yaml: the draft reproduces these, remove them`).toEqual([]);
      expect(m.missed.filter((k) => !listed.includes(k)), `${m.fixture}/missed.yaml: missed by the draft, not listed with a reason`).toEqual([]);
    }
  });

  it('fixtures/README.md quotes the table bench/drafts.ts prints', async () => {
    expect(readFileSync('fixtures/README.md', 'utf8'), 'fixtures/README.md: paste the table of npm run drafts').toContain(missedTable(await buildDrafts()));
  });

  it('reads groups of { key, reason }', () => {
    const file = written("notInDocument:\n  - key: '/tagging/required/Environment'\n    reason: no tag key\nproseNoValue: []\notherShape: []\nambiguous:\n  - { key: /access/matrix/ops/production=\"deploy\", reason: two levels }\n");
    expect(loadMissed(file)).toEqual([
      { key: '/tagging/required/Environment', group: 'notInDocument', reason: 'no tag key' },
      { key: '/access/matrix/ops/production="deploy"', group: 'ambiguous', reason: 'two levels' },
    ]);
  });

  it('names the file, line and field of a malformed entry', () => {
    const bad = (text: string) => {
      const file = written(text);
      try {
        loadMissed(file);
        return 'no error';
      } catch (e) {
        return (e as Error).message.replace(file, 'missed.yaml');
      }
    };
    expect(bad('guessed:\n  - { key: /a, reason: r }\n')).toBe('missed.yaml:1: guessed: not a group (notInDocument, proseNoValue, otherShape, ambiguous, notReadYet)');
    expect(bad('notInDocument:\n  - { key: /a, reason: r }\n  - key: /b\n')).toBe('missed.yaml:3: notInDocument[1].reason: a non-empty reason');
    expect(bad('notInDocument:\n  - { key: a, reason: r }\n')).toBe('missed.yaml:2: notInDocument[0].key: a spec path starting with /');
    expect(bad('notInDocument:\n  - { key: /a, reason: r }\nproseNoValue:\n  - { key: /a, reason: s }\n')).toBe('missed.yaml:4: proseNoValue[0].key: /a is listed twice');
    expect(bad('ambiguous:\n  - { key: /a, reason: r, note: x }\n')).toBe('missed.yaml:2: ambiguous[0].note: unknown field (key, reason)');
    expect(bad('ambiguous: /a\n')).toBe('missed.yaml:1: ambiguous: a list of { key, reason }');
  });
});
