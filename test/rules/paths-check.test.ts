// A rule's config.* paths are checked against the collected config of its types when
// rules load: a mistyped property is a located error with a did-you-mean, not "not
// collected" at scan time.
import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/rules/load.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';

const rule = (types: string, body: string) => `id: user-rule
title: A user rule
category: encryption
severity: low
resourceTypes: ${types}
description: d
remediation: r
requirement: /environments/*/encryption/atRest
docs: https://example.com/user-rule
${body}`;

function problems(text: string): Diagnostic[] {
  const parsed = parseRule(text, 'my-rules/user-rule.yaml', 'my-rules');
  return 'diagnostics' in parsed ? parsed.diagnostics : [];
}

describe('rule config paths', () => {
  it('rejects a mistyped property at its line, suggesting the collected one', () => {
    const d = problems(rule('[AWS::S3::Bucket]', 'check:\n  path: config.encrpytion.atRest\n  equals: true\n'));
    expect(d.map((x) => [x.code, x.line, x.column, x.path])).toEqual([['unknown-config-path', 11, 9, '/check/path']]);
    expect(d[0]!.message).toBe('config.encrpytion.atRest: the collected config of AWS::S3::Bucket has no "config.encrpytion"; did you mean "encryption"?');
  });

  it('rejects a property of another type: ElastiCache has encryption.atRest, buckets do not', () => {
    expect(problems(rule('[AWS::S3::Bucket]', 'check: { path: config.encryption.atRest, equals: true }\n')).map((x) => x.message)).toEqual([
      'config.encryption.atRest: the collected config of AWS::S3::Bucket has no "config.encryption.atRest"',
    ]);
    expect(problems(rule('[AWS::ElastiCache::CacheCluster]', 'check: { path: config.encryption.atRest, equals: true }\n'))).toEqual([]);
  });

  it('accepts a path that one of several types has', () => {
    expect(problems(rule('[AWS::RDS::DBInstance, AWS::RDS::DBCluster]', 'check: { path: config.clusterId, exists: false }\n'))).toEqual([]);
  });

  it('checks paths in applicability, each.where, operand references and inside every', () => {
    const d = problems(
      rule(
        '[AWS::ElasticLoadBalancingV2::LoadBalancer]',
        `applicability: { path: config.schme, equals: internal }
each:
  env: encryption.atRest
  where: { path: config.lbtype, equals: { path: config.scheme } }
check:
  path: config.listeners
  every:
    any:
      - { path: protocol, in: [HTTPS] }
      - { path: redirectToHttps, equals: true }
      - { path: port, equals: { path: sslPolicy } }
`,
      ),
    );
    expect(d.map((x) => [x.path, x.line])).toEqual([
      ['/applicability/path', 10],
      ['/each/where/path', 13],
      ['/check/every/any/1/path', 19],
    ]);
    expect(d[1]!.message).toContain('did you mean "lbType"?');
    expect(d[2]!.message).toBe('redirectToHttps: an element of config.listeners has no "redirectToHttps"; did you mean "redirectsToHttps"?');
  });

  it('leaves paths outside config, free-keyed maps and any-typed values alone', () => {
    expect(problems(rule('[AWS::CloudWatch::Alarm]', 'check: { path: config.dimensions.LoadBalancer, exists: true }\n'))).toEqual([]);
    expect(problems(rule('[AWS::S3::Bucket]', 'check: { path: config.policy.Statement, exists: true }\n'))).toEqual([]);
    expect(problems(rule('[AWS::S3::Bucket]', 'check: { path: tags.Owner, exists: true }\n'))).toEqual([]);
    expect(problems(rule('[AWS::Lambda::Function]', 'check: { path: tags.Owner, exists: true }\n'))).toEqual([]);
  });

  it("checks rules over every type against the union of the types' configs", () => {
    expect(problems(rule("['*']", 'check: { path: config.deletionProtection, equals: true }\n'))).toEqual([]);
    expect(problems(rule("['*']", 'check: { path: config.deletionProtecton, equals: true }\n')).map((x) => x.code)).toEqual(['unknown-config-path']);
  });
});

describe('rule resource types', () => {
  it('rejects a type envgate never collects, with a did-you-mean', () => {
    const d = problems(rule('[AWS::S3::Buckets, AWS::Foo::Bar, AWS::SQS::Queue]', 'check: { path: tags.Owner, exists: true }\n'));
    expect(d.map((x) => [x.code, x.path, x.line])).toEqual([
      ['uncollected-type', '/resourceTypes/0', 5],
      ['uncollected-type', '/resourceTypes/1', 5],
    ]);
    expect(d[0]!.message).toBe('envgate does not collect AWS::S3::Buckets: the rule would never run; did you mean "AWS::S3::Bucket"?');
  });

  it('rejects a config path over types whose config envgate does not collect (Tagging API only)', () => {
    const d = problems(rule('[AWS::ECS::TaskDefinition]', 'check: { any: [{ path: config.status, exists: true }, { path: name, exists: true }] }\n'));
    expect(d.map((x) => [x.code, x.path, x.line])).toEqual([['uncollected-config', '/check/any/0/path', 10]]);
  });
});
