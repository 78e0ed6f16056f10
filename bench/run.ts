// `npm run bench`: runs each benchmark in turn, an explicit list (no discovery).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const BENCHES = ['./startup.ts', './collect.ts', './collect-cpu.ts', './collect-spill.ts', './aggregator.ts', './parse-hostile.ts', './engine.ts', './cli.ts', './html.ts'];

let failed = false;
for (const b of BENCHES) {
  if (!existsSync(here(b))) continue;
  console.log(`## ${b}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', here(b), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
