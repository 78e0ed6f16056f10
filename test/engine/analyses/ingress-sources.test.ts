// bastion-ssh and allowed-ingress beyond the rule cases: the evidence and wording of each
// result, ingress rules not collected, and how groups and bastions are matched.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError, Resource } from '../../../src/model/snapshot.js';
import type { Spec } from '../../../src/model/spec.js';
import { loadRules } from '../../../src/rules/load.js';
import { net } from '../../rules/rule-tester.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, snapshot } from '../helpers.js';

const RULES = new Map(loadRules().map((r) => [r.meta.id, r]));
const SG = 'AWS::EC2::SecurityGroup';
const INSTANCE = 'AWS::EC2::Instance';
const rule = (over: { protocol?: string; fromPort?: number; toPort?: number; cidrs?: string[]; groupIds?: string[] }) => ({ protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: [], groupIds: [], ...over });
const group = (name: string, id: string, ingress: unknown, over: Partial<Resource> = {}) => prod(SG, name, { id, config: { groupId: id, groupName: name, vpcId: 'vpc-1', ingress, egress: [] }, ...over });

function run(id: string, network: Partial<NonNullable<Spec['environments'][string]['network']>>, resources: Resource[], errors: CollectionError[] = []) {
  const spec = baseSpec();
  spec.environments.production!.network = net(network);
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { errors }), rules: [RULES.get(id)!], now: NOW });
  return Object.fromEntries(ev.results.map((r) => [r.resource.name, { status: r.status, message: r.message, evidence: r.evidence, reason: r.reason, path: r.specLocation?.path }]));
}

