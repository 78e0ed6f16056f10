// Dotted paths into resources and spec values: `tags.<key>` keeps the key whole, a null on
// the way reads as null (collected, empty), a gap or a scalar on the way as undefined.
import { describe, expect, it } from 'vitest';
import { resourceValue, SpecValues, splitPath, walk } from '../../src/engine/refs.js';
import type { Resource } from '../../src/model/snapshot.js';
import type { Spec } from '../../src/model/spec.js';

describe('splitPath', () => {
  it('splits on dots, keeps a tag key whole, and reads "" and "." as the value itself', () => {
    expect(splitPath('config.a.b')).toEqual(['config', 'a', 'b']);
    expect(splitPath('tags.app.kubernetes.io/name')).toEqual(['tags', 'app.kubernetes.io/name']);
    expect(splitPath('')).toEqual([]);
    expect(splitPath('.')).toEqual([]);
  });
});

describe('walk', () => {
  it('gives null for a null on the way, undefined for a gap or a scalar on the way', () => {
    const v = { a: { b: 1, n: null, s: 'text' } };
    expect(walk(v, ['a', 'b'])).toBe(1);
    expect(walk(v, ['a', 'n', 'x'])).toBe(null);
    expect(walk(v, ['a', 'missing', 'x'])).toBe(undefined);
    expect(walk(v, ['a', 's', 'length'])).toBe(undefined);
    expect(walk(v, [])).toBe(v);
  });

  it('reads a resource by its segments', () => {
    const r = { arn: 'arn:aws:s3:::b', config: { versioning: 'Enabled' } } as unknown as Resource;
    expect(resourceValue(r, splitPath('config.versioning'))).toBe('Enabled');
  });
});

describe('SpecValues', () => {
  const spec = { owner: 'team-a', version: 2, environments: { prod: { tier: 'gold' }, dev: { tier: 'bronze' } } } as unknown as Spec;

  it('reads root values and each environment\'s own values under their own keys', () => {
    const s = new SpecValues(spec);
    expect(s.root(['owner'], 'owner')).toBe('team-a');
    expect(s.root(['version'], 'version')).toBe(2);
    expect(s.root(['owner'], 'owner')).toBe('team-a');
    expect(s.env('prod', ['tier'], 'tier')).toBe('gold');
    expect(s.env('dev', ['tier'], 'tier')).toBe('bronze');
    expect(s.env('prod', ['tier'], 'tier')).toBe('gold');
    expect(s.env('qa', ['tier'], 'tier')).toBe(undefined);
  });
});
