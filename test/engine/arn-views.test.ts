// ArnView: a read-only Map over an ARN -> position index and a value per position, that
// leaves out positions at or past its limit (the principals, in the context's byArn).
import { describe, expect, it } from 'vitest';
import { ArnView } from '../../src/engine/arn-views.js';

// Positions 0..2 are "resources" (b's later copy at 2 replaced its first at 1), 3 and 4
// "principals"; the insertion order c, b, a, p, q is not the position order.
const positions = new Map<string, number>([
  ['arn:c', 0],
  ['arn:b', 2],
  ['arn:a', 1],
  ['arn:p', 3],
  ['arn:q', 4],
]);
const values = ['c0', 'a1', 'b2', 'p3', 'q4'];
const view = (limit: number, size: number) => new ArnView<string>(positions, (i) => values[i]!, limit, size);

describe('ArnView', () => {
  it('gets the value at an ARN position below the limit, and nothing at or past it', () => {
    const v = view(3, 3);
    expect(v.get('arn:c')).toBe('c0');
    expect(v.get('arn:a')).toBe('a1');
    expect(v.get('arn:b')).toBe('b2');
    expect(v.get('arn:p')).toBeUndefined();
    expect(v.get('arn:q')).toBeUndefined();
    expect(v.get('arn:none')).toBeUndefined();
  });

  it('tells the position and presence of an ARN below the limit', () => {
    const v = view(3, 3);
    expect(v.position('arn:c')).toBe(0);
    expect(v.position('arn:b')).toBe(2);
    expect(v.position('arn:p')).toBeUndefined();
    expect(v.position('arn:none')).toBeUndefined();
    expect(v.has('arn:c')).toBe(true);
    expect(v.has('arn:b')).toBe(true);
    expect(v.has('arn:p')).toBe(false);
    expect(v.has('arn:q')).toBe(false);
    expect(v.has('arn:none')).toBe(false);
  });

  it('iterates the ARNs below the limit in insertion order', () => {
    const v = view(3, 3);
    expect([...v.entries()]).toEqual([['arn:c', 'c0'], ['arn:b', 'b2'], ['arn:a', 'a1']]);
    expect([...v]).toEqual([['arn:c', 'c0'], ['arn:b', 'b2'], ['arn:a', 'a1']]);
    expect([...v.keys()]).toEqual(['arn:c', 'arn:b', 'arn:a']);
    expect([...v.values()]).toEqual(['c0', 'b2', 'a1']);
    expect(v.size).toBe(3);
  });

  it('holds every position with an infinite limit', () => {
    const v = view(Infinity, 5);
    expect(v.get('arn:q')).toBe('q4');
    expect(v.position('arn:p')).toBe(3);
    expect(v.has('arn:p')).toBe(true);
    expect([...v.keys()]).toEqual(['arn:c', 'arn:b', 'arn:a', 'arn:p', 'arn:q']);
    expect([...v.values()]).toEqual(['c0', 'b2', 'a1', 'p3', 'q4']);
    expect(v.size).toBe(5);
  });

  it('keeps the limit exact: a limit of 1 holds position 0 only', () => {
    const v = view(1, 1);
    expect(v.get('arn:c')).toBe('c0');
    expect(v.get('arn:a')).toBeUndefined();
    expect(v.position('arn:a')).toBeUndefined();
    expect(v.has('arn:a')).toBe(false);
    expect([...v.entries()]).toEqual([['arn:c', 'c0']]);
    expect([...v.keys()]).toEqual(['arn:c']);
    expect([...v.values()]).toEqual(['c0']);
  });

  it('calls forEach with value, key and the view itself, in order, with thisArg', () => {
    const v = view(3, 3);
    const seen: [string, string, boolean, unknown][] = [];
    const self = { name: 'this' };
    v.forEach(function (this: unknown, value, key, map) {
      seen.push([value, key, map === v, this]);
    }, self);
    expect(seen).toEqual([
      ['c0', 'arn:c', true, self],
      ['b2', 'arn:b', true, self],
      ['a1', 'arn:a', true, self],
    ]);
  });

  it('reads positions added to the index after it was made', () => {
    const index = new Map<string, number>([['arn:x', 0]]);
    const v = new ArnView<string>(index, (i) => `v${i}`, 1, 1);
    const all = new ArnView<string>(index, (i) => `v${i}`, Infinity, 2);
    index.set('arn:y', 1);
    expect(v.has('arn:y')).toBe(false);
    expect(all.get('arn:y')).toBe('v1');
    expect([...all.keys()]).toEqual(['arn:x', 'arn:y']);
  });
});
