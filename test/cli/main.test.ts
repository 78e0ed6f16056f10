import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main, reportError, withOptionSuggestions } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';

const env = {} as NodeJS.ProcessEnv;

describe('envgate entry point', () => {
  it('prints help with exit 0 and lists every command', async () => {
    const out = memoryOutput();
    // yargs prints help through console.log; the exit code is what the entry decides.
    expect(await main(['--help'], env, out)).toBe(0);
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
