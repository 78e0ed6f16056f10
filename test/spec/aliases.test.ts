import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWaivers } from '../../src/gate/waivers.js';
import { InputError } from '../../src/model/diagnostics.js';
import { parseRule } from '../../src/rules/load.js';
import { parseSpec } from '../../src/spec/load.js';
import { aliasBomb as bomb, hugeTypeSpec, manyAliasSpec, manyAliasWaivers } from '../helpers/hostile-yaml.js';

const SPEC = readFileSync('fixtures/mht-api/envgate.yaml', 'utf8');

function diagnostics(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
    throw err;
  }
  throw new Error('no InputError');
}

// What these inputs cost is measured by bench/parse-hostile.ts, not asserted here: the tests
// pin where each problem is reported.
describe('YAML aliases', () => {
  it('rejects an alias bomb in a spec at the alias that exceeds the limit, without expanding it', () => {
    const ds = diagnostics(() => parseSpec(`${bomb()}${SPEC}`, 'envgate.yaml'));
    // Aliases add 110 + 1,110 nodes on lines 2-3; on line 4 each adds 1,111, and the 8th passes 10,000.
    expect(ds).toEqual(['4:45 alias-limit']);
  });

  it('rejects an alias bomb in a waivers file and in a rule file, located', () => {
    expect(diagnostics(() => parseWaivers(`${bomb()}version: 1\nwaivers: []\n`, 'waivers.yaml'))).toEqual(['4:45 alias-limit']);
    const rule = parseRule(`${bomb()}id: r\n`, 'r.yaml', 'test');
    expect('diagnostics' in rule && rule.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['4:45 alias-limit']);
  });

  it('names an alias without an anchor instead of reading it as null or failing inside the parser', () => {
    expect(diagnostics(() => parseWaivers('version: 1\nwaivers:\n  - id: *nowhere\n', 'waivers.yaml'))).toEqual(['3:9 unresolved-alias']);
    expect(diagnostics(() => parseSpec(SPEC.replace(/^version: 1$/m, 'version: *v'), 'envgate.yaml'))).toEqual([`${SPEC.split('\n').findIndex((l) => l === 'version: 1') + 1}:10 unresolved-alias`]);
  });

  it('rejects an alias inside the node its anchor names (a cycle)', () => {
    expect(diagnostics(() => parseWaivers('version: 1\nwaivers: &w [ *w ]\n', 'waivers.yaml'))).toEqual(['2:15 alias-cycle']);
  });

  it('rejects a collection used as a key in a waivers file', () => {
    expect(diagnostics(() => parseWaivers('version: 1\n? [a]\n: 1\nwaivers: []\n', 'waivers.yaml'))).toEqual(['2:3 key-type']);
  });

  it('still reads ordinary anchors and aliases, also more than the yaml package would count by default', () => {
    const entries = Array.from({ length: 150 }, (_, i) => `  - { id: w${i}, fingerprint: ${'0'.repeat(31)}${i % 10}, reason: *r, owner: *o, expires: 2030-01-01 }`);
    const text = `version: 1\ndefaults:\n  reason: &r shared reason\n  owner: &o team\nwaivers:\n${entries.join('\n')}\n`;
    // 'defaults' is not a waivers key: the aliases resolve, and the one problem left is the unknown key.
    expect(diagnostics(() => parseWaivers(text, 'waivers.yaml'))).toEqual(['2:1 unknown-key']);
    const ok = parseWaivers(`version: 1\nwaivers:\n  - { id: a, fingerprint: &fp ${'a'.repeat(32)}, reason: x, owner: &o o, expires: 2030-01-01 }\n  - { id: b, fingerprint: *fp, reason: y, owner: *o, expires: 2030-01-01 }\n`, 'w.yaml');
    expect(ok.waivers.map((w) => [w.id, w.fingerprint, w.owner])).toEqual([
      ['a', 'a'.repeat(32), 'o'],
      ['b', 'a'.repeat(32), 'o'],
    ]);
  });
});

describe('many aliases', () => {
  // The fuzz cases (waivers seeds 10329, 11620) that took 8-10 s: thousands of entries, each
  // with an alias to a reused anchor. Each alias used to be resolved by walking the whole
  // document again.
  it('locates every problem of a 3,000-entry waivers file with 3,000 aliases', () => {
    const ds = diagnostics(() => parseWaivers(manyAliasWaivers(3000), 'waivers.yaml'));
    expect(ds).toHaveLength(3002);
    expect(ds.slice(0, 4)).toEqual(['1:1 unknown-key', '2:1 unknown-key', '5:92 wrong-type', '6:92 wrong-type']);
    expect(ds[3001]).toBe('3004:95 wrong-type');
  });

  it('reads 5,000 aliases in a spec', () => {
    const ds = diagnostics(() => parseSpec(manyAliasSpec(SPEC, 5000), 'envgate.yaml'));
    expect(ds).toEqual(['1:1 unknown-key', '2:1 unknown-key']);
  });

  it('resolves an alias to the last anchor of its name written before it, not one after', () => {
    const fp = 'b'.repeat(32);
    const text = `version: 1\nwaivers:\n  - { id: &i first, fingerprint: ${fp}, reason: r, owner: &i second, expires: 2030-01-01 }\n  - { id: *i, fingerprint: ${fp}, reason: r, owner: &i third, expires: 2030-01-01 }\n`;
    expect(parseWaivers(text, 'w.yaml').waivers.map((w) => [w.id, w.owner])).toEqual([
      ['first', 'second'],
      ['second', 'third'],
    ]);
  });
});

describe('huge values in a spec', () => {
  it('reads a 200 kB resource type as an unknown type, with no "did you mean"', () => {
    let ds: { code: string; message: string }[] = [];
    try {
      parseSpec(hugeTypeSpec(SPEC), 'envgate.yaml');
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      ds = err.diagnostics.map((d) => ({ code: d.code, message: d.message }));
    }
    expect(ds.map((d) => d.code)).toEqual(['uncollected-type']);
    expect(ds[0]!.message).not.toMatch(/did you mean/i);
  });
});
