// Every command's --help: examples, and the choices of its enumerated options.
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { commandName, COMMANDS } from '../../src/cli/commands/index.js';
import { runCli } from '../helpers/cli.js';

/** Options whose values are a fixed list wherever a command takes them. */
const ENUMERATED = ['fail-on', 'passes', 'format', 'global'];

describe('command help', () => {
  for (const entry of COMMANDS) {
    const name = commandName(entry);
    it(`${name} --help shows examples and the choices of every enumerated option`, async () => {
      const command = await entry.load();
      const built = command.builder(yargs([]) as never) as unknown as { getOptions(): { key: Record<string, unknown>; choices: Record<string, unknown[]> } };
      const opts = built.getOptions();
      for (const o of ENUMERATED.filter((k) => k in opts.key)) expect(opts.choices[o], `${name} --${o}`).toBeInstanceOf(Array);
      const r = runCli([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\nExamples:\n {2}envgate /);
      for (const o of ENUMERATED.filter((k) => k in opts.key)) expect(r.stdout, `${name} --${o}`).toMatch(new RegExp(`--${o}[^]*?\\[choices: `));
    });
  }

  it('envgate rules with no subcommand lists the rules', () => {
    const r = runCli(['rules']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^access-matrix +access +high +Team access stays within the declared access matrix$/);
    expect(r.stdout).toBe(runCli(['rules', 'list']).stdout);
  });
});
