// A resource whose tags could not be read (the Tagging API failed in its account and
// region; the collector names its type `tags:TYPE`) is neither "untagged" nor
// "unattributed": every rule that judges it says not-evaluated with the error, including
// rules scoped to an environment it may belong to; resources elsewhere are judged as usual.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import type { Rule } from '../../src/engine/rule.js';
import { loadRules, parseRule } from '../../src/rules/load.js';
import { baseSpec, envSpec, loaded, NOW, PROD_ACCOUNT, res, snapshot, STAGING_ACCOUNT } from './helpers.js';

const taggingDenied: CollectionError = {
  accountId: PROD_ACCOUNT,
  region: 'us-east-1',
  service: 'tagging',
  operation: 'GetResources',
  code: 'AccessDeniedException',
  message: 'denied',
  affects: ['tags', 'tags:AWS::SQS::Queue'],
};

function spec() {
  const s = baseSpec({ tagging: { required: ['Owner'] } });
  const enc = { atRest: ['AWS::SQS::Queue'], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false } };
  s.environments.production = envSpec({ aliases: ['prod'], accounts: [{ id: PROD_ACCOUNT }], encryption: enc });
  s.environments.staging = envSpec({ aliases: ['stg'], accounts: [{ id: STAGING_ACCOUNT }], encryption: enc });
  return loaded(s);
}

const RULES = ['required-tags', 'attribution-missing', 'attribution-conflict', 'encryption-at-rest'];

