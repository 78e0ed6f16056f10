import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../../src/model/diagnostics.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, snapshot } from '../engine/helpers.js';

const dirs: string[] = [];
function ruleDir(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'envgate-rules-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const GOOD = `id: owner-tag
title: Buckets carry an Owner tag
category: tagging
severity: low
resourceTypes: [AWS::S3::Bucket]
description: Every bucket names its owner.
remediation: Add the Owner tag.
requirement: /tagging/required
docs: https://example.com/owner-tag
check:
  path: tags.Owner
  exists: true
`;

function diagnostics(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).diagnostics;
  }
  throw new Error('expected an InputError');
}

describe('loadRules', () => {
  it('loads user rules next to built-ins and runs them like built-ins', () => {
    const d = ruleDir({ 'owner-tag.yaml': GOOD });
    const rules = loadRules([d]);
    const mine = rules.find((r) => r.meta.id === 'owner-tag')!;
    expect(mine.meta.origin).toBe(d);
    expect(rules.some((r) => r.meta.origin === 'builtin')).toBe(true);
    const ev = evaluate({ spec: loaded(baseSpec()), snapshot: snapshot([prod('AWS::S3::Bucket', 'a', { tags: { Environment: 'production', Owner: 'x' } }), prod('AWS::S3::Bucket', 'b')]), rules: [mine], now: NOW });
    expect(ev.results.map((r) => [r.resource.name, r.status])).toEqual([['a', 'pass'], ['b', 'fail']]);
  });

  it('reports every problem with file, line and column', () => {
    const bad = GOOD.replace('severity: low', 'severity: severe').replace('check:', 'colour: red\ncheck:');
    const d = ruleDir({ 'owner-tag.yaml': bad, 'other.yaml': GOOD });
    const ds = diagnostics(() => loadRules([d], { builtin: false }));
    const byCode = ds.map((x) => [path.basename(x.file), x.line, x.column, x.code, x.path]);
    expect(byCode).toContainEqual(['owner-tag.yaml', 4, 11, 'enum', '/severity']);
    expect(byCode).toContainEqual(['owner-tag.yaml', 10, 1, 'unknown-key', '/colour']);
    expect(byCode).toContainEqual(['other.yaml', 1, 5, 'id-mismatch', '/id']);
  });

  it('rejects duplicate ids across directories', () => {
    const a = ruleDir({ 'owner-tag.yaml': GOOD });
    const b = ruleDir({ 'owner-tag.yaml': GOOD });
    const ds = diagnostics(() => loadRules([a, b], { builtin: false }));
    expect(ds.map((x) => [x.code, x.file])).toEqual([['duplicate-id', path.join(b, 'owner-tag.yaml')]]);
  });

  it('rejects a user rule that reuses a built-in id', () => {
    const d = ruleDir({ 'encryption-at-rest.yaml': GOOD.replace('id: owner-tag', 'id: encryption-at-rest') });
    expect(diagnostics(() => loadRules([d])).map((x) => x.code)).toEqual(['duplicate-id']);
  });

  it('checks conditions: one subject, one operator, valid patterns', () => {
    const text = GOOD.replace('  path: tags.Owner\n  exists: true\n', '  all:\n    - { path: name, env: x, exists: true }\n    - { path: name }\n    - { path: name, matches: "re:(" }\n');
    const ds = diagnostics(() => loadRules([ruleDir({ 'owner-tag.yaml': text })], { builtin: false }));
    expect(ds.map((x) => [x.code, x.path, x.line])).toEqual([
      ['condition-subjects', '/check/all/0/env', 12],
      ['condition-operator', '/check/all/1', 13],
      ['pattern', '/check/all/2/matches', 14],
    ]);
  });

  it('validates analysis names and options', () => {
    const base = GOOD.replace(/check:[\s\S]*$/, '');
    const unknown = `${base}analysis:\n  name: attribution-missin\n`;
    const badOpts = `${base}analysis:\n  name: attribution-missing\n  options:\n    ignoreType: [x]\n`;
    const ds = diagnostics(() => loadRules([ruleDir({ 'owner-tag.yaml': unknown, 'x.yaml': badOpts.replace('id: owner-tag', 'id: x') })], { builtin: false }));
    expect(ds.map((x) => [path.basename(x.file), x.code, x.path])).toEqual([
      ['owner-tag.yaml', 'unknown-analysis', '/analysis/name'],
      ['x.yaml', 'unknown-key', '/analysis/options/ignoreType'],
    ]);
  });

  it('reports a missing directory and YAML syntax errors as input errors', () => {
    const d = ruleDir({});
    mkdirSync(path.join(d, 'sub'));
    expect(diagnostics(() => loadRules([path.join(d, 'nope')], { builtin: false })).map((x) => x.code)).toEqual(['rules-dir']);
    const s = ruleDir({ 'owner-tag.yaml': 'id: [unclosed\n' });
    expect(diagnostics(() => loadRules([s], { builtin: false })).map((x) => x.code)).toEqual(['syntax']);
  });

  it('accepts an empty directory', () => {
    expect(loadRules([ruleDir({})], { builtin: false })).toEqual([]);
  });
});
