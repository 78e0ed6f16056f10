// Positions in the gate's input files: JSON pointers to lines and columns, offsets to
// lines and columns. Expected positions counted by hand in the texts below.
import { describe, expect, it } from 'vitest';
import { locatedYaml, offsetPosition, pointerOf, pointerSegments } from '../../src/gate/locate.js';

describe('JSON pointers', () => {
  it('splits a pointer into its segments, unescaping ~1 and ~0', () => {
    expect(pointerSegments('')).toEqual([]);
    expect(pointerSegments('/a~1b/c~0d/0')).toEqual(['a/b', 'c~d', '0']);
    expect(pointerSegments('/~01')).toEqual(['~1']);
  });

  it('joins segments into a pointer, escaping ~ and /', () => {
    expect(pointerOf([])).toBe('');
    expect(pointerOf(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
    expect(pointerSegments(pointerOf(['~1', 'x/y']))).toEqual(['~1', 'x/y']);
  });
});

describe('locatedYaml', () => {
  const text = 'a: 1\nb:\n  c: [x, y]\n  d:\n"e/f": 2\n';
  const pos = (line: number, column: number) => ({ line, column });

  it('locates the value at a pointer', () => {
    const at = locatedYaml(text);
    expect(at.locate('')).toEqual(pos(1, 1));
    expect(at.locate('/a')).toEqual(pos(1, 4));
    expect(at.locate('/b')).toEqual(pos(3, 3));
    expect(at.locate('/b/c')).toEqual(pos(3, 6));
    expect(at.locate('/b/c/1')).toEqual(pos(3, 10));
    expect(at.locate('/e~1f')).toEqual(pos(5, 8));
  });

  it('locates an empty value just after its key', () => {
    const at = locatedYaml(text);
    expect(at.locate('/b/d')).toEqual(pos(4, 5));
  });

  it('falls back to the nearest existing parent for a missing key, index or a path through a scalar', () => {
    const at = locatedYaml(text);
    expect(at.locate('/b/zz')).toEqual(pos(3, 3));
    expect(at.locate('/b/c/5')).toEqual(pos(3, 6));
    expect(at.locate('/a/deeper')).toEqual(pos(1, 4));
    expect(at.locate('/b/c/1/x')).toEqual(pos(3, 10));
  });

  it('locates a key where the key is written', () => {
    const at = locatedYaml(text);
    expect(at.locateKey('/a')).toEqual(pos(1, 1));
    expect(at.locateKey('/b')).toEqual(pos(2, 1));
    expect(at.locateKey('/b/d')).toEqual(pos(4, 3));
    expect(at.locateKey('/e~1f')).toEqual(pos(5, 1));
    // No key in a sequence: the sequence itself.
    expect(at.locateKey('/b/c/1')).toEqual(pos(3, 6));
  });

  it('places everything in an empty document at 1:1', () => {
    const empty = locatedYaml('');
    expect([empty.locate('/x'), empty.locateKey('/x'), empty.offset(undefined)]).toEqual([pos(1, 1), pos(1, 1), pos(1, 1)]);
  });

  it('gives a syntax error the line and column the parser stopped at', () => {
    expect(locatedYaml('a: 1\nb: [1, 2\nc: 3\n').syntaxErrors('f.yaml')).toEqual([
      expect.objectContaining({ file: 'f.yaml', path: '', code: 'yaml-syntax', line: 3, column: 1 }),
    ]);
    expect(locatedYaml('a: 1\n  b: 2\n').syntaxErrors('f.yaml').map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 4, 'Nested mappings are not allowed in compact mappings'],
      [1, 4, 'Implicit keys need to be on a single line'],
    ]);
  });
});

describe('offsetPosition', () => {
  it('counts lines and columns from 1', () => {
    expect(offsetPosition('ab', 0)).toEqual({ line: 1, column: 1 });
    expect(offsetPosition('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
    expect(offsetPosition('ab\ncd', 3)).toEqual({ line: 2, column: 1 });
  });

  it('keeps a newline character on the line it ends', () => {
    expect(offsetPosition('ab\ncd', 2)).toEqual({ line: 1, column: 3 });
  });
});
