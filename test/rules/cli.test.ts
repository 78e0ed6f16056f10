import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';

const dir = mkdtempSync(path.join(tmpdir(), 'envgate-rules-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out = memoryOutput();
  const code = await main(argv, {}, out);
  return { code, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n') };
}

describe('envgate rules', () => {
  it('lists the catalogue as JSON, sorted by id', async () => {
    const r = await run('rules', 'list', '--format', 'json');
    expect(r.code).toBe(0);
    const ids = (JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id);
    expect(ids).toContain('encryption-at-rest');
    expect(ids).toEqual([...ids].sort());
  });

  it('without a subcommand lists the rules, as rules list does', async () => {
    const bare = await run('rules');
    expect(bare.code).toBe(0);
    expect(bare.stdout).toBe((await run('rules', 'list')).stdout);
    expect(bare.stdout).toMatch(/^encryption-at-rest\s+encryption\s+/m);
  });

  it('shows one rule, and exits 2 with a suggestion for an unknown id', async () => {
    const ok = await run('rules', 'show', 'log-retention', '--format', 'json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ id: 'log-retention', category: 'retention', origin: 'builtin' });
    const bad = await run('rules', 'show', 'log-retension');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('log-retention');
  });

  it('shows what a rule leaves out', async () => {
    const json = await run('rules', 'show', 'required-tags', '--format', 'json');
    expect((JSON.parse(json.stdout) as { exempt: string[] }).exempt).toEqual(['team-principal', 'furniture', 'inherited']);
    const text = await run('rules', 'show', 'vpc-cidr');
    expect(text.stdout).toContain('exempt: ["furniture"]');
  });

  it('exits 2 with file:line:col for a bad user rule', async () => {
    writeFileSync(path.join(dir, 'bad.yaml'), 'id: bad\ntitle: x\n');
    const r = await run('rules', 'list', '--rules', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:1:1 required/);
  });
});
