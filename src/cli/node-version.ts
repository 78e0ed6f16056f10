/** The oldest Node.js major envgate runs on; package.json `engines` says the same (a test checks). */
export const MIN_NODE_MAJOR = 22;

/** Why this Node version cannot run envgate, or undefined when it can. */
export function unsupportedNode(version: string): string | undefined {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (Number.isInteger(major) && major >= MIN_NODE_MAJOR) return undefined;
  return `envgate: needs Node.js ${MIN_NODE_MAJOR} or later, this is ${version.startsWith('v') ? version : `v${version}`} (Node 20 is past its end of life and the AWS SDK no longer supports it)`;
}
