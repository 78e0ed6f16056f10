import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main, reportError, withOptionSuggestions } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';

const env = {} as NodeJS.ProcessEnv;

describe('envgate entry point', () => {
  it('prints help with exit 0 and lists every command', async () => {
    const out = memoryOutput();
    // yargs prints help through console.log; the exit code is what the entry decides.
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    try {
      expect(await main(['--help'], env, out)).toBe(0);
    } finally {
      log.mockRestore();
    }
    const text = printed.join('\n');
    expect(text.split('\n')[0]).toBe('envgate <command> [options]');
    // The usage of each command, as the first column of the Commands section.
    const commands = text.split('\nCommands:\n')[1]!.split('\n\n')[0]!.split('\n').map((l) => /^ {2}(envgate .+?)(?: {2,}|$)/.exec(l)?.[1]).filter(Boolean);
    expect(commands).toEqual([
      'envgate scan',
      'envgate gate',
      'envgate inventory',
      'envgate validate <spec...>',
      'envgate draft <docs..>',
      'envgate rules [action] [id]',
      'envgate schema [name]',
      'envgate diff <old> <new>',
      'envgate merge <reports..>',
      'envgate publish',
    ]);
    const options = text.split('\nOptions:\n')[1]!.split('\n').map((l) => /--[a-z-]+/.exec(l)?.[0]);
    expect(options).toEqual(['--quiet', '--verbose', '--version', '--help']);
    expect([out.stdout, out.stderr]).toEqual([[], []]);
  });

  it('rejects an unknown command with exit 2 and a usage hint on stderr', async () => {
    const out = memoryOutput();
    expect(await main(['bogus'], env, out)).toBe(2);
    expect(out.stderr.join('\n')).toMatch(/Unknown argument: bogus/);
    expect(out.stdout).toEqual([]);
  });

  it('runs no handler when an option is unknown: nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envgate-main-'));
    const out = memoryOutput();
    const code = await main(
      ['scan', '--bogus', '--spec', 'fixtures/mht-api/envgate.yaml', '--snapshot', 'fixtures/mht-api/snapshot.json', '--out', dir],
      env,
      out,
    );
    expect(code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects a malformed SOURCE_DATE_EPOCH with exit 2, no stack trace', async () => {
    const out = memoryOutput();
    expect(await main(['rules', 'list'], { SOURCE_DATE_EPOCH: 'yesterday' }, out)).toBe(2);
    const text = out.stderr.join('\n');
    expect(text).toMatch(/SOURCE_DATE_EPOCH/);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('explains a report too large for one string instead of calling it an internal error', () => {
    const out = memoryOutput();
    expect(reportError(new RangeError('Invalid string length'), out, false)).toBe(EXIT.input);
    expect(out.stderr.join('\n')).toMatch(/too large to build in memory.*--passes summary/);
    expect(out.stderr.join('\n')).not.toMatch(/internal error/);
    const other = memoryOutput();
    reportError(new RangeError('Maximum call stack size exceeded'), other, false);
    expect(other.stderr[0]).toMatch(/^envgate: internal error: Maximum call stack/);
  });

  it('reports an internal error with exit 4, where in the sources it was thrown, and no machine path', () => {
    const out = memoryOutput();
    let err: Error;
    try {
      (null as unknown as { trim(): string }).trim();
      throw new Error('unreachable');
    } catch (e) {
      err = e as Error;
    }
    expect(reportError(err, out, false)).toBe(4);
    // Thrown in a test file, outside src/: no source location is claimed.
    expect(out.stderr[0]).toBe("envgate: internal error: Cannot read properties of null (reading 'trim')");
    expect(out.stderr[1]).toMatch(/^This is a bug in envgate \d+\.\d+\.\d+: please report it/);
    expect(out.stderr.join('\n')).not.toContain(process.cwd());
  });

  it('names the innermost envgate source frame of an internal error, relative to the package', () => {
    const e = new Error('boom');
    e.stack = ['Error: boom', '    at f (file:///x/node_modules/yaml/dist/a.js:1:2)', `    at g (${process.cwd()}/src/engine/evaluate.ts:42:7)`, `    at h (${process.cwd()}/src/cli/main.ts:9:1)`].join('\n');
    const out = memoryOutput();
    expect(reportError(e, out, false)).toBe(4);
    expect(out.stderr[0]).toBe('envgate: internal error: boom (at src/engine/evaluate.ts:42)');
  });

  it("suggests the command's own option for a mistyped one, naming each unknown argument once", async () => {
    const out = memoryOutput();
    expect(await main(['scan', '--spec', 'x.yaml', '--fail-onn', 'high', '--snapshto', 's.json'], env, out)).toBe(2);
    expect(out.stderr[0]).toBe('envgate: Unknown arguments: fail-onn, snapshto (--fail-onn: did you mean --fail-on?; --snapshto: did you mean --snapshot?)');
    const v = memoryOutput();
    expect(await main(['validate', '--formt', 'json', 'a.yaml'], env, v)).toBe(2);
    expect(v.stderr[0]).toBe('envgate: Unknown argument: formt (--formt: did you mean --format?)');
  });

  it('leaves an unknown argument with no close option as yargs names it', () => {
    expect(withOptionSuggestions('Unknown argument: bogus', ['spec', 'out'])).toBe('Unknown argument: bogus');
    expect(withOptionSuggestions('Not enough non-option arguments', ['spec'])).toBe('Not enough non-option arguments');
  });
});
