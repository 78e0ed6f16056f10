// Spill mode finishes each account as it is done (finish.ts with an account id) and takes
// its records out of the session (Session.takeAccount). One account's finish must touch
// only its records, and finishing every account in turn must give what one finish over
// all of them gives: the same tags:TYPE marks, the same key joins and links.
import { describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { finishResources, markUntaggedTypes } from '../../src/collect/finish.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import type { Principal } from '../../src/model/snapshot.js';
import { fakeCredentials } from './spec-fixture.js';

const A = '111111111111';
const B = '222222222222';
const R = 'eu-west-1';

function session(): Session {
  return new Session(new ClientPool({ maxAttempts: 1, credentials: fakeCredentials, count: () => undefined }), new Pacer(1));
}
const tagFailure = (accountId: string) => ({ accountId, region: R, service: 'tagging', operation: 'GetResources', code: 'AccessDeniedException', message: 'denied', affects: ['tags'] });
const role = (accountId: string): Principal => ({
  arn: `arn:aws:iam::${accountId}:role/web`,
  accountId,
  kind: 'role',
  name: 'web',
  path: '/',
  tags: {},
  groups: [],
  attachedPolicies: [],
  inlinePolicies: [],
  instanceProfiles: [`arn:aws:iam::${accountId}:instance-profile/web`],
});

/** Two accounts, each with a failed Tagging call, a topic (tags only from Tagging), a queue naming a key by alias, an instance running as its role. */
function estate(): Session {
  const s = session();
  for (const acc of [A, B]) {
    s.upsert({ arn: `arn:aws:sns:${R}:${acc}:topic`, accountId: acc, region: R, type: 'AWS::SNS::Topic', id: 'topic' });
    s.upsert({ arn: `arn:aws:kms:${R}:${acc}:key/k1`, accountId: acc, region: R, type: 'AWS::KMS::Key', id: 'k1', tags: {}, config: { keyManager: 'CUSTOMER', aliases: ['alias/data'] } });
    s.kmsAliases.set(`arn:aws:kms:${R}:${acc}:alias/data`, `arn:aws:kms:${R}:${acc}:key/k1`);
    s.upsert({ arn: `arn:aws:sqs:${R}:${acc}:orders`, accountId: acc, region: R, type: 'AWS::SQS::Queue', id: 'orders', tags: {}, relations: [{ kind: 'kms-key', target: `arn:aws:kms:${R}:${acc}:alias/data` }] });
    s.upsert({
      arn: `arn:aws:ec2:${R}:${acc}:instance/i-1`,
      accountId: acc,
      region: R,
      type: 'AWS::EC2::Instance',
      id: 'i-1',
      tags: {},
      config: { iamInstanceProfileArn: `arn:aws:iam::${acc}:instance-profile/web` },
    });
    s.principals.set(role(acc).arn, role(acc));
    s.recordError(tagFailure(acc));
  }
  return s;
}

describe('finishing one account', () => {
  it("marks only that account's failed Tagging call, from only its resources", () => {
    const s = estate();
    // Not a failed Tagging call: left as it is.
    s.recordError({ accountId: A, region: R, service: 'sns', operation: 'ListTagsForResource', code: 'AccessDenied', message: 'denied', affects: ['tags'] });
    markUntaggedTypes(s, A);
    expect(s.errors.map((e) => `${e.accountId} ${e.service} ${e.affects.join(',')}`)).toEqual([`${A} tagging tags,tags:AWS::SNS::Topic`, `${B} tagging tags`, `${A} sns tags`]);
  });

  it("joins its aliases to its keys and links its instance to its role, leaving the other account's records alone", () => {
    const s = estate();
    finishResources(s, A);
    expect(s.resources.get(`arn:aws:sqs:${R}:${A}:orders`)!.relations).toEqual([{ kind: 'kms-key', target: `arn:aws:kms:${R}:${A}:key/k1` }]);
    expect(s.resources.get(`arn:aws:ec2:${R}:${A}:instance/i-1`)!.relations).toEqual([{ kind: 'instance-profile-role', target: `arn:aws:iam::${A}:role/web` }]);
    expect(s.resources.get(`arn:aws:sqs:${R}:${B}:orders`)!.relations).toEqual([{ kind: 'kms-key', target: `arn:aws:kms:${R}:${B}:alias/data` }]);
    expect(s.resources.get(`arn:aws:ec2:${R}:${B}:instance/i-1`)!.relations).toEqual([]);
  });

  it("leaves the other account's records alone even where they name this account's aliases, profiles and keys", () => {
    const s = estate();
    const alias = `arn:aws:kms:${R}:${A}:alias/data`;
    s.upsert({ arn: `arn:aws:sqs:${R}:${B}:shared`, accountId: B, region: R, type: 'AWS::SQS::Queue', id: 'shared', tags: {}, relations: [{ kind: 'kms-key', target: alias }] });
    s.upsert({ arn: `arn:aws:ec2:${R}:${B}:instance/i-2`, accountId: B, region: R, type: 'AWS::EC2::Instance', id: 'i-2', tags: {}, config: { iamInstanceProfileArn: `arn:aws:iam::${A}:instance-profile/web` } });
    finishResources(s, A);
    expect(s.resources.get(`arn:aws:sqs:${R}:${B}:shared`)!.relations).toEqual([{ kind: 'kms-key', target: alias }]);
    expect(s.resources.get(`arn:aws:ec2:${R}:${B}:instance/i-2`)!.relations).toEqual([]);
  });

  it("links over only this account's facts: another account's role or key is left to the merge", () => {
    const s = estate();
    const keyOfB = `arn:aws:kms:${R}:${B}:key/k1`;
    s.upsert({ arn: `arn:aws:sqs:${R}:${A}:cross`, accountId: A, region: R, type: 'AWS::SQS::Queue', id: 'cross', tags: {}, config: { encryption: { enabled: true, kmsKeyArn: keyOfB } } });
    s.upsert({ arn: `arn:aws:ec2:${R}:${A}:instance/i-2`, accountId: A, region: R, type: 'AWS::EC2::Instance', id: 'i-2', tags: {}, config: { iamInstanceProfileArn: `arn:aws:iam::${B}:instance-profile/web` } });
    finishResources(s, A);
    expect(s.resources.get(`arn:aws:sqs:${R}:${A}:cross`)!.config.encryption).toEqual({ enabled: true, kmsKeyArn: keyOfB });
    expect(s.resources.get(`arn:aws:ec2:${R}:${A}:instance/i-2`)!.relations).toEqual([]);
  });

  it("joins an alias to a key not listed, unless the alias is AWS managed; sorts every resource's relations", () => {
    const s = estate();
    const awsAlias = `arn:aws:kms:${R}:${A}:alias/aws/sqs`;
    const ownAlias = `arn:aws:kms:${R}:${A}:alias/unlisted`;
    s.kmsAliases.set(awsAlias, `arn:aws:kms:${R}:${A}:key/aws1`);
    s.kmsAliases.set(ownAlias, `arn:aws:kms:${R}:${A}:key/k9`);
    const relations = [
      { kind: 'kms-key' as const, target: ownAlias },
      { kind: 'kms-key' as const, target: awsAlias },
      { kind: 'notifies' as const, target: `arn:aws:sns:${R}:${A}:topic` },
    ];
    s.upsert({ arn: `arn:aws:sqs:${R}:${A}:two-keys`, accountId: A, region: R, type: 'AWS::SQS::Queue', id: 'two-keys', tags: {}, relations });
    finishResources(s, A);
    expect(s.resources.get(`arn:aws:sqs:${R}:${A}:two-keys`)!.relations).toEqual([
      { kind: 'kms-key', target: awsAlias },
      { kind: 'kms-key', target: `arn:aws:kms:${R}:${A}:key/k9` },
      { kind: 'notifies', target: `arn:aws:sns:${R}:${A}:topic` },
    ]);
  });

  it('leaves an alias no key was listed for, and a policy granting on an alias, as they are', () => {
    const s = estate();
    const gone = `arn:aws:kms:${R}:${A}:alias/gone`;
    const data = `arn:aws:kms:${R}:${A}:alias/data`;
    s.upsert({ arn: `arn:aws:sqs:${R}:${A}:orphan`, accountId: A, region: R, type: 'AWS::SQS::Queue', id: 'orphan', tags: {}, relations: [{ kind: 'kms-key', target: gone }] });
    s.upsert({ arn: `arn:aws:iam::${A}:policy/use-data`, accountId: A, region: 'global', type: 'AWS::IAM::ManagedPolicy', id: 'use-data', tags: {}, relations: [{ kind: 'grants', target: data }] });
    finishResources(s, A);
    expect(s.resources.get(`arn:aws:sqs:${R}:${A}:orphan`)!.relations).toEqual([{ kind: 'kms-key', target: gone }]);
    expect(s.resources.get(`arn:aws:iam::${A}:policy/use-data`)!.relations).toEqual([{ kind: 'grants', target: data }]);
  });

  it('leaves an alias of another account as it is (the merge cannot see aliases)', () => {
    const s = estate();
    s.upsert({ arn: `arn:aws:sqs:${R}:${A}:shared`, accountId: A, region: R, type: 'AWS::SQS::Queue', id: 'shared', tags: {}, relations: [{ kind: 'kms-key', target: `arn:aws:kms:${R}:${B}:alias/data` }] });
    finishResources(s, A);
    expect(s.resources.get(`arn:aws:sqs:${R}:${A}:shared`)!.relations).toEqual([{ kind: 'kms-key', target: `arn:aws:kms:${R}:${B}:alias/data` }]);
  });

  it('each account in turn gives what one finish of all gives', () => {
    const whole = estate();
    finishResources(whole);
    markUntaggedTypes(whole);
    const turns = estate();
    for (const acc of [A, B]) {
      finishResources(turns, acc);
      markUntaggedTypes(turns, acc);
    }
    expect([...turns.resources.values()]).toEqual([...whole.resources.values()]);
    expect(turns.errors).toEqual(whole.errors);
  });
});

describe('Session.takeAccount', () => {
  it("removes and returns the account's resources, principals, customer managed policies and aliases; AWS managed policies stay", () => {
    const s = estate();
    const doc = { Version: '2012-10-17', Statement: [] };
    s.policies.set('arn:aws:iam::aws:policy/ReadOnlyAccess', { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'ReadOnlyAccess', accountId: 'aws', awsManaged: true, document: doc });
    s.policies.set(`arn:aws:iam::${A}:policy/data`, { arn: `arn:aws:iam::${A}:policy/data`, name: 'data', accountId: A, awsManaged: false, document: doc });
    s.upsert({ arn: `arn:aws:sns:${R}:${A}:tagged`, accountId: A, region: R, type: 'AWS::SNS::Topic', id: 'tagged', tags: { env: 'a' } }, true);
    const taken = s.takeAccount(A);
    expect(taken.resources.map((r) => r.arn).sort()).toEqual(
      [`arn:aws:ec2:${R}:${A}:instance/i-1`, `arn:aws:kms:${R}:${A}:key/k1`, `arn:aws:sns:${R}:${A}:tagged`, `arn:aws:sns:${R}:${A}:topic`, `arn:aws:sqs:${R}:${A}:orders`].sort(),
    );
    expect(taken.principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${A}:role/web`]);
    expect(taken.policies.map((p) => p.arn)).toEqual([`arn:aws:iam::${A}:policy/data`]);
    expect([...s.resources.values()].map((r) => r.accountId)).toEqual([B, B, B, B]);
    expect([...s.principals.keys()]).toEqual([`arn:aws:iam::${B}:role/web`]);
    expect([...s.policies.keys()]).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect([...s.kmsAliases.keys()]).toEqual([`arn:aws:kms:${R}:${B}:alias/data`]);
    // What a source read of its tags goes with it.
    expect(s.tagsKnown(`arn:aws:sns:${R}:${A}:tagged`)).toBe(false);
    expect(s.tagsKnown(`arn:aws:sqs:${R}:${B}:orders`)).toBe(true);
  });
});
