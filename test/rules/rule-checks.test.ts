// The load-time checks of a rule's conditions and messages (conditions-check.ts): each
// problem with its exact position, code, wording and what was expected.
import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/rules/load.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';

const rule = (body: string, types = '[AWS::S3::Bucket]') => `id: user-rule
title: A user rule
category: encryption
severity: low
resourceTypes: ${types}
description: d
remediation: r
requirement: /environments/*/encryption/atRest
docs: https://example.com/user-rule
${body}`;

function problems(body: string): Diagnostic[] {
  const parsed = parseRule(rule(body), 'my/user-rule.yaml', 'my');
  return 'diagnostics' in parsed ? parsed.diagnostics : [];
}

const FILE = 'my/user-rule.yaml';
const OPERATORS = 'one of equals, notEquals, in, notIn, exists, gt, gte, lt, lte, matches, matchesAny, contains, hasKeys, cidrWithin, count, every, some, none';
const SUBJECTS = 'one of path, env, spec, item, relations, inbound';
const FIELDS = 'fields {observed}, {required}, {expected}, {offending}, {environment}, {name}, {type}, {subject}';
const noOperator = (line: number, column: number, path: string) => ({ file: FILE, line, column, path, code: 'condition-operator', message: 'a comparison needs an operator', expected: OPERATORS });

describe('rule conditions: one subject, one operator', () => {
  it('names the subjects of a comparison that reads two or three, at the second', () => {
    expect(problems('check: { path: name, env: encryption.atRest, equals: 1 }\n')).toEqual([
      { file: FILE, line: 10, column: 27, path: '/check/env', code: 'condition-subjects', message: 'a comparison reads one value, but names path and env', expected: SUBJECTS },
    ]);
    expect(problems('check: { spec: system, item: x, relations: vpc, equals: 1 }\n')).toEqual([
      { file: FILE, line: 10, column: 30, path: '/check/item', code: 'condition-subjects', message: 'a comparison reads one value, but names spec and item and relations', expected: SUBJECTS },
    ]);
  });

  it('wants exactly one operator', () => {
    expect(problems('check: { path: name }\n')).toEqual([noOperator(10, 8, '/check')]);
    expect(problems('check: { path: name, equals: a, in: [b] }\n')).toEqual([
      { file: FILE, line: 10, column: 8, path: '/check', code: 'condition-operator', message: 'a comparison takes one operator, found equals, in', expected: OPERATORS },
    ]);
    expect(problems('check: { path: name, equals: a }\n')).toEqual([]);
  });

  it('takes "key" only beside env or spec', () => {
    expect(problems('check: { path: name, key: a, equals: 1 }\n')).toEqual([
      { file: FILE, line: 10, column: 27, path: '/check/key', code: 'condition-key', message: '"key" selects a map entry of an env or spec value', expected: 'env or spec beside key' },
    ]);
    expect(problems('check: { env: tags, key: a, equals: 1 }\n')).toEqual([]);
    expect(problems('check: { spec: tags, key: a, equals: 1 }\n')).toEqual([]);
  });

  it('checks a matches pattern', () => {
    expect(problems('check: { path: name, matches: "re:(" }\n')).toEqual([
      { file: FILE, line: 10, column: 31, path: '/check/matches', code: 'pattern', message: 'pattern is not a valid regular expression (Unterminated group)', expected: 'a glob or re: regular expression' },
    ]);
    expect(problems('check: { path: name, matches: "prod-*" }\n')).toEqual([]);
  });

  it('checks inside all, any, not and the quantifiers, at their pointers', () => {
    expect(problems('check:\n  all:\n    - any:\n        - not: { path: name }\n    - path: name\n      some: { path: x }\n')).toEqual([noOperator(13, 16, '/check/all/0/any/0/not'), noOperator(15, 13, '/check/all/1/some')]);
    expect(problems('check: { relations: vpc, every: { path: name }, none: { path: name, equals: 1, in: [1] } }\n')).toEqual([
      { file: FILE, line: 10, column: 8, path: '/check', code: 'condition-operator', message: 'a comparison takes one operator, found every, none', expected: OPERATORS },
      noOperator(10, 33, '/check/every'),
      { file: FILE, line: 10, column: 55, path: '/check/none', code: 'condition-operator', message: 'a comparison takes one operator, found equals, in', expected: OPERATORS },
    ]);
  });

  it('checks applicability and each.where like the check', () => {
    expect(problems('applicability: { path: name }\neach: { env: encryption.atRest, where: { item: x } }\ncheck: { item: x, exists: true }\n')).toEqual([noOperator(10, 16, '/applicability'), noOperator(11, 40, '/each/where')]);
  });
});

describe('rule messages', () => {
  it('refuses a message outside the check', () => {
    expect(problems('applicability: { path: name, exists: true, message: "x {resource}" }\ncheck: { path: name, exists: true }\n')).toEqual([
      { file: FILE, line: 10, column: 53, path: '/applicability/message', code: 'message-outside-check', message: 'a message template belongs to the check (or the rule): only a failing check makes a finding', expected: 'message under check' },
    ]);
  });

  it('names an unknown template field, with the fields there are (and item fields under each)', () => {
    expect(problems('check: { path: name, exists: true, message: "x {nope}" }\n')).toEqual([
      { file: FILE, line: 10, column: 45, path: '/check/message', code: 'message-template', message: 'message template: unknown field {nope}', expected: FIELDS },
    ]);
    expect(problems('each: { env: encryption.atRest }\ncheck: { item: x, exists: true, message: "x {nope}" }\n')).toEqual([
      { file: FILE, line: 11, column: 42, path: '/check/message', code: 'message-template', message: 'message template: unknown field {nope}', expected: `${FIELDS}, {item.<field>}` },
    ]);
    expect(problems('check: { path: name, exists: true, message: "{name} has no {expected}" }\n')).toEqual([]);
  });

  it('checks the rule-level message too, and refuses one beside an analysis', () => {
    expect(problems('message: "x {nope}"\ncheck: { path: name, exists: true }\n')).toEqual([
      { file: FILE, line: 10, column: 10, path: '/message', code: 'message-template', message: 'message template: unknown field {nope}', expected: FIELDS },
    ]);
    expect(problems('message: "x {name}"\nanalysis: { name: parity }\n').filter((d) => d.code === 'message-with-analysis')).toEqual([
      { file: FILE, line: 10, column: 10, path: '/message', code: 'message-with-analysis', message: 'an analysis words its own findings; "message" is for a declarative check', expected: 'message with check' },
    ]);
  });
});
