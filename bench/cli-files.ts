// Writes the synthetic spec (YAML) and a snapshot file of N resources for the whole-CLI
// benchmark: `node --import tsx bench/cli-files.ts N DIR` -> DIR/envgate.yaml, DIR/snapshot-N.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { writeSnapshot } from '../src/collect/snapshot-io.js';
import { syntheticSnapshot, syntheticSpec } from './synthetic.js';

export function specFile(dir: string): string {
  return path.join(dir, 'envgate.yaml');
}

export function snapshotFile(dir: string, n: number): string {
  return path.join(dir, `snapshot-${n}.json`);
}

const [n, dir] = process.argv.slice(2);
// Only when run as a script (bench/cli.ts imports the file names).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && n !== undefined && dir !== undefined) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(specFile(dir), stringify(syntheticSpec().spec));
  await writeSnapshot(snapshotFile(dir, Number(n)), syntheticSnapshot(Number(n)));
}
