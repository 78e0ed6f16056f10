// Every option error is said once, in one format: `envgate: --option: what (expected ...)`
// then a pointer to --help, exit 2; never a fake `--option:1:1` file position.
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { normaliseYargsMessage } from '../../src/cli/option-error.js';

const SPEC = 'fixtures/mht-api/envgate.yaml';
const SNAP = 'fixtures/mht-api/snapshot.json';
const HELP = 'Run envgate --help for usage.';

async function run(argv: string[]): Promise<{ code: number; stderr: string[] }> {
  const out = memoryOutput();
  const code = await main(argv, {}, out);
  return { code, stderr: out.stderr };
}

describe('option errors', () => {
  const cases: [string[], string][] = [
    [['scan', '--spec', SPEC, '--snapshot', SNAP, '--fail-on', 'bogus'], "envgate: --fail-on: 'bogus' is not one of critical, high, medium, low, none"],
    [['scan', '--spec', SPEC, '--snapshot', SNAP, '--passes', 'some'], "envgate: --passes: 'some' is not one of auto, all, summary"],
    [['scan', '--spec', SPEC, '--snapshot', SNAP, '--format', 'xml'], "envgate: --format: 'xml' is not one of json, sarif, md, markdown, csv, junit, ocsf, asff, html"],
    [['scan', '--spec', SPEC, '--call-timeout', '-1'], "envgate: --call-timeout '-1' is not a number of seconds between 0 and 86400 (expected seconds, e.g. 30 or 0.5)"],
    [['scan', '--spec', SPEC, '--region', 'mars-north-9'], "envgate: --region: 'mars-north-9' is not an AWS region (expected an AWS region, e.g. us-west-2)"],
    [['rules', '--format', 'xml'], "envgate: --format: 'xml' is not one of text, json"],
    [['inventory', '--spec', SPEC, '--account', '999999999999'], "envgate: --account: '999999999999' is not an account of the spec (expected one of 123456789012)"],
    [['inventory', '--spec', SPEC, '--account', '1', '--account', '2'], "envgate: --account: '1', '2' are not accounts of the spec (expected one of 123456789012)"],
    [['inventory', '--spec', SPEC, '--global', 'sometimes'], "envgate: --global: 'sometimes' is not one of auto, include, skip"],
    [['scan'], 'envgate: --spec is required'],
    [['gate', '--spec', SPEC], 'envgate: --from, --to are required'],
    [['scan', '--spec', SPEC, '--fail-onn', 'high'], 'envgate: Unknown argument: fail-onn (--fail-onn: did you mean --fail-on?)'],
  ];
  for (const [argv, line] of cases) {
    it(`${argv.slice(0, 1).concat(argv.slice(-2)).join(' ')}: ${line}`, async () => {
      const r = await run(argv);
      expect(r.code).toBe(EXIT.input);
      expect(r.stderr).toEqual([line, HELP]);
    });
  }

  it('rewrites yargs choice errors, several at once, and leaves other messages alone', () => {
    expect(normaliseYargsMessage('Invalid values:\n  Argument: format, Given: "xml", Choices: "text", "json"\n  Argument: fail-on, Given: "x", Choices: "high", "none"')).toBe(
      "--format: 'xml' is not one of text, json; --fail-on: 'x' is not one of high, none",
    );
    expect(normaliseYargsMessage('Missing required argument: spec')).toBe('--spec is required');
    expect(normaliseYargsMessage('Not enough non-option arguments: got 0, need at least 1')).toBe('Not enough non-option arguments: got 0, need at least 1');
  });
});
