// Running the CLI in-process for the gate, diff and merge tests.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { tempDir } from '../helpers/tmp.js';

export const ENV = { SOURCE_DATE_EPOCH: '1735732800', NO_COLOR: '1' }; // 2025-01-01T12:00:00Z

export async function run(argv: string[], env: Record<string, string> = ENV) {
  const out = memoryOutput();
  const code = await main(argv, env, out);
  return { code, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n') };
}

export function tmp(): string {
  return tempDir('envgate-gate-');
}

export function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

export function readJson<T = any>(file: string): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function fixture(name: string) {
  return { spec: `fixtures/${name}/envgate.yaml`, snapshot: `fixtures/${name}/snapshot.json` };
}

/** A waivers file naming each finding by fingerprint. */
export function waiversFor(fingerprints: string[], expires: (i: number) => string): string {
  const entries = fingerprints.map((fp, i) => `  - id: w${i}\n    fingerprint: ${fp}\n    reason: accepted for the test\n    owner: platform\n    expires: ${expires(i)}\n`);
  return `version: 1\nwaivers:\n${entries.join('')}`;
}
