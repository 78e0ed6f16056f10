// Message templates in rule files: checked when rules load (unknown fields, fields that
// need `each`, templates where no finding is made), and the words a finding gets from a
// template, from the comparison that decided it, or from the English fallback.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../../src/model/diagnostics.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, snapshot } from '../engine/helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const HEAD = `id: x
title: Buckets are tidy
category: tagging
severity: low
resourceTypes: [AWS::S3::Bucket]
description: d
remediation: r
requirement: /tagging/required
docs: https://example.com/x
`;

function load(text: string, type = 'AWS::S3::Bucket') {
  const d = mkdtempSync(path.join(tmpdir(), 'envgate-msg-'));
  dirs.push(d);
  writeFileSync(path.join(d, 'x.yaml'), HEAD.replace('AWS::S3::Bucket', type) + text);
  return loadRules([d], { builtin: false });
}

function problems(text: string): [string, string, number, string][] {
  try {
    load(text);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).diagnostics.map((x: Diagnostic) => [x.code, x.path, x.line, x.message]);
  }
  throw new Error('expected an InputError');
}

function failMessages(text: string, resources = [prod('AWS::S3::Bucket', 'b', { tags: { Environment: 'production' }, config: { versioning: 'Off' } })]): string[] {
  const spec = baseSpec();
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources), rules: load(text, resources[0]!.type), now: NOW });
  return ev.results.filter((r) => r.status === 'fail').map((r) => r.message);
}

describe('rule message templates', () => {
  it('names an unknown field, an item field without each, and unbalanced braces, each at its line', () => {
    const text = `message: 'versioning {observd}'\ncheck:\n  all:\n    - path: config.versioning\n      equals: Enabled\n      message: 'days {item.days}'\n    - path: name\n      matches: 'b*'\n      message: 'name {name'\n`;
    expect(problems(text)).toEqual([
      ['message-template', '/check/all/0/message', 15, 'message template: {item.days} needs "each": the rule has no item'],
      ['message-template', '/check/all/1/message', 18, 'message template: unbalanced { or }'],
      ['message-template', '/message', 10, 'message template: unknown field {observd}'],
    ]);
  });

  it('refuses a template where no finding is made (applicability, each.where) and on an analysis rule', () => {
    expect(problems(`applicability:\n  path: name\n  matches: 'b*'\n  message: 'x'\ncheck:\n  path: config.versioning\n  equals: Enabled\n`).map((p) => [p[0], p[1]])).toEqual([['message-outside-check', '/applicability/message']]);
    expect(problems(`message: 'x'\nanalysis:\n  name: attribution-missing\n`).map((p) => [p[0], p[1]])).toEqual([['message-with-analysis', '/message']]);
  });

  it('fills the rule template with what was observed and what the spec requires', () => {
    const text = `message: 'versioning is {observed}; {environment} requires {required} ({subject}, {type} {name})'\ncheck:\n  path: config.versioning\n  in: [Enabled, Suspended]\n`;
    expect(failMessages(text)).toEqual(["AWS::S3::Bucket 'b': versioning is Off; production requires one of Enabled, Suspended (versioning, AWS::S3::Bucket b)"]);
  });

  it('a comparison template wins over the rule one, and a satisfied alternative is not the reason', () => {
    const text = `message: 'rule words'\ncheck:\n  all:\n    - any:\n        - { path: name, equals: other }\n        - { path: name, matches: 'b*' }\n    - path: config.versioning\n      equals: Enabled\n      message: 'versioning {observed}, want {expected}'\n`;
    expect(failMessages(text)).toEqual(["AWS::S3::Bucket 'b': versioning Off, want Enabled"]);
  });

  it('without a template, English from the deciding comparison; under not, the requirement is negated', () => {
    expect(failMessages(`check:\n  path: config.versioning\n  equals: Enabled\n`)).toEqual(["AWS::S3::Bucket 'b': versioning is Off; production requires Enabled"]);
    expect(failMessages(`check:\n  not: { path: config.versioning, equals: Off }\n`)).toEqual(["AWS::S3::Bucket 'b': versioning is Off; production requires not Off"]);
    expect(failMessages(`check:\n  path: tags\n  hasKeys: [Owner, Team]\n`)).toEqual(["AWS::S3::Bucket 'b': tags is {\"Environment\":\"production\"} (missing: Owner, Team); production requires the keys Owner, Team"]);
    expect(failMessages(`check:\n  path: tags\n  count: { gte: 2, lte: 5 }\n`)).toEqual(["AWS::S3::Bucket 'b': number of tags is 1; production requires at least 2 and at most 5"]);
  });

  it('every: the offending elements and their fields, and what each must be', () => {
    const lb = prod('AWS::ElasticLoadBalancingV2::LoadBalancer', 'b', { config: { listeners: [{ port: 443, protocol: 'HTTPS' }, { port: 80, protocol: 'HTTP' }, { port: 8080, protocol: 'HTTP' }] } });
    const text = `check:\n  path: config.listeners\n  every: { path: protocol, in: [HTTPS, TLS] }\n`;
    expect(failMessages(text, [lb])).toEqual([`AWS::ElasticLoadBalancingV2::LoadBalancer 'b': listeners is {"port":443,"protocol":"HTTPS"}, {"port":80,"protocol":"HTTP"}, {"port":8080,"protocol":"HTTP"} (offending: {"port":80,"protocol":"HTTP"}, {"port":8080,"protocol":"HTTP"}); production requires each one of HTTPS, TLS`]);
    expect(failMessages(`message: 'ports {offending.port} use {offending.protocol}'\n${text}`, [lb])).toEqual(["AWS::ElasticLoadBalancingV2::LoadBalancer 'b': ports 80, 8080 use HTTP, HTTP"]);
  });
});
