// parseRule and loadRules: each load-time problem of a rule file with its exact
// diagnostic, and what a rule that loads holds. Analyses come from a registry made here,
// so the names and lists expected are the ones written below.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/engine/context.js';
import { InputError } from '../../src/model/diagnostics.js';
import { loadRules, parseRule } from '../../src/rules/load.js';

const head = (id = 'user-rule') => `id: ${id}
title: A user rule
category: encryption
severity: low
resourceTypes: [AWS::S3::Bucket]
description: "  d  "
remediation: "\\n r \\n"
requirement: /environments/*/encryption/atRest
docs: https://example.com/user-rule
`;
const CHECK = 'check: { path: name, exists: true }\n';
const fake = (name: string, exemptions: boolean) =>
  ({ name, optionsSchema: { type: 'object', properties: { n: { type: 'integer' } }, additionalProperties: false }, ...(exemptions ? { exemptions: ['furniture'] } : {}), run: () => [] }) as unknown as Analysis<never>;
const REGISTRY = { 'load-test-plain': fake('load-test-plain', false), 'load-test-exempt': fake('load-test-exempt', true) };
const FILE = 'my/user-rule.yaml';
const parse = (text: string) => parseRule(text, FILE, 'my', REGISTRY);
const problems = (text: string) => {
  const p = parse(text);
  return 'diagnostics' in p ? p.diagnostics : [];
};

describe('parseRule: problems', () => {
  it('wants a mapping', () => {
    expect(problems('- a\n')).toEqual([{ file: FILE, line: 1, column: 1, path: '', code: 'not-a-mapping', message: 'a rule file must be a mapping', expected: 'a mapping with id, title, category, ...' }]);
  });

  it('wants the id to be the file name', () => {
    expect(problems(head('other') + CHECK)).toEqual([{ file: FILE, line: 1, column: 5, path: '/id', code: 'id-mismatch', message: 'rule id "other" differs from the file name "user-rule"', expected: 'id: user-rule' }]);
    expect(parseRule(head('x') + CHECK, 'dir/x.yml', 'dir', REGISTRY)).toMatchObject({ rule: { meta: { id: 'x' }, file: 'dir/x.yml' } });
  });

  it('names an unknown analysis with the registry\'s names', () => {
    expect(problems(head() + 'analysis: { name: nope }\n')).toEqual([{ file: FILE, line: 10, column: 19, path: '/analysis/name', code: 'unknown-analysis', message: 'no analysis named "nope"', expected: 'one of load-test-exempt, load-test-plain' }]);
  });

  it('checks analysis options against the analysis\'s schema', () => {
    expect(problems(head() + 'analysis: { name: load-test-plain, options: { n: x } }\n')).toEqual([
      { file: FILE, line: 10, column: 50, path: '/analysis/options/n', code: 'analysis-options-type', message: 'is a string', expected: 'an integer' },
    ]);
    expect(problems(head() + 'analysis: { name: load-test-plain, options: { m: 1 } }\n')).toEqual([
      { file: FILE, line: 10, column: 47, path: '/analysis/options/m', code: 'unknown-key', message: 'unknown key "m"; did you mean "n"?', expected: 'one of n' },
    ]);
  });

  it('refuses applicability or each beside an analysis', () => {
    const withCondition = { file: FILE, line: 10, column: 11, path: '/analysis', code: 'analysis-with-condition', message: 'an analysis rule takes its scope from its options, not from applicability/each', expected: 'analysis alone' };
    expect(problems(head() + 'analysis: { name: load-test-exempt }\napplicability: { path: name, exists: true }\n')).toEqual([withCondition]);
    expect(problems(head() + 'analysis: { name: load-test-exempt }\neach: { env: encryption.atRest }\n')).toEqual([
      { file: FILE, line: 11, column: 7, path: '/each', code: 'each-without-check', message: '"each" needs a "check" to run per item', expected: 'a check' },
      withCondition,
    ]);
  });

  it('takes exempt only with an analysis that reads it', () => {
    expect(problems(head() + 'analysis: { name: load-test-plain }\nexempt: [furniture]\n')).toEqual([
      { file: FILE, line: 11, column: 9, path: '/exempt', code: 'exempt-unsupported', message: 'analysis "load-test-plain" does not leave anything out', expected: 'exempt only with a declarative check or one of load-test-exempt' },
    ]);
    expect(problems(head() + 'analysis: { name: load-test-exempt, options: { n: 2 } }\nexempt: [furniture]\n')).toEqual([]);
  });
});

