import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintOfNormalised, normaliseArn } from '../../src/util/fingerprint.js';

describe('normaliseArn', () => {
  it('case-folds the five prefix fields only, keeping colons in the resource part', () => {
    expect(normaliseArn('arn:AWS:IAM::1:Role/X:y:Z')).toBe('arn:aws:iam::1:Role/X:y:Z');
    expect(normaliseArn('arn:aws:ec2:US-EAST-1:1:vpc/V')).toBe('arn:aws:ec2:us-east-1:1:vpc/V');
    expect(normaliseArn('arn:aws:s3:::Bucket')).toBe('arn:aws:s3:::Bucket');
  });

  it('leaves strings that are not ARNs (or have too few fields) trimmed but unchanged', () => {
    expect(normaliseArn('  ARN:AWS:s3:::b ')).toBe('ARN:AWS:s3:::b');
    expect(normaliseArn('arn:AWS:b:c:d')).toBe('arn:AWS:b:c:d');
    expect(normaliseArn('arn')).toBe('arn');
  });

  it('folds non-ASCII prefix characters the way toLowerCase does', () => {
    expect(normaliseArn('arn:aws:ÉC2:x:1:Y')).toBe('arn:aws:éc2:x:1:Y');
  });
});

describe('fingerprint', () => {
  it('is 32 lower-case hex characters, the same through the pre-normalised entry point', () => {
    const fp = fingerprint('rule', 'arn:AWS:s3:::b', 'q');
    expect(fp).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprintOfNormalised('rule', normaliseArn('arn:AWS:s3:::b'), 'q')).toBe(fp);
  });

  it('is the first 16 bytes of sha256(rule, NUL, normalised ARN) in hex', async () => {
    const { createHash } = await import('node:crypto');
    expect(fingerprint('r', 'arn:aws:s3:::b')).toBe(createHash('sha256').update('r\u0000arn:aws:s3:::b').digest('hex').slice(0, 32));
  });
});
