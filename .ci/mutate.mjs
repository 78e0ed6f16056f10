// `npm run mutate -- TARGET...`: Stryker on one module or folder of src/ at a time.
//
//   npm run mutate -- src/gate/decide.ts           one module
//   npm run mutate -- src/engine/analyses          a folder (its .ts files, recursively)
//   npm run mutate -- --ci                          the fixed CI set, failing under 85%
//   options: --force (ignore the incremental file), --concurrency N (default 2)
//
// Each target set keeps its own incremental file under .cache/stryker/incremental/, so a
// second run re-tests only mutants whose code or covering tests changed; the HTML and
// JSON reports go to .cache/stryker/reports/<slug>/. Plain JavaScript like with-node.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The modules CI mutates on every run: the decisions a wrong edit would most hurt. */
export const CI_TARGETS = ['src/gate/decide.ts', 'src/engine/conditions.ts'];
const CI_BREAK = 85;

/**
 * Which unit tests kill the mutants of a src/ folder or module: the ones testing it. Each
 * mutant run loads every test file that reached its code, so a module gets its own test
 * files rather than every suite that happens to run through it (the report and CLI-level
 * suites import the whole tool and make each mutant cost seconds). Longest prefix wins;
 * targets from several entries run the union. Entries are folders or test files.
 */
