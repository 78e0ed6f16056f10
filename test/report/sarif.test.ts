import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../src/model/result.js';
import { checkGithubSarif } from '../../src/report/sarif-github-checks.js';
import { renderSarif } from '../../src/report/sarif.js';
import { cleanContext, result, RULES, sampleContext, sampleEvaluation, SHARED_SARIF_SCHEMA, validateSarif, VENDORED_SARIF_SCHEMA } from './helpers.js';

type Log = {
  runs: {
    automationDetails: { id: string };
    tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { descriptor: { id: string }; associatedRule?: { id: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } }; logicalLocations: { fullyQualifiedName: string; kind: string }[] }[];
      partialFingerprints: { primaryLocationLineHash: string };
    }[];
  }[];
};

const parse = (t: string) => JSON.parse(t) as Log;

describe('SARIF renderer', () => {
  it('vendors the official schema unchanged', () => {
    // A missing shared copy fails the comparison: it must never pass without comparing.
    if (SHARED_SARIF_SCHEMA === undefined) throw new Error('shared/schemas/sarif-schema-2.1.0.json not found beside the repository or any folder above it');
    expect(readFileSync(VENDORED_SARIF_SCHEMA, 'utf8')).toBe(readFileSync(SHARED_SARIF_SCHEMA, 'utf8'));
  });

  it('is valid against the official schema and GitHub constraints', () => {
    validateSarif(renderSarif(sampleEvaluation(), sampleContext()));
    validateSarif(renderSarif({ ...sampleEvaluation(), results: [] }, cleanContext()));
  });

  it('reports only unwaived failures, anchored at the spec line, with the ARN as logical location', () => {
    const log = parse(renderSarif(sampleEvaluation(), sampleContext()));
    const run = log.runs[0]!;
    expect(run.results.map((r) => r.ruleId)).toEqual(['isolation-shared-vpc', 'encryption-at-rest', 'encryption-at-rest', 'tagging-required']);
    const first = run.results[0]!;
    expect(first.level).toBe('error');
    expect(first.locations).toHaveLength(1);
    expect(first.locations[0]!.physicalLocation.artifactLocation.uri).toBe('fixtures/demo/envgate.yaml');
    expect(first.locations[0]!.physicalLocation.region).toEqual({ startLine: 20, startColumn: 7 });
    expect(first.locations[0]!.logicalLocations[0]).toMatchObject({ fullyQualifiedName: 'arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0abc', kind: 'resource' });
    expect(first.message.text).toContain('arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0abc');
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it('uses a percent-encoded synthetic path when a result has no spec location', () => {
    const log = parse(renderSarif(sampleEvaluation(), sampleContext()));
    const orphan = log.runs[0]!.results.find((r) => r.message.text.includes('orphan'))!;
    expect(orphan.locations[0]!.physicalLocation.artifactLocation.uri).toBe('aws/global/global/s3/Bucket/orphan%20bucket');
    expect(orphan.locations[0]!.physicalLocation.region.startLine).toBe(1);
  });

  it('never emits an absolute or scheme uri, whatever the spec path looks like', () => {
    for (const file of ['/abs/envgate.yaml', 'C:/x/envgate.yaml', 'file:///x.yaml', './dir with space/env:gate.yaml']) {
      const ev = sampleEvaluation();
      ev.results = ev.results.map((r) => (r.specLocation ? { ...r, specLocation: { ...r.specLocation, file } } : r));
      const text = renderSarif(ev, sampleContext());
      validateSarif(text);
      const uris = parse(text).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
      if (file.startsWith('./')) expect(uris[0]).toBe('dir%20with%20space/env%3Agate.yaml');
      else expect(uris[0]).toBe('fixtures/demo/envgate.yaml');
    }
  });

  it('sends not-evaluated checks and collection errors to notifications and marks the run unsuccessful', () => {
    const inv = parse(renderSarif(sampleEvaluation(), sampleContext())).runs[0]!.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    const ids = inv.toolExecutionNotifications!.map((n) => n.descriptor.id);
    expect(ids).toEqual(['collection-error', 'not-evaluated']);
    expect(inv.toolExecutionNotifications![1]!.associatedRule!.id).toBe('retention-log-groups');
    const complete: Evaluation = { ...sampleEvaluation(), results: sampleEvaluation().results.filter((r) => r.status !== 'not-evaluated') };
    expect(parse(renderSarif(complete, cleanContext())).runs[0]!.invocations[0]!.executionSuccessful).toBe(true);
  });

  it('gives rules help, help URI, tags and security-severity as numeric strings', () => {
    const rules = parse(renderSarif(sampleEvaluation(), sampleContext())).runs[0]!.tool.driver.rules;
    const vpc = rules.find((r) => r.id === 'isolation-shared-vpc')!;
    expect(vpc.properties['security-severity']).toBe('9.5');
    expect(vpc.properties.tags).toEqual(['security', 'isolation', 'ec2']);
    for (const r of rules) expect(typeof r.properties['security-severity']).toBe('string');
  });

  it('names a stable category from system and environment scope', () => {
    const all = parse(renderSarif(sampleEvaluation(), sampleContext())).runs[0]!.automationDetails.id;
    expect(all).toBe('envgate/demo/all/20250102T040000Z');
    const scoped = parse(renderSarif(sampleEvaluation(), sampleContext({ scope: { environments: ['staging', 'production'] } }))).runs[0]!;
    expect(scoped.automationDetails.id).toBe('envgate/demo/production+staging/20250102T040000Z');
  });

  it('keeps each fingerprint and location when unrelated results come and go', () => {
    const base = sampleEvaluation();
    const extra = [
      result({ ruleId: 'encryption-at-rest', arn: 'arn:aws:s3:::aaa-new-bucket', line: 31 }),
      result({ ruleId: 'isolation-shared-vpc', arn: 'arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-000', line: 20 }),
    ];
    const byArn = (ev: Evaluation) =>
      new Map(
        parse(renderSarif(ev, sampleContext())).runs[0]!.results.map((r) => [
          r.locations[0]!.logicalLocations[0]!.fullyQualifiedName,
          { fp: r.partialFingerprints.primaryLocationLineHash, loc: r.locations[0]!.physicalLocation },
        ]),
      );
    const before = byArn(base);
    const after = byArn({ ...base, results: [...extra, ...base.results.slice(1)] });
    for (const [arn, v] of before) if (after.has(arn)) expect(after.get(arn)).toEqual(v);
    expect([...before.values()].map((v) => v.fp).sort()).toEqual(
      base.results.filter((r) => r.status === 'fail' && !r.waiver).map((r) => r.fingerprint).sort(),
    );
    expect(after.size).toBe(before.size + extra.length - 1);
  });

  it('refuses a rule with more than 20 tags', () => {
    const types = Array.from({ length: 20 }, (_, i) => `AWS::Svc${i}::Thing`);
    const ev = { ...sampleEvaluation(), rules: [...RULES, { ...RULES[0]!, id: 'zz-many', resourceTypes: types }] };
    expect(() => renderSarif(ev, sampleContext())).toThrow(/tags/);
  });

  it('GitHub checks catch what the schema lets through', () => {
    const log = parse(renderSarif(sampleEvaluation(), sampleContext()));
    const bad = JSON.parse(JSON.stringify(log)) as Log;
    const r = bad.runs[0]!.results[0]!;
    r.locations[0]!.physicalLocation.artifactLocation.uri = 'arn:aws:s3:::x';
    r.locations[0]!.physicalLocation.region.startLine = 0;
    bad.runs[0]!.results[1]!.locations[0]!.physicalLocation.artifactLocation.uri = '';
    bad.runs[0]!.tool.driver.rules[0]!.properties['security-severity'] = 9.5;
    bad.runs[0]!.results[2]!.ruleId = 'no-such-rule';
    const codes = checkGithubSarif(bad).map((p) => p.code).sort();
    expect(codes).toEqual(['rule-index', 'rule-unknown', 'security-severity-type', 'start-line', 'uri-missing', 'uri-not-relative']);
  });
});
