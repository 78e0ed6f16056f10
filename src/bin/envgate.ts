#!/usr/bin/env node
// The installed command (compiled to dist/bin/envgate.js). It imports only the entry
// point; main() loads the one command being run, and the AWS SDK only for live collection.
import module from 'node:module';
import { unsupportedNode } from '../cli/node-version.js';

const refusal = unsupportedNode(process.versions.node);
if (refusal !== undefined) {
  // Before anything else: on an old Node the AWS SDK would print its deprecation warning.
  process.stderr.write(`${refusal}\n`);
  process.exit(2);
}
// Node >= 22.1 caches compiled code between runs (in the OS temp folder): faster starts.
module.enableCompileCache?.();
const { main } = await import('../cli/main.js');
process.exitCode = await main(process.argv.slice(2));