export const TESTS_FOR = {
  'src/engine': ['test/engine', 'test/rules'],
  'src/engine/analyses': ['test/engine/analyses'],
  'src/engine/analyses/isolation-paths.ts': ['test/engine/analyses/isolation-paths.test.ts', 'test/engine/analyses/isolation.test.ts', 'test/engine/analyses/isolation-rules.test.ts'],
  'src/engine/analyses/isolation.ts': ['test/engine/analyses/isolation-outcomes.test.ts', 'test/engine/analyses/isolation-paths.test.ts', 'test/engine/analyses/isolation.test.ts', 'test/engine/analyses/isolation-rules.test.ts', 'test/engine/analyses/resource-policies.test.ts', 'test/engine/analyses/resource-policy-rules.test.ts'],
  'src/engine/conditions.ts': ['test/engine/conditions-operators.test.ts', 'test/engine/conditions-split.test.ts', 'test/rules/rules', 'test/rules/messages.test.ts'],
  'src/engine/attribution.ts': ['test/engine/attribution-signals.test.ts', 'test/engine/attribution-inherit.test.ts', 'test/engine/attribution-table.test.ts', 'test/engine/unknown-tags.test.ts', 'test/rules/rules'],
  'src/engine/analyses/access-matrix.ts': ['test/engine/analyses/access-matrix.test.ts', 'test/engine/analyses/access-outcomes.test.ts', 'test/engine/analyses/access-paths.test.ts', 'test/engine/analyses/access-rules.test.ts'],
  'src/engine/analyses/cost-actual.ts': ['test/engine/analyses/cost-ceiling.test.ts', 'test/engine/analyses/cost-inputs.test.ts', 'test/engine/analyses/cost-estimate.test.ts', 'test/engine/analyses/cost-rules.test.ts'],
  'src/engine/analyses/cost-ceiling.ts': ['test/engine/analyses/cost-ceiling-outcomes.test.ts', 'test/engine/analyses/cost-ceiling.test.ts', 'test/engine/analyses/cost-environment-errors.test.ts', 'test/engine/analyses/cost-estimate-lines.test.ts', 'test/engine/analyses/cost-estimate.test.ts', 'test/engine/analyses/cost-live-prices.test.ts', 'test/engine/analyses/cost-rules.test.ts'],
  'src/engine/analyses/cost-environments.ts': ['test/engine/analyses/cost-ceiling.test.ts', 'test/engine/analyses/cost-inputs.test.ts', 'test/engine/analyses/cost-estimate.test.ts', 'test/engine/analyses/cost-rules.test.ts'],
  'src/engine/analyses/cost-estimate.ts': ['test/engine/analyses/cost-ceiling-outcomes.test.ts', 'test/engine/analyses/cost-ceiling.test.ts', 'test/engine/analyses/cost-estimate-lines.test.ts', 'test/engine/analyses/cost-estimate.test.ts', 'test/engine/analyses/cost-live-prices.test.ts', 'test/engine/analyses/cost-rules.test.ts'],
  'src/engine/analyses/cost-estimator.ts': ['test/engine/analyses/cost-ceiling-outcomes.test.ts', 'test/engine/analyses/cost-ceiling.test.ts', 'test/engine/analyses/cost-estimate-lines.test.ts', 'test/engine/analyses/cost-estimate.test.ts', 'test/engine/analyses/cost-live-prices.test.ts', 'test/engine/analyses/cost-rules.test.ts'],
  'src/engine/analyses/subnet-routes.ts': ['test/engine/analyses/subnet-routes.test.ts', 'test/engine/analyses/private-subnets.test.ts', 'test/rules/rules/private-subnets.test.ts'],
  'src/engine/analyses/private-subnets.ts': ['test/engine/analyses/private-subnets.test.ts', 'test/engine/analyses/subnet-routes.test.ts', 'test/rules/rules/private-subnets.test.ts', 'test/rules/rules/availability-zone-count.test.ts'],
  'src/engine/analyses/ingress-sources.ts': ['test/engine/analyses/ingress-sources.test.ts', 'test/rules/rules/allowed-ingress.test.ts', 'test/rules/rules/bastion-ssh.test.ts', 'test/rules/rules/private-subnets.test.ts'],
  'src/engine/analyses/environment-presence.ts': ['test/engine/analyses/environment-presence.test.ts', 'test/rules/rules/availability-zone-count.test.ts', 'test/rules/rules/required-resource-types.test.ts'],
  'src/engine/analyses/operations-presence.ts': ['test/engine/analyses/operations-presence.test.ts', 'test/rules/rules/dashboards-present.test.ts', 'test/rules/rules/dns-records-present.test.ts'],
  'src/engine/analyses/parity.ts': ['test/engine/analyses/parity.test.ts', 'test/engine/analyses/parity-rules.test.ts'],
  'src/engine/analyses/audit-trails.ts': ['test/engine/analyses/audit-trails.test.ts', 'test/rules/rules/cloudtrail-per-environment.test.ts'],
  'src/engine/analyses/cost-share.ts': ['test/engine/analyses/cost-share.test.ts'],
  'src/engine/analyses/environment-counts.ts': ['test/engine/analyses/environment-counts.test.ts', 'test/engine/analyses/environment-presence.test.ts', 'test/rules/rules/instance-count.test.ts', 'test/rules/rules/load-balancer-presence.test.ts'],
  'src/engine/analyses/resource-policy-paths.ts': ['test/engine/analyses/resource-policies.test.ts', 'test/engine/analyses/resource-policy-positions.test.ts', 'test/engine/analyses/resource-policy-rules.test.ts'],
  'src/engine/analyses/resource-policy-public.ts': ['test/engine/analyses/resource-policies.test.ts', 'test/engine/analyses/resource-policy-public.test.ts', 'test/engine/analyses/resource-policy-rules.test.ts'],
  'src/engine/analyses/support.ts': ['test/engine/analyses/support.test.ts'],
  'src/engine/analyses/s3-lifecycle.ts': ['test/engine/analyses/s3-lifecycle.test.ts', 'test/rules/rules/s3-lifecycle.test.ts'],
  'src/engine/analyses/backup-plan-coverage.ts': ['test/engine/analyses/backup-plan-coverage.test.ts', 'test/rules/rules/backup-plan-coverage.test.ts'],
  'src/engine/analyses/network.ts': ['test/engine/analyses/ingress-sources.test.ts', 'test/rules/rules/default-vpc-use.test.ts', 'test/rules/rules/restricted-ingress.test.ts', 'test/rules/rules/vpc-cidr-overlap.test.ts'],
  'src/engine/analyses/snapshot-age.ts': ['test/engine/analyses/snapshot-age.test.ts', 'test/rules/rules/snapshot-age.test.ts'],
  'src/engine/declarative.ts': ['test/engine/declarative.test.ts'],
  'src/engine/spec-location.ts': ['test/engine/spec-location.test.ts'],
  'src/engine/arn-views.ts': ['test/engine/arn-views.test.ts', 'test/engine/context-arn-views.test.ts'],
  'src/engine/attribution-table.ts': ['test/engine/attribution-table.test.ts'],
  'src/engine/exclusions.ts': ['test/engine/exclusions-match.test.ts', 'test/engine/exclusions.test.ts'],
  'src/engine/coverage-gaps.ts': ['test/engine/coverage-gaps.test.ts', 'test/engine/unreachable-account.test.ts'],
  'src/engine/collection-errors.ts': ['test/engine/collection-errors.test.ts', 'test/engine/coverage-gaps.test.ts', 'test/engine/declarative.test.ts', 'test/engine/inbound-gaps.test.ts', 'test/engine/unreachable-account.test.ts'],
  'src/engine/furniture.ts': ['test/engine/furniture-classify.test.ts', 'test/engine/furniture.test.ts'],
  'src/engine/unknown-tags.ts': ['test/engine/unknown-tags-settle.test.ts', 'test/engine/unknown-tags.test.ts'],
  'src/engine/exemptions.ts': ['test/engine/declarative.test.ts', 'test/engine/exemptions.test.ts', 'test/engine/furniture.test.ts'],
  'src/engine/inheritance.ts': ['test/engine/attribution-inherit.test.ts', 'test/engine/inheritance.test.ts'],
  'src/engine/env-memo.ts': ['test/engine/pass-counter.test.ts', 'test/engine/conditions-split.test.ts'],
  'src/engine/pass-counter.ts': ['test/engine/pass-counter.test.ts'],
  'src/engine/patterns.ts': ['test/engine/patterns.test.ts'],
  'src/engine/refs.ts': ['test/engine/refs.test.ts', 'test/engine/conditions-operators.test.ts', 'test/engine/conditions-split.test.ts'],
  'src/collect/finish.ts': ['test/collect/finish-account.test.ts', 'test/collect/untagged-types.test.ts', 'test/collect/edge.mock.test.ts'],
  'src/collect/spill.ts': ['test/collect/spill.test.ts'],
  'src/gate': ['test/gate'],
  'src/gate/sharded-scan.ts': ['test/gate/shard-files.test.ts', 'test/gate/sharded-scan.test.ts'],
  'src/gate/diff.ts': ['test/gate/diff.test.ts', 'test/gate/diff-outcomes.test.ts'],
  'src/gate/merge.ts': ['test/gate/merge.test.ts', 'test/gate/merge-outcomes.test.ts'],
  'src/gate/report-file.ts': ['test/gate/report-file.test.ts', 'test/gate/report-parse.test.ts'],
  'src/gate/waivers.ts': ['test/gate/waivers.test.ts', 'test/gate/waivers-parse.test.ts', 'test/gate/decide-behaviour.test.ts'],
  'src/gate/locate.ts': ['test/gate/locate.test.ts', 'test/gate/waivers.test.ts', 'test/gate/waivers-parse.test.ts', 'test/gate/report-file.test.ts', 'test/gate/report-parse.test.ts'],
  'src/gate/schema-errors.ts': ['test/gate/schema-errors.test.ts', 'test/gate/waivers.test.ts', 'test/gate/waivers-parse.test.ts', 'test/gate/report-file.test.ts', 'test/gate/report-parse.test.ts'],
  'src/gate/waiver-schema.ts': ['test/gate/waivers.test.ts'],
  'src/rules': ['test/rules'],
  'src/rules/conditions-check.ts': ['test/rules/load.test.ts', 'test/rules/rule-checks.test.ts'],
  'src/rules/paths-check.ts': ['test/rules/paths-check.test.ts', 'test/rules/paths-check-cases.test.ts'],
  'src/rules/load.ts': ['test/rules/load.test.ts', 'test/rules/load-checks.test.ts', 'test/rules/rule-checks.test.ts', 'test/rules/paths-check.test.ts', 'test/rules/catalogue.test.ts'],
  'src/rules/schema.ts': ['test/rules/load.test.ts'],
  'src/spec': ['test/spec'],
  'src/report': ['test/report'],
  'src/model': ['test/model', 'test/spec'],
};

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  process.stderr.write(`mutate: ${message}\n`);
  process.exit(2);
}

