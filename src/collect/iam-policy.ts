// The shipped least-privilege policy (iam-policy.json), generated from the operation
// registry: `npm run iam-policy` rewrites it and test/collect/iam-policy.test.ts checks it
// is current. AssumeRole is the one non-read action and gets a statement of its own.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS } from './operations.js';

const ASSUME = 'sts:AssumeRole';

export function renderIamPolicy(): string {
  const read = [...new Set(OPERATIONS.flatMap((o) => o.actions))].filter((a) => a !== ASSUME).sort();
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'EnvgateReadOnlyCollection', Effect: 'Allow', Action: read, Resource: '*' },
      { Sid: 'EnvgateAssumeCollectionRoles', Effect: 'Allow', Action: [ASSUME], Resource: 'arn:aws:iam::*:role/*' },
    ],
  };
  return `${JSON.stringify(policy, null, 2)}\n`;
}

export const IAM_POLICY_FILE = fileURLToPath(new URL('./iam-policy.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'iam-policy.json');
  const before = readFileSync(file, 'utf8');
  const after = renderIamPolicy();
  writeFileSync(file, after);
  console.log(`src/collect/iam-policy.json: ${before === after ? 'unchanged' : 'rewritten'}`);
}
