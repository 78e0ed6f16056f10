// Exclusions: excluded resources are no rule's subject (no fail, pass or not-evaluated),
// in both pass modes; the evaluation lists them; expired ones stop applying.
import { describe, expect, it } from 'vitest';
import { evaluate, type PassMode } from '../../src/engine/evaluate.js';
import type { Exclusion, Spec } from '../../src/model/spec.js';
import { loadRules } from '../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, res, snapshot } from './helpers.js';

const rules = loadRules([]);
const legacy = prod('AWS::S3::Bucket', 'legacy-logs');
const keep = prod('AWS::S3::Bucket', 'orders');
const untagged = res('AWS::SQS::Queue', 'old-queue'); // attribution-missing unless excluded

function run(exclude: Exclusion[], passes: PassMode = 'all', over: Partial<Spec> = {}) {
  const spec = baseSpec({ tagging: { required: ['Environment', 'Owner'] }, exclude, ...over });
  return evaluate({ spec: loaded(spec), snapshot: snapshot([legacy, keep, untagged]), rules, now: NOW, passes });
}

const arnsOf = (ev: ReturnType<typeof run>) => new Set(ev.results.map((r) => r.resource.arn));

describe('exclusions', () => {
  it('an excluded resource gives no result of any rule, and is listed with its exclusion', () => {
    const before = run([]);
    expect(arnsOf(before).has(legacy.arn)).toBe(true);
    expect(before.excluded).toBeUndefined();
    const ev = run([{ type: 'AWS::S3::Bucket', name: 'legacy-*', reason: 'retired in Q3', owner: 'platform', expires: '2025-09-30' }]);
    expect(arnsOf(ev).has(legacy.arn)).toBe(false);
    expect(arnsOf(ev).has(keep.arn)).toBe(true);
    expect(ev.excluded).toEqual([
      {
        arn: 'arn:aws:s3:us-east-1:111111111111:bucket/legacy-logs',
        accountId: '111111111111',
        region: 'us-east-1',
        type: 'AWS::S3::Bucket',
        name: 'legacy-logs',
        environment: 'production',
        exclusion: 0,
        reason: 'retired in Q3',
        owner: 'platform',
        expires: '2025-09-30',
        specLocation: { file: 'envgate.yaml', line: expect.any(Number) as number, column: 1, path: '/exclude/0' },
      },
    ]);
    expect(ev.exclusionNotices).toEqual([]);
  });

  it('analysis results go too: an excluded unattributed queue is no attribution-missing finding', () => {
    const missing = (ev: ReturnType<typeof run>) => ev.results.filter((r) => r.ruleId === 'attribution-missing' && r.status === 'fail').map((r) => r.resource.name);
    expect(missing(run([]))).toEqual(['old-queue']);
    expect(missing(run([{ arn: 'arn:aws:sqs:*:111111111111:*', reason: 'queue of the old API' }]))).toEqual([]);
  });

  it('summary mode counts no pass of an excluded resource', () => {
    const x: Exclusion[] = [{ name: 'legacy-logs', reason: 'r' }];
    const all = run(x, 'all');
    const summary = run(x, 'summary');
    const passesAll = all.results.filter((r) => r.status === 'pass').length;
    const passesSummary = (summary.passCounts ?? []).reduce((n, c) => n + c.passes, 0);
    expect(passesSummary).toBe(passesAll);
    expect(passesSummary).toBeLessThan((run([], 'summary').passCounts ?? []).reduce((n, c) => n + c.passes, 0));
    expect(summary.results.filter((r) => r.resource.arn === legacy.arn)).toEqual([]);
  });

  it('an expired exclusion no longer applies and is a warning; one matching nothing is a notice', () => {
    const ev = run([
      { name: 'legacy-*', reason: 'r', expires: '2025-01-01' }, // NOW is 2025-01-01: expired from today
      { name: 'nothing-*', reason: 'gone' },
    ]);
    expect(arnsOf(ev).has(legacy.arn)).toBe(true);
    expect(ev.excluded).toEqual([]);
    expect(ev.exclusionNotices?.map((n) => [n.level, n.code, n.exclusion])).toEqual([
      ['warn', 'exclusion-expired', 0],
      ['info', 'exclusion-unused', 1],
    ]);
    expect(ev.exclusionNotices?.[0]?.message).toMatch(/^exclusion envgate\.yaml:\d+ expired on 2025-01-01: its 1 resource\(s\) are checked again$/);
    expect(ev.exclusionNotices?.[1]?.message).toMatch(/^exclusion envgate\.yaml:\d+ matches no resource/);
  });

  it('the first active matching exclusion is the one listed; type patterns match', () => {
    const ev = run([
      { type: 'AWS::SQS::*', reason: 'first' },
      { type: 're:AWS::(S3|SQS)::.*', name: '*', reason: 'second' },
    ]);
    expect(ev.excluded?.map((x) => [x.name, x.exclusion])).toEqual([
      ['legacy-logs', 1],
      ['orders', 1],
      ['old-queue', 0],
    ]);
    expect(ev.results.filter((r) => r.resource.type === 'AWS::S3::Bucket' || r.resource.type === 'AWS::SQS::Queue')).toEqual([]);
  });

  it('every copy of an excluded ARN gives no result, also a copy whose name the exclusion does not match', () => {
    // A merged snapshot can hold one ARN twice; the ARN is listed as excluded, so no copy is judged.
    const copy = { ...legacy, name: 'orders-old' };
    const snap = snapshot([legacy]);
    snap.resources.unshift(copy);
    const spec = baseSpec({ tagging: { required: ['Owner'] }, exclude: [{ name: 'legacy-*', reason: 'r' }] });
    const ev = evaluate({ spec: loaded(spec), snapshot: snap, rules, now: NOW });
    expect(ev.excluded?.map((x) => [x.arn, x.name])).toEqual([[legacy.arn, 'legacy-logs']]);
    expect(ev.results.filter((r) => r.resource.arn === legacy.arn)).toEqual([]);
  });
});
