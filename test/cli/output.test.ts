// The console: colour on a terminal, off with NO_COLOR or when piped, on with FORCE_COLOR;
// --quiet leaves the verdict; progress lines on a terminal or with --progress.
import { describe, expect, it } from 'vitest';
import { consoleOutput, type Streams, useColor } from '../../src/cli/output.js';

function fakeStreams(isTTY: boolean): Streams & { out: string; err: string } {
  const s = {
    out: '',
    err: '',
    stdout: { write: (t: string) => void (s.out += t) },
    stderr: { isTTY, write: (t: string) => void (s.err += t) },
  };
  return s;
}

const ESC = '\u001b[';

describe('colour', () => {
  it('is on for a terminal and off when piped', () => {
    expect(useColor({}, true)).toBe(true);
    expect(useColor({}, false)).toBe(false);
    expect(useColor({}, undefined)).toBe(false);
  });
  it('is off with NO_COLOR (non-empty) or TERM=dumb, even on a terminal', () => {
    expect(useColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor({ NO_COLOR: '' }, true)).toBe(true);
    expect(useColor({ TERM: 'dumb' }, true)).toBe(false);
  });
  it('follows FORCE_COLOR over everything: on when piped, off with 0 or false', () => {
    expect(useColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '', NO_COLOR: '1' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: 'false' }, true)).toBe(false);
  });
  it('paints errors red and verdicts bold on a terminal, and writes plain text when piped', () => {
    const tty = fakeStreams(true);
    const o = consoleOutput({}, {}, tty);
    o.error('bad');
    o.verdict('envgate scan: PASS');
    o.info('plain');
    expect(tty.err).toBe(`${ESC}31mbad${ESC}39m\n${ESC}1menvgate scan: PASS${ESC}22m\nplain\n`);
    const piped = fakeStreams(false);
    const p = consoleOutput({}, {}, piped);
    p.error('bad');
    p.verdict('v');
    expect(piped.err).toBe('bad\nv\n');
    const forced = fakeStreams(false);
    consoleOutput({}, { FORCE_COLOR: '1' }, forced).warn('w');
    expect(forced.err).toBe(`${ESC}33mw${ESC}39m\n`);
  });
  it('never colours results on stdout', () => {
    const tty = fakeStreams(true);
    consoleOutput({}, { FORCE_COLOR: '1' }, tty).result('{"a":1}');
    expect(tty.out).toBe('{"a":1}\n');
  });
});

describe('--quiet and progress', () => {
  it('--quiet prints the verdict and errors only', () => {
    const s = fakeStreams(false);
    const o = consoleOutput({ quiet: true }, {}, s);
    o.info('summary');
    o.warn('warning');
    o.progress('[1/2] collected');
    o.debug('detail');
    o.verdict('envgate scan: FAIL (exit 1)');
    expect(s.err).toBe('envgate scan: FAIL (exit 1)\n');
  });
  it('prints progress on a terminal, and when piped only with --progress', () => {
    const tty = fakeStreams(true);
    const o = consoleOutput({}, { NO_COLOR: '1' }, tty);
    expect(o.showsProgress).toBe(true);
    o.progress('[1/2] collected');
    expect(tty.err).toBe('[1/2] collected\n');
    const piped = fakeStreams(false);
    const p = consoleOutput({}, {}, piped);
    expect(p.showsProgress).toBe(false);
    p.progress('[1/2] collected');
    expect(piped.err).toBe('');
    const asked = fakeStreams(false);
    consoleOutput({ progress: true }, {}, asked).progress('[1/2] collected');
    expect(asked.err).toBe('[1/2] collected\n');
    expect(consoleOutput({ progress: true, quiet: true }, {}, fakeStreams(true)).showsProgress).toBe(false);
  });
});
