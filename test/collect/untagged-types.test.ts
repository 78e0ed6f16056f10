// When Tagging GetResources fails in an account and region, its collection error names
// the types there whose tags no other source read (`tags:TYPE`): the engine's cue that
// their empty tags are unknown, not absent. Types whose describe carried tags are not named.
import { describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { markUntaggedTypes } from '../../src/collect/finish.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { fakeCredentials } from './spec-fixture.js';

const ACC = '123456789012';
function session(): Session {
  return new Session(new ClientPool({ maxAttempts: 1, credentials: fakeCredentials, count: () => undefined }), new Pacer(1));
}
const part = (type: string, name: string, region = 'eu-west-1') => ({ arn: `arn:aws:x:${region}:${ACC}:${name}`, accountId: ACC, region, type, id: name });
const failure = (region: string) => ({ accountId: ACC, region, service: 'tagging', operation: 'GetResources', code: 'AccessDeniedException', message: 'denied', affects: ['tags'] });

describe('markUntaggedTypes', () => {
  it('names the types left without tags on the failed call of their account and region', () => {
    const s = session();
    s.upsert(part('AWS::SNS::Topic', 'topic')); // tags only from Tagging
    s.upsert(part('AWS::S3::Bucket', 'bucket'));
    s.upsert({ ...part('AWS::EC2::Volume', 'vol'), tags: {} }); // the describe read its (no) tags
    s.upsert(part('AWS::SQS::Queue', 'queue', 'us-east-1')); // another region, whose Tagging call worked
    s.upsert({ ...part('AWS::SQS::Queue', 'tagged'), tags: { Owner: 'a' } }, true); // Tagging listed it (an earlier page)
    s.recordError(failure('eu-west-1'));
    markUntaggedTypes(s);
    expect(s.errors.map((e) => e.affects)).toEqual([['tags', 'tags:AWS::S3::Bucket', 'tags:AWS::SNS::Topic']]);
  });

  it('leaves errors alone when nothing lacks tags, or nothing failed', () => {
    const s = session();
    s.upsert({ ...part('AWS::EC2::Volume', 'vol'), tags: { Environment: 'production' } });
    s.recordError(failure('eu-west-1'));
    markUntaggedTypes(s);
    expect(s.errors[0]!.affects).toEqual(['tags']);
  });
});
