import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The package version, reported by --version and stamped into snapshots and reports. */
export const TOOL_VERSION: string = pkg.version;