function parse(argv) {
  const opts = { targets: [], force: false, ci: false, concurrency: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force') opts.force = true;
    else if (a === '--ci') opts.ci = true;
    else if (a === '--concurrency') opts.concurrency = argv[++i];
    else if (a.startsWith('-')) fail(`unknown option ${a}`);
    else opts.targets.push(a);
  }
  if (opts.ci) opts.targets.push(...CI_TARGETS);
  if (opts.targets.length === 0) fail('usage: npm run mutate -- [--force] [--concurrency N] [--ci] src/FILE.ts|src/FOLDER ...');
  if (opts.concurrency !== undefined && !/^[1-9]\d*$/.test(opts.concurrency)) fail(`--concurrency wants a positive whole number, not ${opts.concurrency}`);
  return opts;
}

/** A target as Stryker's mutate glob: a .ts file under src/, or every .ts file below a folder. */
function globFor(target) {
  const rel = path.relative(ROOT, path.resolve(target)).split(path.sep).join('/');
  if (!(rel === 'src' || rel.startsWith('src/'))) fail(`${target}: only files and folders under src/ are mutated`);
  if (!existsSync(path.join(ROOT, rel))) fail(`${target}: no such file or folder`);
  if (statSync(path.join(ROOT, rel)).isDirectory()) return `${rel.replace(/\/$/, '')}/**/*.ts`;
  if (!rel.endsWith('.ts')) fail(`${target}: not a TypeScript module`);
  return rel;
}