describe('bastion-ssh', () => {
  const bastion = (over: object = {}) => ({ bastion: { names: ['jump-*'], tags: {}, sshFrom: ['10.8.0.0/16'], ...over } });

  it('a group admitting SSH from the world fails, listing the allowed sources: bastion groups sorted, then ranges', () => {
    const got = run('bastion-ssh', bastion(), [
      prod(INSTANCE, 'jump-1', { config: { securityGroupIds: ['sg-jz'] }, relations: [{ kind: 'security-group', target: `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:security-group/sg-ja` }] }),
      group('app', 'sg-app', [rule({ cidrs: ['0.0.0.0/0', '10.8.1.0/24'], groupIds: ['sg-x', 'sg-ja', 'sg-app'] }), rule({ fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'] })]),
    ]);
    expect(got.app).toEqual({
      status: 'fail',
      message: "AWS::EC2::SecurityGroup 'app': admits SSH (port 22) from 0.0.0.0/0, sg-x; production admits SSH only from the bastion or its listed ranges: sg-ja, sg-jz, 10.8.0.0/16",
      evidence: { observed: { sshSources: ['0.0.0.0/0', 'sg-x'], bastionInstances: 1 }, expected: { sshFrom: ['sg-ja', 'sg-jz', '10.8.0.0/16'] } },
      reason: undefined,
      path: '/environments/production/network/bastion',
    });
  });

  it('with no bastion instance and no ranges: allowed from nowhere, and says no instance matches', () => {
    const got = run('bastion-ssh', bastion({ sshFrom: [] }), [group('app', 'sg-app', [rule({ cidrs: ['10.0.0.0/8'] })])]);
    expect(got.app!.message).toBe("AWS::EC2::SecurityGroup 'app': admits SSH (port 22) from 10.0.0.0/8; production admits SSH only from the bastion or its listed ranges: nowhere (no instance matches the bastion names or tags)");
  });

  it('a bastion found by tag; a pass carries the evidence', () => {
    const got = run('bastion-ssh', bastion({ names: [], tags: { Role: 'bastion' } }), [
      prod(INSTANCE, 'b', { tags: { Environment: 'production', Role: 'bastion' }, config: { securityGroupIds: ['sg-b'] } }),
      prod(INSTANCE, 'other', { tags: { Environment: 'production', Role: 'web' }, config: { securityGroupIds: ['sg-o'] } }),
      group('app', 'sg-app', [rule({ groupIds: ['sg-b'] }), rule({ fromPort: 80, toPort: 80, groupIds: ['sg-o'] })]),
    ]);
    expect(got.app).toEqual({
      status: 'pass',
      message: "AWS::EC2::SecurityGroup 'app': admits SSH only from the bastion or its listed ranges",
      evidence: { observed: { sshSources: [], bastionInstances: 1 }, expected: { sshFrom: ['sg-b', '10.8.0.0/16'] } },
      reason: undefined,
      path: '/environments/production/network/bastion',
    });
  });

  it('ingress not collected: not-evaluated, or the collection error when there is one', () => {
    const err: CollectionError = { accountId: PROD_ACCOUNT, region: 'us-east-1', service: 'ec2', operation: 'DescribeSecurityGroups', code: 'AccessDenied', message: 'denied', affects: [SG] };
    expect(run('bastion-ssh', bastion(), [group('g', 'sg-g', undefined)]).g).toEqual({
      status: 'not-evaluated', message: "AWS::EC2::SecurityGroup 'g': ingress rules not collected", evidence: {}, reason: 'config.ingress not collected', path: '/environments/production/network/bastion',
    });
    expect(run('bastion-ssh', bastion(), [group('g', 'sg-g', undefined)], [err]).g).toEqual({
      status: 'not-evaluated', message: "AWS::EC2::SecurityGroup 'g': ingress not evaluated", evidence: {}, reason: `collection error ec2:DescribeSecurityGroups AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied`, path: '/environments/production/network/bastion',
    });
  });

  it('a group without groupId in its config is known by its id, so naming itself is allowed', () => {
    const got = run('bastion-ssh', bastion(), [prod(SG, 'self', { id: 'sg-self', config: { ingress: [rule({ groupIds: ['sg-self'] })] } })]);
    expect(got.self!.status).toBe('pass');
  });
});

describe('allowed-ingress', () => {
  const allowed = { allowedIngress: [{ description: 'VPN', ports: [443, 22], cidrs: ['10.8.0.0/16'] }, { description: 'lb', ports: [443], securityGroups: ['lb-*'] }, { description: 'ops', ports: [443], cidrs: ['10.8.0.0/16', '192.0.2.0/24'] }] };

  it('a failure lists each port with its sources and the port allowlist (union of entries, without repeats)', () => {
    const got = run('allowed-ingress', allowed, [group('app', 'sg-app', [rule({ protocol: '-1', cidrs: ['0.0.0.0/0'], groupIds: ['sg-z'] })])]);
    expect(got.app).toEqual({
      status: 'fail',
      message: "AWS::EC2::SecurityGroup 'app': port 22 admits 0.0.0.0/0, sg-z where production allows only 10.8.0.0/16; port 443 admits 0.0.0.0/0, sg-z where production allows only 10.8.0.0/16, 192.0.2.0/24, lb-*",
      evidence: { observed: [{ port: 22, sources: ['0.0.0.0/0', 'sg-z'] }, { port: 443, sources: ['0.0.0.0/0', 'sg-z'] }], expected: allowed.allowedIngress },
      reason: undefined,
      path: '/environments/production/network/allowedIngress',
    });
  });

  it('a source group matches by its group name, its resource name or its id; a pass names the ports', () => {
    const got = run('allowed-ingress', { allowedIngress: [{ description: 'x', ports: [443, 8443], securityGroups: ['lb-*', 'sg-ok'] }] }, [
      prod(SG, 'Load balancer', { id: 'sg-lb', config: { groupId: 'sg-lb', groupName: 'lb-main', ingress: [] } }),
      prod(SG, 'lb-tagged', { id: 'sg-lb2', config: { groupId: 'sg-lb2', groupName: 'other', ingress: [] } }),
      group('app', 'sg-app', [rule({ fromPort: 443, toPort: 8443, groupIds: ['sg-lb', 'sg-lb2', 'sg-ok'] })]),
    ]);
    expect(got.app!.message).toBe("AWS::EC2::SecurityGroup 'app': admits only allowed sources on ports 443, 8443");
  });

  it('one port is worded singular; an allowlist of no source says so', () => {
    const got = run('allowed-ingress', { allowedIngress: [{ description: 'none', ports: [5432] }] }, [group('db', 'sg-db', []), group('open', 'sg-open', [rule({ fromPort: 5432, toPort: 5432, cidrs: ['10.0.0.0/8'] })])]);
    expect([got.db!.message, got.open!.message]).toEqual([
      "AWS::EC2::SecurityGroup 'db': admits only allowed sources on port 5432",
      "AWS::EC2::SecurityGroup 'open': port 5432 admits 10.0.0.0/8 where production allows only no source",
    ]);
  });

  it('a source group of the same id in another account is not named by this one', () => {
    const got = run('allowed-ingress', { allowedIngress: [{ description: 'lb', ports: [443], securityGroups: ['lb-*'] }] }, [
      prod(SG, 'lb-elsewhere', { accountId: '333333333333', id: 'sg-lb', config: { groupId: 'sg-lb', groupName: 'lb-elsewhere', ingress: [] } }),
      group('app', 'sg-app', [rule({ fromPort: 443, toPort: 443, groupIds: ['sg-lb'] })]),
    ]);
    expect(got.app!.status).toBe('fail');
  });
});