describe('parseRule: a rule that loads', () => {
  it('holds its metadata (texts trimmed), origin, file and only the parts it has', () => {
    expect(parse(head() + 'applicability: { path: name, exists: true }\ncheck: { path: name, exists: true }\nmessage: "{name} x"\nexempt: [furniture]\n')).toStrictEqual({
      rule: {
        meta: { id: 'user-rule', title: 'A user rule', category: 'encryption', severity: 'low', resourceTypes: ['AWS::S3::Bucket'], description: 'd', remediation: 'r', requirement: '/environments/*/encryption/atRest', docs: 'https://example.com/user-rule', origin: 'my' },
        file: FILE,
        applicability: { path: 'name', exists: true },
        check: { path: 'name', exists: true },
        message: '{name} x',
        exempt: ['furniture'],
      },
      idPosition: { line: 1, column: 5 },
    });
    expect(parse(head() + 'each: { env: encryption.atRest }\ncheck: { item: ., exists: true }\n')).toMatchObject({ rule: { each: { env: 'encryption.atRest' }, check: { item: '.', exists: true } } });
  });

  it('gives an analysis without options empty options', () => {
    const p = parse(head() + 'analysis: { name: load-test-plain }\n');
    expect('rule' in p && p.rule).toStrictEqual({
      meta: { id: 'user-rule', title: 'A user rule', category: 'encryption', severity: 'low', resourceTypes: ['AWS::S3::Bucket'], description: 'd', remediation: 'r', requirement: '/environments/*/encryption/atRest', docs: 'https://example.com/user-rule', origin: 'my' },
      file: FILE,
      analysis: { name: 'load-test-plain', options: {} },
    });
  });
});

const dirs: string[] = [];
function ruleDir(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'envgate-load-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function refused(f: () => unknown) {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return { message: (e as InputError).message, diagnostics: (e as InputError).diagnostics };
  }
  throw new Error('expected an InputError');
}

describe('loadRules', () => {
  it('reads .yaml and .yml files only, and returns the rules by id', () => {
    const d = ruleDir({ 'b-rule.yml': head('b-rule') + CHECK, 'a-rule.yaml': head('a-rule') + CHECK, 'notes.txt': 'not a rule', 'old.yaml.orig': 'not: [a rule' });
    expect(loadRules([d], { builtin: false, analyses: REGISTRY }).map((r) => [r.meta.id, r.file, r.meta.origin])).toEqual([
      ['a-rule', path.join(d, 'a-rule.yaml'), d],
      ['b-rule', path.join(d, 'b-rule.yml'), d],
    ]);
  });

  it('names built-in rule files under rules/, whatever the install path, and sorts them by id', () => {
    const rules = loadRules();
    expect(rules[0]!.file).toBe(`rules${path.sep}${rules[0]!.meta.id}.yaml`);
    expect(rules.every((r) => r.meta.origin === 'builtin')).toBe(true);
    const ids = rules.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('sorts user rules in among the built-in ones', () => {
    const d = ruleDir({ 'aaa-first.yaml': head('aaa-first') + CHECK });
    expect(loadRules([d])[0]!.meta.id).toBe('aaa-first');
  });

  it('counts the problems and the files they are in', () => {
    const d = ruleDir({ 'c-rule.yaml': head('zzz') + CHECK });
    mkdirSync(path.join(d, 'dir.yaml'));
    const notDir = path.join(d, 'c-rule.yaml');
    expect(refused(() => loadRules([d, notDir], { builtin: false }))).toEqual({
      message: '3 problems in 2 rule files',
      diagnostics: [
        { file: path.join(d, 'c-rule.yaml'), line: 1, column: 5, path: '/id', code: 'id-mismatch', message: 'rule id "zzz" differs from the file name "c-rule"', expected: 'id: c-rule' },
        { file: path.join(d, 'dir.yaml'), line: 1, column: 1, path: '', code: 'unreadable', message: 'cannot read the file: EISDIR: illegal operation on a directory, read' },
        { file: notDir, line: 1, column: 1, path: '', code: 'rules-dir', message: 'cannot read rules directory: not a directory', expected: 'a directory of rule files (*.yaml)' },
      ],
    });
    expect(refused(() => loadRules([ruleDir({ 'a-rule.yaml': 'x: [\n' })], { builtin: false })).message).toBe('1 problem in 1 rule file');
    const two = ruleDir({ 'a-rule.yaml': head('zz') + CHECK, 'b-rule.yaml': head('yy') + CHECK.replace('exists: true', 'exists: true, equals: 1') });
    expect(refused(() => loadRules([two], { builtin: false })).message).toBe('3 problems in 2 rule files');
  });

  it('says where a duplicate id was first defined, at the id', () => {
    const a = ruleDir({ 'a-rule.yaml': head('a-rule') + CHECK });
    const b = ruleDir({ 'a-rule.yaml': head('a-rule') + CHECK });
    expect(refused(() => loadRules([a, b], { builtin: false })).diagnostics).toEqual([
      { file: path.join(b, 'a-rule.yaml'), line: 1, column: 5, path: '/id', code: 'duplicate-id', message: `rule id "a-rule" is already defined in ${path.join(a, 'a-rule.yaml')}`, expected: 'a rule id used once' },
    ]);
  });
});