function run(errors: CollectionError[]) {
  // An unencrypted queue with no tags read in production's account; a tagged, encrypted
  // queue in staging's; and a production volume whose tags the EC2 describe gave.
  const blind = res('AWS::SQS::Queue', 'orders', { config: { encryption: { enabled: false } } });
  const staged = res('AWS::SQS::Queue', 'orders', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging', Owner: 'a' }, config: { encryption: { enabled: true } } });
  const volume = res('AWS::EC2::Volume', 'data', { tags: { Environment: 'production', Owner: 'a' }, config: { encryption: { enabled: true } } });
  const ev = evaluate({ spec: spec(), snapshot: snapshot([blind, staged, volume], { errors }), rules: loadRules().filter((r) => RULES.includes(r.meta.id)), now: NOW });
  const of = (arn: string) => Object.fromEntries(ev.results.filter((r) => r.resource.arn === arn).map((r) => [r.ruleId, r]));
  return { blind: of(blind.arn), staged: of(staged.arn), volume: of(volume.arn) };
}

describe('resources whose tags could not be read', () => {
  it('without the error, the untagged queue fails as untagged and unattributed (and the production rule skips it)', () => {
    const { blind } = run([]);
    expect(blind['required-tags']?.status).toBe('fail');
    expect(blind['attribution-missing']?.status).toBe('fail');
    expect(blind['encryption-at-rest']).toBeUndefined();
  });

  it('are not-evaluated by every rule that could judge them, with the Tagging error as reason', () => {
    const { blind } = run([taggingDenied]);
    expect(Object.keys(blind).sort()).toEqual(['attribution-conflict', 'attribution-missing', 'encryption-at-rest', 'required-tags']);
    for (const r of Object.values(blind)) {
      expect(r.status, r.ruleId).toBe('not-evaluated');
      expect(r.reason, r.ruleId).toBe(
        `tags of AWS::SQS::Queue in ${PROD_ACCOUNT}/us-east-1 could not be read, so its tags and environment are unknown: ` +
          `collection error tagging:GetResources AccessDeniedException in ${PROD_ACCOUNT}/us-east-1: denied`,
      );
      expect(r.evidence).toEqual({});
    }
  });

  it('one resource whose own tag-reading call failed is not-evaluated alone, naming it', () => {
    // The describe that is the queue's only tag source failed for that queue (the generic
    // collector adds tags:TYPE to the call's error); a second queue of the type is judged.
    const blind = res('AWS::SQS::Queue', 'orders', { config: { encryption: { enabled: false } } });
    const other = res('AWS::SQS::Queue', 'billing', { tags: { Environment: 'production', Owner: 'a' }, config: { encryption: { enabled: true } } });
    const describeFailed: CollectionError = {
      accountId: PROD_ACCOUNT,
      region: 'us-east-1',
      service: 'sqs',
      operation: 'GetQueueAttributes',
      code: 'ThrottlingException',
      message: 'slow down',
      affects: ['AWS::SQS::Queue', 'tags:AWS::SQS::Queue'],
      resourceArn: blind.arn,
    };
    const ev = evaluate({ spec: spec(), snapshot: snapshot([blind, other], { errors: [describeFailed] }), rules: loadRules().filter((r) => RULES.includes(r.meta.id)), now: NOW });
    const of = (arn: string) => Object.fromEntries(ev.results.filter((r) => r.resource.arn === arn).map((r) => [r.ruleId, `${r.status}: ${r.reason ?? ''}`]));
    const reason =
      `tags of 'orders' could not be read, so its tags and environment are unknown: ` +
      `collection error sqs:GetQueueAttributes ThrottlingException in ${PROD_ACCOUNT}/us-east-1 for ${blind.arn}: slow down`;
    expect(of(blind.arn)['required-tags']).toBe(`not-evaluated: ${reason}`);
    expect(of(blind.arn)['attribution-missing']).toBe(`not-evaluated: ${reason}`);
    expect(of(other.arn)['required-tags']).toBe('pass: ');
    expect(of(other.arn)['encryption-at-rest']).toBe('pass: ');
  });

  it('keep the fingerprint a clean scan gives, so a baseline or diff sees the same check', () => {
    const clean = run([]).blind;
    const faulty = run([taggingDenied]).blind;
    expect(faulty['required-tags']!.fingerprint).toBe(clean['required-tags']!.fingerprint);
    expect(faulty['attribution-missing']!.fingerprint).toBe(clean['attribution-missing']!.fingerprint);
  });

  it('leave resources elsewhere, and types whose tags a describe read, judged as usual', () => {
    const { staged, volume } = run([taggingDenied]);
    expect(Object.values(staged).map((r) => [r.ruleId, r.status]).sort()).toEqual([
      ['attribution-conflict', 'pass'],
      ['attribution-missing', 'pass'],
      ['encryption-at-rest', 'pass'],
      ['required-tags', 'pass'],
    ]);
    expect(volume['required-tags']?.status).toBe('pass');
    expect(volume['attribution-missing']?.status).toBe('pass');
  });

  // Summary mode counts passes as they are judged; a judgement that read unknown tags must
  // end as the not-evaluated result alone (as in 'all' mode), never also as a counted pass.
  it('are never counted as passes in --passes summary, where the same results are not-evaluated', () => {
    const text = ['id: queue-encrypted', 'title: Queues are encrypted', 'category: encryption', 'severity: low', "resourceTypes: ['AWS::SQS::Queue']", 'description: d', 'remediation: r', 'requirement: /environments', 'docs: https://example.com', 'check: { path: config.encryption.enabled, equals: true }', ''].join('\n');
    const custom = parseRule(text, 'queue-encrypted.yaml', 'test');
    if (!('rule' in custom)) throw new Error(JSON.stringify(custom.diagnostics));
    const rules: Rule[] = [...loadRules().filter((r) => ['required-tags', 'attribution-missing', 'isolation-shared-resources'].includes(r.meta.id)), custom.rule];
    // This time the queue whose tags are unknown is encrypted: the custom rule, which needs no environment, would pass it.
    const blind = res('AWS::SQS::Queue', 'orders', { config: { encryption: { enabled: true } } });
    const staged = res('AWS::SQS::Queue', 'orders', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging', Owner: 'a' }, config: { encryption: { enabled: true } } });
    const volume = res('AWS::EC2::Volume', 'data', { tags: { Environment: 'production', Owner: 'a' }, config: { encryption: { enabled: true } } });
    const input = { spec: spec(), snapshot: snapshot([blind, staged, volume], { errors: [taggingDenied] }), rules, now: NOW };
    const summary = evaluate({ ...input, passes: 'summary' });
    const notEvaluated = [
      ['attribution-missing', 'orders', PROD_ACCOUNT],
      ['isolation-shared-resources', 'data', PROD_ACCOUNT],
      ['queue-encrypted', 'orders', PROD_ACCOUNT],
      ['required-tags', 'orders', PROD_ACCOUNT],
    ];
    expect(summary.results.map((r) => [r.ruleId, r.resource.name, r.resource.accountId, r.status]).sort()).toEqual(notEvaluated.map((r) => [...r, 'not-evaluated']));
    // The volume is judged in the blind account: isolation reads environments across it, so it is not a pass either.
    expect(summary.passCounts!.map((c) => `${c.ruleId} ${c.environment} ${c.passes}`).sort()).toEqual([
      'attribution-missing production 1',
      'attribution-missing staging 1',
      'isolation-shared-resources staging 1',
      'queue-encrypted staging 1',
      'required-tags production 1',
      'required-tags staging 1',
    ]);
    // 'all' mode lists the same passes and the same not-evaluated results.
    const all = evaluate(input);
    expect(all.results.filter((r) => r.status !== 'pass')).toEqual(summary.results);
    expect(all.results.filter((r) => r.status === 'pass')).toHaveLength(6);
  });
});
