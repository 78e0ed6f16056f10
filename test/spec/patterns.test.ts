import { describe, expect, it } from 'vitest';
import { cidrContains, cidrProblem, cidrsOverlap, parseCidr } from '../../src/util/cidr.js';
import { FORMATS } from '../../src/spec/formats.js';
import { compilePattern, matchesAny, matchesPattern, patternProblem } from '../../src/util/patterns.js';
import { didYouMean } from '../../src/spec/suggest.js';

describe('matchesPattern', () => {
  it('matches globs against the whole value', () => {
    expect(matchesPattern('mht-api-staging-*', 'mht-api-staging-orders')).toBe(true);
    expect(matchesPattern('mht-api-staging-*', 'x-mht-api-staging-orders')).toBe(false);
    expect(matchesPattern('mht-terraform-state-staging', 'mht-terraform-state-staging')).toBe(true);
    expect(matchesPattern('mht-terraform-state-staging', 'mht-terraform-state-staging-2')).toBe(false);
    expect(matchesPattern('db-?', 'db-1')).toBe(true);
    expect(matchesPattern('db-?', 'db-10')).toBe(false);
    expect(matchesPattern('arn:aws:iam::*:role/Dev*', 'arn:aws:iam::123456789012:role/Developers')).toBe(true);
  });

  it('treats regex characters in globs literally', () => {
    expect(matchesPattern('a.b(c)+[d]', 'a.b(c)+[d]')).toBe(true);
    expect(matchesPattern('a.b*', 'axb')).toBe(false);
    expect(matchesPattern('/aws/lambda/*', '/aws/lambda/fn')).toBe(true);
  });

  it('anchors re: patterns and is case-sensitive', () => {
    expect(matchesPattern('re:mht-(api|web)-prod', 'mht-web-prod')).toBe(true);
    expect(matchesPattern('re:mht-(api|web)-prod', 'mht-web-prod-2')).toBe(false);
    expect(matchesPattern('re:a|b', 'ab')).toBe(false);
    expect(matchesPattern('Prod-*', 'prod-x')).toBe(false);
    expect(matchesAny(['x', 'y*'], 'yes')).toBe(true);
  });

  it('answers as a whole-value regular expression would, on every glob shape', () => {
    // Globs of up to 4 symbols and values of up to 4 characters over a small alphabet,
    // against a reference RegExp built here: the string-test shapes (literal, prefix*,
    // *suffix, prefix*suffix, *) and the RegExp fallback must agree with it everywhere.
    const words = (alphabet: string[], max: number): string[] => {
      const out = [''];
      for (let len = 1, prev = ['']; len <= max; len++) {
        prev = prev.flatMap((w) => alphabet.map((c) => w + c));
        out.push(...prev);
      }
      return out;
    };
    const reference = (glob: string) => new RegExp(`^${[...glob].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
    const values = words(['a', 'b', '.', '\n'], 4);
    let compared = 0;
    for (const glob of words(['a', 'b', '.', '*', '?'], 4).filter((g) => g !== '')) {
      const ours = compilePattern(glob);
      const ref = reference(glob);
      for (const v of values) {
        if (ours.test(v) !== ref.test(v)) expect.fail(`glob ${JSON.stringify(glob)} on ${JSON.stringify(v)}: ${ours.test(v)}, expected ${ref.test(v)}`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200_000);
  });

  it('explains unusable patterns', () => {
    expect(patternProblem('mht-*')).toBeUndefined();
    expect(patternProblem('re:(')).toBeDefined();
    expect(patternProblem('re:')).toBeDefined();
    expect(patternProblem('')).toBeDefined();
    expect(patternProblem('a\nb')).toBeDefined();
  });
});

describe('cidr', () => {
  it('accepts networks and rejects malformed blocks', () => {
    expect(cidrProblem('10.0.0.0/16')).toBeUndefined();
    expect(cidrProblem('0.0.0.0/0')).toBeUndefined();
    for (const bad of ['10.0.0.1/16', '10.0.0.0/33', '10.0.0/16', '10.0.0.256/32', '010.0.0.0/8', '10.0.0.0', 'fd00::/8']) {
      expect(cidrProblem(bad), bad).toBeDefined();
    }
  });

  it('computes overlap and containment', () => {
    const [a, b, c] = ['10.0.0.0/16', '10.0.128.0/17', '10.1.0.0/16'].map((t) => parseCidr(t)!);
    expect(cidrsOverlap(a!, b!)).toBe(true);
    expect(cidrsOverlap(a!, c!)).toBe(false);
    expect(cidrContains(a!, b!)).toBe(true);
    expect(cidrContains(b!, a!)).toBe(false);
  });
});

describe('formats', () => {
  const ok = (format: string, v: string) => FORMATS[format]!.problem(v) === undefined;
  it('checks ARNs and ARN patterns', () => {
    expect(ok('arn', 'arn:aws:sns:us-west-2:123456789012:alerts')).toBe(true);
    expect(ok('arn', 'arn:aws:s3:::my-bucket')).toBe(true);
    expect(ok('arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe(true);
    expect(ok('arn', 'arn:aws:sns:us-west-2:123456789012:*')).toBe(false);
    expect(ok('arn', 'arn:aws:sns:uswest2:123456789012:x')).toBe(false);
    expect(ok('arn-pattern', 'arn:aws:sns:*:123456789012:alerts-*')).toBe(true);
    expect(ok('arn-pattern', 're:arn:aws:sns:.*')).toBe(true);
    expect(ok('arn-pattern', 'arn:aws:sns:*')).toBe(false);
    expect(ok('role-arn', 'arn:aws:iam::123456789012:role/r')).toBe(true);
    expect(ok('role-arn', 'arn:aws:iam::123456789012:user/u')).toBe(false);
  });

  it('checks dates, account ids, regions and zones', () => {
    expect(ok('date', '2024-02-29')).toBe(true);
    expect(ok('date', '2025-02-29')).toBe(false);
    expect(ok('date', '2025-1-01')).toBe(false);
    expect(ok('account-id', '012345678901')).toBe(true);
    expect(ok('account-id', '12345678901')).toBe(false);
    expect(ok('region', 'us-gov-west-1')).toBe(true);
    expect(ok('region', 'us-west-2a')).toBe(false);
    expect(ok('availability-zone', 'us-west-2a')).toBe(true);
  });
});

describe('didYouMean', () => {
  it('suggests close candidates only', () => {
    expect(didYouMean('regoins', ['regions', 'accounts'])).toBe('regions');
    expect(didYouMean('Regions', ['regions'])).toBe('regions');
    expect(didYouMean('prod', ['staging', 'production'])).toBe('production');
    expect(didYouMean('banana', ['regions', 'accounts'])).toBeUndefined();
  });
});

describe('pattern length', () => {
  // A 200 kB glob once compiled to a regular expression V8 refused: an internal error.
  it('refuses a pattern longer than any ARN, and accepts one at the limit', () => {
    expect(patternProblem(`*-prod-*${'A'.repeat(200_000)}`)).toBe('is 200008 characters long; at most 2048 are accepted');
    expect(patternProblem('a'.repeat(2048))).toBeUndefined();
    expect(patternProblem('a'.repeat(2049))).toBe('is 2049 characters long; at most 2048 are accepted');
  });
});
