// The exact diagnostics of the config-path and resource-type checks (paths-check.ts), in
// every place a path can be written. Property lists are the collected configs' own.
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
const FILE = 'my/user-rule.yaml';
function problems(types: string, body: string): Diagnostic[] {
  const parsed = parseRule(rule(types, body), FILE, 'my');
  return 'diagnostics' in parsed ? parsed.diagnostics : [];
}
const S3_KNOWN = 'a property envgate collects (README: Collected configuration): encryption, versioning, logging, publicAccessBlock, lifecycle, policy, tlsOnly, intelligentTiering';
const LISTENER = 'one of port, protocol, sslPolicy, redirectsToHttps';
const unknown = (line: number, column: number, path: string, message: string, expected = S3_KNOWN) => ({ file: FILE, line, column, path, code: 'unknown-config-path', message, expected });

describe('resource types', () => {
  it('names each uncollected type with its did-you-mean; * and envgate:: types are fine', () => {
    const expected = 'a type envgate collects (README: Collected configuration, Tagging API types)';
    expect(problems('[AWS::S3::Buckets, AWS::Foo::Bar, "*", envgate::environment]', 'check: { path: tags.Owner, exists: true }\n')).toEqual([
      { file: FILE, line: 5, column: 17, path: '/resourceTypes/0', code: 'uncollected-type', message: 'envgate does not collect AWS::S3::Buckets: the rule would never run; did you mean "AWS::S3::Bucket"?', expected },
      { file: FILE, line: 5, column: 35, path: '/resourceTypes/1', code: 'uncollected-type', message: 'envgate does not collect AWS::Foo::Bar: the rule would never run', expected },
    ]);
  });
});

describe('config paths of types without collected configuration', () => {
  const uncollected = (column: number, path: string) => ({
    file: FILE,
    line: 10,
    column,
    path,
    code: 'uncollected-config',
    message: 'envgate collects no configuration for AWS::ECS::TaskDefinition (only tags and names, through the Tagging API): this path would never be evaluated',
    expected: 'a type with collected configuration (README: Collected configuration)',
  });

  it('flags config and config.* paths under all and not, and nothing else', () => {
    expect(problems('[AWS::ECS::TaskDefinition]', 'check: { all: [{ not: { path: config, exists: true } }, { path: config.x.y, exists: true }, { path: configx, exists: true }] }\n')).toEqual([
      uncollected(31, '/check/all/0/not/path'),
      uncollected(65, '/check/all/1/path'),
    ]);
  });

  it('passes over comparisons that read no path', () => {
    expect(problems('[AWS::ECS::TaskDefinition]', 'check: { any: [{ env: encryption.atRest, exists: true }, { relations: vpc, exists: true }] }\n')).toEqual([]);
  });

  it('leaves a rule that also covers envgate:: types alone', () => {
    expect(problems('[AWS::ECS::TaskDefinition, envgate::environment]', 'check: { path: config.x, exists: true }\n')).toEqual([]);
  });
});

describe('config paths of collected types', () => {
  it('names up to three types, and counts more', () => {
    expect(problems('[AWS::S3::Bucket, AWS::SQS::Queue, AWS::SNS::Topic]', 'check: { path: config.nope, exists: true }\n')).toEqual([
      unknown(10, 16, '/check/path', 'config.nope: the collected config of AWS::S3::Bucket, AWS::SQS::Queue, AWS::SNS::Topic has no "config.nope"'),
    ]);
    expect(problems('[AWS::S3::Bucket, AWS::SQS::Queue, AWS::SNS::Topic, AWS::Logs::LogGroup]', 'check: { path: config.nope, exists: true }\n')).toEqual([
      unknown(10, 16, '/check/path', 'config.nope: the collected config of 4 types has no "config.nope"'),
    ]);
  });

  it('lists the known properties only when there are some and at most 12', () => {
    expect(problems('[AWS::RDS::DBInstance]', 'check: { path: config.zz, exists: true }\n')).toEqual([
      unknown(10, 16, '/check/path', 'config.zz: the collected config of AWS::RDS::DBInstance has no "config.zz"', 'a property envgate collects (README: Collected configuration)'),
    ]);
    expect(problems('[AWS::EKS::Cluster]', 'check: { path: config.zz, exists: true }\n')[0]!.expected).toBe(
      'a property envgate collects (README: Collected configuration): version, status, endpointPublicAccess, endpointPrivateAccess, publicAccessCidrs, vpcId, subnetIds, securityGroupIds, controlPlaneLogTypes, secretsEncryption, secretsKmsKeyArn',
    );
    expect(problems('[AWS::S3::Bucket]', 'check: { path: config.tlsOnly.x, exists: true }\n')).toEqual([
      unknown(10, 16, '/check/path', 'config.tlsOnly.x: the collected config of AWS::S3::Bucket has no "config.tlsOnly.x"', 'a property envgate collects (README: Collected configuration)'),
    ]);
  });

  it('checks under all and not; takes config itself and "." as they are', () => {
    expect(problems('[AWS::S3::Bucket]', 'check: { all: [{ not: { path: config.nope, exists: true } }, { path: config, exists: true }, { path: ".", exists: true }] }\n')).toEqual([
      unknown(10, 31, '/check/all/0/not/path', 'config.nope: the collected config of AWS::S3::Bucket has no "config.nope"'),
    ]);
  });

  it('checks an operand that reads another path', () => {
    expect(problems('[AWS::S3::Bucket]', 'check: { path: config.versioning, equals: { path: config.versionin } }\n')).toEqual([
      unknown(10, 51, '/check/equals/path', 'config.versionin: the collected config of AWS::S3::Bucket has no "config.versionin"; did you mean "versioning"?'),
    ]);
  });
});

describe('paths inside every, some and none', () => {
  it('checks element paths, under all and not and in operands, against the list\'s element', () => {
    expect(problems('[AWS::ElasticLoadBalancingV2::LoadBalancer]', 'check: { path: config.listeners, every: { all: [{ path: prtocol, exists: true }, { not: { path: port, equals: { path: sslPolcy } } }] } }\n')).toEqual([
      unknown(10, 57, '/check/every/all/0/path', 'prtocol: an element of config.listeners has no "prtocol"; did you mean "protocol"?', LISTENER),
      unknown(10, 119, '/check/every/all/1/not/equals/path', 'sslPolcy: an element of config.listeners has no "sslPolcy"; did you mean "sslPolicy"?', LISTENER),
    ]);
    expect(problems('[AWS::ElasticLoadBalancingV2::LoadBalancer]', 'check: { path: config.listeners, some: { path: nope, exists: true } }\n')).toEqual([
      unknown(10, 48, '/check/some/path', 'nope: an element of config.listeners has no "nope"', LISTENER),
    ]);
  });

  it('does not check inside a quantifier over relations or over a value that is not a list', () => {
    expect(problems('[AWS::ElasticLoadBalancingV2::LoadBalancer]', 'check: { relations: vpc, every: { path: nope, exists: true } }\n')).toEqual([]);
    expect(problems('[AWS::S3::Bucket]', 'check: { path: config.versioning, every: { path: nope, exists: true } }\n')).toEqual([]);
  });
});