/** The mutation score per file from Stryker's JSON report: (killed + timeout) / valid mutants. */
function scores(reportFile) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const rows = [];
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const count = (...states) => mutants.filter((m) => states.includes(m.status)).length;
    const detected = count('Killed', 'Timeout');
    const valid = detected + count('Survived', 'NoCoverage');
    rows.push({ file, detected, valid, score: valid === 0 ? 100 : (100 * detected) / valid });
  }
  return rows;
}

const opts = parse(process.argv.slice(2));
const globs = [...new Set(opts.targets.map(globFor))];
const slug = opts.ci ? 'ci' : globs.join('+').replace(/\/\*\*\/\*\.ts/g, '').replace(/[^A-Za-z0-9._+-]+/g, '_');
const testDirs = new Set();
for (const g of globs) {
  const prefix = Object.keys(TESTS_FOR).filter((p) => g === p || g.startsWith(`${p}/`)).sort((a, b) => b.length - a.length)[0];
  // A target outside the table (or src/ itself) runs every unit test folder (the config's default).
  if (prefix === undefined) {
    testDirs.clear();
    testDirs.add('*');
  } else if (!testDirs.has('*')) for (const d of TESTS_FOR[prefix]) testDirs.add(d);
}
const env = { ...process.env, ENVGATE_MUTATE_SLUG: slug };
if (!testDirs.has('*')) env.ENVGATE_MUTATE_TESTS = [...testDirs].sort().join(',');
if (opts.ci) env.ENVGATE_MUTATE_BREAK = String(CI_BREAK);
if (opts.concurrency) env.ENVGATE_MUTATE_CONCURRENCY = opts.concurrency;
const args = ['stryker', 'run', '.ci/stryker.config.mjs', '--mutate', globs.join(','), ...(opts.force ? ['--force'] : [])];
const started = Date.now();
const r = spawnSync('npx', args, { cwd: ROOT, env, stdio: 'inherit', shell: process.platform === 'win32' });
if (r.error) fail(`npx stryker: ${r.error.message}`);
const reportFile = path.join(ROOT, '.cache', 'stryker', 'reports', slug, 'mutation.json');
if (existsSync(reportFile)) {
  const rows = scores(reportFile);
  const total = rows.reduce((t, x) => ({ detected: t.detected + x.detected, valid: t.valid + x.valid }), { detected: 0, valid: 0 });
  process.stdout.write(`\nmutate: ${globs.join(' ')} in ${Math.round((Date.now() - started) / 1000)} s\n`);
  for (const x of rows) process.stdout.write(`  ${x.score.toFixed(1).padStart(5)}%  ${String(x.detected).padStart(4)}/${String(x.valid).padEnd(4)}  ${x.file}\n`);
  process.stdout.write(`  ${(total.valid === 0 ? 100 : (100 * total.detected) / total.valid).toFixed(1).padStart(5)}%  ${String(total.detected).padStart(4)}/${String(total.valid).padEnd(4)}  (all)\n`);
  process.stdout.write(`  report: ${path.relative(ROOT, path.dirname(reportFile))}/mutation.html\n`);
}
process.exit(r.status ?? 1);
