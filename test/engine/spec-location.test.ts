// SpecLocator: a rule's requirement pattern to the spec's file:line, through the pointer
// the pattern denotes for one environment (and item), falling back to the nearest
// ancestor the spec file contains.
import { describe, expect, it } from 'vitest';
import { SpecLocator } from '../../src/engine/spec-location.js';
import type { LoadedSpec } from '../../src/model/spec.js';

/** A loaded spec whose only content is the given pointers, each at its own line. */
function spec(pointers: Record<string, number>, file = 'envgate.yaml'): LoadedSpec {
  const positions: LoadedSpec['positions'] = {};
  for (const [p, line] of Object.entries(pointers)) positions[p] = { line, column: line + 1 };
  return { spec: { version: 1 } as unknown as LoadedSpec['spec'], file, sha256: '0'.repeat(64), positions };
}

const at = (path: string, line: number, file = 'envgate.yaml') => ({ file, line, column: line + 1, path });

describe('SpecLocator.pointer', () => {
  it('gives the position of a pointer the spec contains', () => {
    const l = new SpecLocator(spec({ '': 1, '/environments': 2, '/environments/prod': 3 }, 'specs/app.yaml'));
    expect(l.pointer('/environments/prod')).toEqual(at('/environments/prod', 3, 'specs/app.yaml'));
  });

  it('falls back to the nearest ancestor the spec contains', () => {
    const l = new SpecLocator(spec({ '': 1, '/environments': 2, '/environments/prod': 3 }));
    expect(l.pointer('/environments/prod/encryption/atRest')).toEqual(at('/environments/prod', 3));
    expect(l.pointer('/environments/staging')).toEqual(at('/environments', 2));
    expect(l.pointer('/tagging/required')).toEqual(at('', 1));
  });

  it('gives nothing when not even the root is in the spec', () => {
    const l = new SpecLocator(spec({ '/environments': 2 }));
    expect(l.pointer('/tagging/required')).toBeUndefined();
    expect(l.pointer('')).toBeUndefined();
    expect(l.pointer('/environments/prod')).toEqual(at('/environments', 2));
  });
});

