import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';

const env = { SOURCE_DATE_EPOCH: '0' };

describe('envgate validate', () => {
  it('prints "file: ok" for a valid spec and exits 0', async () => {
    const out = memoryOutput();
    expect(await main(['validate', 'test/spec/data/minimal.yaml'], env, out)).toBe(0);
    expect(out.stdout).toEqual(['test/spec/data/minimal.yaml: ok']);
    expect(out.stderr).toEqual([]);
  });

  it('prints every diagnostic as file:line:col code path and exits 2', async () => {
    const out = memoryOutput();
    const code = await main(['validate', 'test/spec/data/minimal.yaml', 'fixtures/invalid/several-errors.yaml'], env, out);
    expect(code).toBe(2);
    expect(out.stdout).toEqual(['test/spec/data/minimal.yaml: ok']);
    const lines = out.stderr.filter((l) => l.startsWith('fixtures/'));
    expect(lines.map((l) => /^fixtures\/invalid\/several-errors\.yaml:(\d+):\d+ (\S+) \//.exec(l)?.slice(1))).toEqual([
      ['11', 'unknown-key'],
      ['17', 'cidr-overlap'],
      ['18', 'range'],
      ['21', 'pattern'],
      ['24', 'undefined-environment'],
    ]);
  });

  it('gives binary, empty and non-mapping input one line each', async () => {
    for (const [file, code] of [
      ['fixtures/invalid/binary.yaml', 'binary'],
      ['fixtures/invalid/empty.yaml', 'empty'],
      ['fixtures/invalid/not-a-mapping.yaml', 'not-a-mapping'],
    ]) {
      const out = memoryOutput();
      expect(await main(['validate', file as string], env, out)).toBe(2);
      expect(out.stderr).toHaveLength(1);
      expect(out.stderr[0]?.startsWith(`${file}:1:1 ${code}`)).toBe(true);
    }
  });

  it('writes machine-readable diagnostics with --format json', async () => {
    const out = memoryOutput();
    expect(await main(['validate', '--format', 'json', 'fixtures/invalid/undefined-team.yaml', 'test/spec/data/minimal.yaml'], env, out)).toBe(2);
    const doc = JSON.parse(out.stdout.join('\n')) as { valid: boolean; files: { file: string; valid: boolean; diagnostics: { code: string; line: number }[] }[] };
    expect(doc.valid).toBe(false);
    expect(doc.files.map((f) => [f.file, f.valid])).toEqual([
      ['fixtures/invalid/undefined-team.yaml', false],
      ['test/spec/data/minimal.yaml', true],
    ]);
    expect(doc.files[0]?.diagnostics.map((d) => [d.code, d.line])).toEqual([['undefined-team', 15]]);
  });

  it('reports a missing file as input error, and no file at all as usage error', async () => {
    const out = memoryOutput();
    expect(await main(['validate', 'no/such/spec.yaml'], env, out)).toBe(2);
    expect(out.stderr[0]).toMatch(/^no\/such\/spec\.yaml:1:1 unreadable/);
    expect(await main(['validate'], env, memoryOutput())).toBe(2);
  });
});
