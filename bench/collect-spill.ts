// Spill-mode benchmark (`inventory --spill-dir`): seeds moto with an estate of several
// accounts, then runs the compiled CLI's inventory of it as a child process under
// /usr/bin/time, in memory and spilled one account at a time (--workers 1, so one
// process and one heap hold everything), and prints peak RSS, wall time and whether the
// two snapshot files have the same bytes. Build first (npm run build).
// Usage: node --import tsx bench/collect-spill.ts [--accounts 6] [--per-region 500]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMoto } from '../test/helpers/moto.js';
import { seedAccountRegion } from '../test/helpers/seed-aws.js';
import { estateMix } from './collect-estate.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => Number(args[args.indexOf(name) + 1] ?? 0) || dflt;
const accounts = arg('--accounts', 6);
const perRegion = arg('--per-region', 500);
const REGION = 'us-east-1';
// moto's default account first (no role), then accounts reached through a role.
const ids = Array.from({ length: accounts }, (_, i) => (i === 0 ? '123456789012' : String(200000000000 + i)));
const bin = fileURLToPath(new URL('../dist/bin/envgate.js', import.meta.url));

const moto = await startMoto();
const dir = mkdtempSync(join(tmpdir(), 'envgate-bench-spill-'));
try {
  await moto.reset();
  const t0 = Date.now();
  for (const [i, accountId] of ids.entries()) await seedAccountRegion(moto, { ...estateMix(REGION, 0, perRegion), accountId, env: `e${i}` });
  const seedS = (Date.now() - t0) / 1000;
  const envs = ids.map((id, i) => `  e${i}:\n    accounts: [{ id: "${id}"${i === 0 ? '' : `, roleArn: "arn:aws:iam::${id}:role/envgate-read"`} }]\n    regions: [${REGION}]\n    attribution: { accountWide: true }\n`).join('');
  const spec = join(dir, 'envgate.yaml');
  writeFileSync(spec, `version: 1\nsystem: { name: bench }\nattribution: { tagKeys: [env] }\nenvironments:\n${envs}`);
  const spill = join(dir, 'spill');
  mkdirSync(spill);
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE0000', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: REGION, SOURCE_DATE_EPOCH: '1767225600' };
  const run = (name: string, extra: string[]) => {
    const out = join(dir, `${name}.json`);
    const r = spawnSync('/usr/bin/time', ['-f', 'TIME %M %e', process.execPath, bin, 'inventory', '--spec', spec, '--out', out, '--endpoint', moto.endpoint, '--full', '--workers', '1', ...extra], { env, encoding: 'utf8' });
    const m = /TIME (\d+) ([\d.]+)/.exec(r.stderr);
    if (!m || (r.status !== 0 && r.status !== 3)) throw new Error(`${name}: exit ${r.status}\n${r.stderr}`);
    const summary = r.stderr.split('\n').find((l) => l.includes(' resources, ')) ?? '';
    return { name, rssMiB: Number(m[1]) / 1024, wallS: Number(m[2]), summary, text: readFileSync(out, 'utf8') };
  };
  const results = [run('in-memory', []), run('spilled-1', ['--spill-dir', spill, '--accounts-in-flight', '1'])];
  console.log(`${accounts} accounts x ${perRegion} resources (${REGION}), seeded in ${seedS.toFixed(0)} s; ${results[0]!.summary.replace(/; wrote .*/, '')}\n`);
  console.log('| inventory | peak RSS | wall time | same bytes as in memory |');
  console.log('|---|---:|---:|---|');
  for (const r of results) console.log(`| ${r.name} | ${r.rssMiB.toFixed(0)} MiB | ${r.wallS.toFixed(1)} s | ${r.text === results[0]!.text ? 'yes' : 'NO'} |`);
  console.log(`\nsnapshot file: ${(Buffer.byteLength(results[0]!.text) / 2 ** 20).toFixed(1)} MiB`);
} finally {
  await moto.stop();
  rmSync(dir, { recursive: true, force: true });
}