describe('SpecLocator.locate', () => {
  const positions = {
    '': 1,
    '/environments': 2,
    '/environments/production': 3,
    '/environments/production/encryption': 4,
    '/environments/production/encryption/atRest': 5,
    '/environments/staging': 6,
    '/environments/a~1b': 7,
    '/environments/a~1b/network': 8,
    '/environments/x~0y': 9,
    '/environments/x~0~1y': 10,
    '/shared': 11,
    '/shared/0': 12,
    '/shared/1': 13,
    '/shared/1/name': 14,
    '/environments/production/exceptions': 15,
    '/environments/production/exceptions/2': 16,
    '/0': 17,
  };

  it('puts the environment in place of the * after /environments', () => {
    const l = new SpecLocator(spec(positions));
    expect(l.locate('/environments/*/encryption/atRest', 'production')).toEqual(at('/environments/production/encryption/atRest', 5));
    expect(l.locate('/environments/*/encryption/atRest', 'staging')).toEqual(at('/environments/staging', 6));
  });

  it('escapes ~ and / in an environment name as a JSON pointer does', () => {
    const l = new SpecLocator(spec(positions));
    expect(l.locate('/environments/*/network', 'a/b')).toEqual(at('/environments/a~1b/network', 8));
    expect(l.locate('/environments/*', 'x~y')).toEqual(at('/environments/x~0y', 9));
    // ~ first, so the ~ that escapes / is not escaped again.
    expect(l.locate('/environments/*', 'x~/y')).toEqual(at('/environments/x~0~1y', 10));
  });

  it('stops at the * after /environments when there is no environment', () => {
    const l = new SpecLocator(spec(positions));
    expect(l.locate('/environments/*/encryption/atRest', null)).toEqual(at('/environments', 2));
    expect(l.locate('/environments/*/encryption/atRest', null, 0)).toEqual(at('/environments', 2));
  });

  it('puts the index in place of any other *, and stops there without one', () => {
    const l = new SpecLocator(spec(positions));
    expect(l.locate('/shared/*/name', null, 1)).toEqual(at('/shared/1/name', 14));
    expect(l.locate('/shared/*/name', 'production', 0)).toEqual(at('/shared/0', 12));
    expect(l.locate('/shared/*/name', 'production')).toEqual(at('/shared', 11));
    expect(l.locate('/environments/*/exceptions/*', 'production', 2)).toEqual(at('/environments/production/exceptions/2', 16));
    expect(l.locate('/environments/*/exceptions/*', 'production')).toEqual(at('/environments/production/exceptions', 15));
    // A leading * has no /environments before it: it is an index.
    expect(l.locate('/*', 'production', 0)).toEqual(at('/0', 17));
    expect(l.locate('/*', 'production')).toEqual(at('', 1));
  });

  it('reads an empty pattern or / as the spec root', () => {
    const l = new SpecLocator(spec(positions));
    expect(l.locate('', 'production')).toEqual(at('', 1));
    expect(l.locate('/', 'production')).toEqual(at('', 1));
    expect(new SpecLocator(spec({ '/environments': 2 })).locate('/', null)).toBeUndefined();
    // '/' is the root here, not the pointer to a key named ''.
    expect(new SpecLocator(spec({ '': 1, '/': 2 })).locate('/', null)).toEqual(at('', 1));
  });

  it('keeps literal segments that are not exactly *', () => {
    const l = new SpecLocator(spec({ '': 1, '/a': 2, '/a/*b': 3 }));
    expect(l.locate('/a/*b', null)).toEqual(at('/a/*b', 3));
    expect(l.locate('/a/*', 'b')).toEqual(at('/a', 2));
  });

  it('answers each environment and index for itself, however often asked', () => {
    const l = new SpecLocator(spec(positions));
    expect(l.locate('/shared/*/name', null, 0)).toEqual(at('/shared/0', 12));
    expect(l.locate('/shared/*/name', null, 1)).toEqual(at('/shared/1/name', 14));
    expect(l.locate('/shared/*/name', null, 0)).toEqual(at('/shared/0', 12));
    expect(l.locate('/shared/*/name', null)).toEqual(at('/shared', 11));
    expect(l.locate('/shared/*', null, 2)).toEqual(at('/shared', 11));
    expect(l.locate('/shared/*', null, 1)).toEqual(at('/shared/1', 13));
    expect(l.locate('/shared/*', null)).toEqual(at('/shared', 11));
    expect(l.locate('/environments/*/encryption/atRest', 'production')).toEqual(at('/environments/production/encryption/atRest', 5));
    expect(l.locate('/environments/*/encryption/atRest', 'staging')).toEqual(at('/environments/staging', 6));
    expect(l.locate('/environments/*/encryption/atRest', null)).toEqual(at('/environments', 2));
    // Pattern, environment and index stay apart even where their texts run together.
    expect(l.locate('/a/*', 'b')).toEqual(at('', 1));
    const m = new SpecLocator(spec({ '': 1, '/a': 2, '/a/*b': 3 }));
    expect(m.locate('/a/*b', null)).toEqual(at('/a/*b', 3));
    expect(m.locate('/a/*', 'b')).toEqual(at('/a', 2));
    const n = new SpecLocator(spec({ '': 1, '/environments/a1': 2, '/environments/a': 3, '/environments/a/items/1': 4 }));
    expect(n.locate('/environments/*/items/*', 'a1')).toEqual(at('/environments/a1', 2));
    expect(n.locate('/environments/*/items/*', 'a', 1)).toEqual(at('/environments/a/items/1', 4));
    expect(n.locate('/environments/*/items/*', 'a1')).toEqual(at('/environments/a1', 2));
  });
});
