// A resource whose tags could not be read (the Tagging API failed in its account and
// region; the collector names its type `tags:TYPE`) is neither "untagged" nor
// "unattributed": every rule that judges it says not-evaluated with the error, including
// rules scoped to an environment it may belong to; resources elsewhere are judged as usual.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import { loadRules } from '../../src/rules/load.js';
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
});
