// Collection errors grouped by cause: one line per shared cause instead of a count.
import { describe, expect, it } from 'vitest';
import { causeKind, causeLines, groupCauses } from '../../src/cli/collection-causes.js';
import type { CollectionError } from '../../src/model/snapshot.js';

const err = (over: Partial<CollectionError>): CollectionError => ({
  accountId: '111111111111',
  region: 'us-east-1',
  service: 's3',
  operation: 'ListBuckets',
  code: 'UnknownError',
  message: 'boom',
  affects: ['AWS::S3::Bucket'],
  ...over,
});

describe('collection error causes', () => {
  it('classifies network, credential, permission, throttling and time-limit failures', () => {
    expect(causeKind(err({ message: 'connect ECONNREFUSED 127.0.0.1:1' }))).toBe('unreachable');
    expect(causeKind(err({ message: 'getaddrinfo ENOTFOUND sts.example.invalid' }))).toBe('unreachable');
    expect(causeKind(err({ code: 'ExpiredToken', message: 'The security token included in the request is expired' }))).toBe('credentials');
    expect(causeKind(err({ code: 'InvalidClientTokenId' }))).toBe('credentials');
    expect(causeKind(err({ code: 'AccessDeniedException' }))).toBe('access-denied');
    expect(causeKind(err({ code: 'UnauthorizedOperation', service: 'ec2' }))).toBe('access-denied');
    expect(causeKind(err({ code: 'ThrottlingException' }))).toBe('throttled');
    expect(causeKind(err({ code: 'TimeoutError' }))).toBe('timeout');
    expect(causeKind(err({ code: 'NoSuchThing' }))).toBe('other');
  });

  it('says an unreachable endpoint once for every call it failed, with its reach', () => {
    const errors = [
      err({ accountId: '111111111111', service: 'sts', region: 'global', message: 'connect ECONNREFUSED 127.0.0.1:9' }),
      err({ accountId: '222222222222', service: 'sts', region: 'global', message: 'connect ECONNREFUSED 127.0.0.1:9' }),
      err({ accountId: '222222222222', service: 's3', region: 'eu-west-1', message: 'connect ECONNREFUSED 127.0.0.1:9' }),
    ];
    expect(causeLines(errors)).toEqual(['endpoint unreachable (ECONNREFUSED 127.0.0.1:9): 3 error(s) in 2 account(s), 1 region(s); services s3, sts']);
  });

  it('groups access denied per service, largest group first, and puts every error in one group', () => {
    const errors = [
      err({ service: 'ec2', code: 'UnauthorizedOperation', operation: 'DescribeVpcs' }),
      err({ service: 'tagging', code: 'AccessDeniedException', operation: 'GetResources' }),
      err({ service: 'tagging', code: 'AccessDeniedException', operation: 'GetResources', region: 'eu-west-1' }),
      err({ service: 'rds', code: 'ExpiredToken' }),
    ];
    const groups = groupCauses(errors);
    expect(groups.map((g) => [g.what, g.errors.length])).toEqual([
      ['access denied on tagging (AccessDeniedException)', 2],
      ['access denied on ec2 (UnauthorizedOperation)', 1],
      ['credentials refused: expired or invalid (ExpiredToken)', 1],
    ]);
    expect(groups.reduce((n, g) => n + g.errors.length, 0)).toBe(errors.length);
  });

  it('lists at most the limit of causes, then how many more', () => {
    const errors = ['A', 'B', 'C'].map((code) => err({ code: `Code${code}` }));
    expect(causeLines(errors, 2)).toEqual([
      's3:ListBuckets CodeA: 1 error(s) in 1 account(s), 1 region(s); services s3',
      's3:ListBuckets CodeB: 1 error(s) in 1 account(s), 1 region(s); services s3',
      '... and 1 more cause(s) (1 error(s))',
    ]);
    expect(causeLines([])).toEqual([]);
  });
});
