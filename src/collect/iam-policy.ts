// The shipped least-privilege policy (iam-policy.json), generated from the operation
// registry: `npm run iam-policy` rewrites it and test/collect/iam-policy.test.ts checks it
// is current. AssumeRole is the one non-read action and gets a statement of its own, as
// does each read action broader than envgate's use (SCOPED).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS } from './operations.js';

const ASSUME = 'sts:AssumeRole';

/**
 * Read actions broader than what envgate reads, limited to the resources it calls them on.
 * apigateway:GET is every API Gateway read, API key values included: only the REST API
 * listing (GetRestApis) and each API's stage listing (GetStages).
 */
const SCOPED: Readonly<Record<string, { sid: string; resources: string[] }>> = {
  'apigateway:GET': { sid: 'EnvgateApiGatewayStages', resources: ['arn:aws:apigateway:*::/restapis', 'arn:aws:apigateway:*::/restapis/*/stages'] },
};

export function renderIamPolicy(): string {
  const actions = [...new Set(OPERATIONS.flatMap((o) => o.actions))].filter((a) => a !== ASSUME).sort();
  const read = actions.filter((a) => !(a in SCOPED));
  const scoped = actions.filter((a) => a in SCOPED).map((a) => ({ Sid: SCOPED[a]!.sid, Effect: 'Allow', Action: [a], Resource: SCOPED[a]!.resources }));
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'EnvgateReadOnlyCollection', Effect: 'Allow', Action: read, Resource: '*' },
      ...scoped,
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
