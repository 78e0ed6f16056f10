import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { SCHEMAS } from '../../src/cli/schema-registry.js';
import { specSchema } from '../../src/spec/schema.js';

const env = { SOURCE_DATE_EPOCH: '0' };

describe('envgate schema', () => {
  it('prints the spec schema by default', async () => {
    const out = memoryOutput();
    expect(await main(['schema'], env, out)).toBe(0);
    expect(JSON.parse(out.stdout.join('\n'))).toEqual(JSON.parse(JSON.stringify(specSchema)));
  });

  it('prints a named schema', async () => {
    const out = memoryOutput();
    expect(await main(['schema', 'spec'], env, out)).toBe(0);
    expect(JSON.parse(out.stdout.join('\n')).$id).toBe(specSchema.$id);
  });

  it('rejects an unknown name, listing the known ones', async () => {
    const out = memoryOutput();
    expect(await main(['schema', 'nope'], env, out)).toBe(2);
    expect(out.stdout).toEqual([]);
    for (const name of Object.keys(SCHEMAS)) expect(out.stderr.join('\n')).toContain(name);
  });

  it('lists the schemas', async () => {
    const out = memoryOutput();
    expect(await main(['schema', '--list'], env, out)).toBe(0);
    expect(out.stdout.map((l) => l.split('\t')[0])).toEqual(Object.keys(SCHEMAS).sort());
  });

  it('prints every file format envgate reads or writes', async () => {
    for (const name of ['spec', 'snapshot', 'report', 'rules', 'waivers']) {
      const out = memoryOutput();
      expect(await main(['schema', name], env, out)).toBe(0);
      expect(JSON.parse(out.stdout.join('\n'))).toHaveProperty('type', 'object');
    }
  });
});
