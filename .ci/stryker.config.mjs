// Stryker mutation testing, run through .ci/mutate.mjs (`npm run mutate -- TARGET...`),
// which passes the files to mutate and names the incremental and report files.
// Only unit tests run: they import src/ directly, while the CLI and dist tests run the
// compiled dist/ (which a mutant never reaches) and emulator tests need moto_server.
import { readdirSync } from 'node:fs';

/** Unit test folders: tests there import src/ (mutated in the sandbox) directly. */
const UNIT_DIRS = ['test/engine', 'test/gate', 'test/rules', 'test/spec', 'test/report', 'test/model'];

/**
 * The given test files and every *.test.ts below the given folders (mutate.mjs picks
 * them per target; all unit folders by default) except the emulator suites (Stryker's
 * testFiles has no `!`).
 */
function unitTests(dirs) {
  return dirs.flatMap((dir) =>
    (dir.endsWith('.test.ts') ? [''] : readdirSync(dir, { recursive: true }))
      .map((f) => (f === '' ? dir : `${dir}/${String(f).split('\\').join('/')}`))
      .filter((f) => f.endsWith('.test.ts') && !f.endsWith('.emulator.test.ts')),
  ).sort();
}

const slug = process.env.ENVGATE_MUTATE_SLUG ?? 'all';
const breakAt = process.env.ENVGATE_MUTATE_BREAK ? Number(process.env.ENVGATE_MUTATE_BREAK) : null;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: '.ci/vitest.config.ts', related: false },
  testFiles: unitTests(process.env.ENVGATE_MUTATE_TESTS ? process.env.ENVGATE_MUTATE_TESTS.split(',') : UNIT_DIRS),
  // Each mutant runs only the tests that reached it in the first (dry) run.
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants such as USAGE_KINDS) are not re-evaluated by
  // the vitest runner between mutant runs, so they all "survive" whatever the tests say
  // (checked by hand: removing 'vpc' from USAGE_KINDS fails isolation.test.ts). Ignored,
  // not counted; CONTRIBUTING says so.
  ignoreStatic: true,
  concurrency: Number(process.env.ENVGATE_MUTATE_CONCURRENCY ?? 2),
  // A mutant that loops forever costs this much beyond its tests' own time (x1.5).
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: `.cache/stryker/incremental/${slug}.json`,
  tempDirName: '.cache/stryker/tmp',
  cleanTempDir: true,
  ignorePatterns: ['.cache', 'dist', 'out', 'bench/results', 'node_modules'],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `.cache/stryker/reports/${slug}/mutation.html` },
  jsonReporter: { fileName: `.cache/stryker/reports/${slug}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 85, break: breakAt },
  logLevel: 'info',
  fileLogLevel: 'off',
};
