// `npm pack` of this repository (as built: the test command builds dist/ first), into a
// temporary folder, for the tests that install the package as a user would.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { distBin, ROOT } from './cli.js';

/** Packs into `dir` and returns the tarball's path. Scripts are not run: dist/ is not rebuilt under other tests. */
export function packInto(dir: string): string {
  distBin();
  const json = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(json) as { filename: string }[];
  return path.join(dir, info!.filename);
}

/** Lists the files of a packed tarball, as npm pack --dry-run names them. */
export function packedFiles(): string[] {
  const json = execFileSync('npm', ['pack', '--ignore-scripts', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(json) as { files: { path: string }[] }[];
  return info!.files.map((f) => f.path).sort();
}

/** npm install of `what` into the empty project `dir`; dependencies from the npm cache where it has them. */
export function npmInstall(dir: string, what: string): void {
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', what], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
}
