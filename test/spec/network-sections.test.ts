// The network requirements (privateSubnets, bastion, allowedIngress,
// availabilityZoneCount) and requiredResourceTypes: kept by the loader, bad values
// rejected at their line with the field named.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/diagnostics.js';
import { applyDefaults } from '../../src/spec/defaults.js';
import { parseSpec } from '../../src/spec/load.js';
import { FULL_SPEC } from './data/full-spec.js';

const spec = (sections: string) => `version: 1
system: { name: t }
environments:
  production:
    accounts: [{ id: "123456789012" }]
    regions: [us-west-2]
${sections}`;

function problems(text: string): { code: string; line: number; path: string }[] {
  try {
    parseSpec(text, 'x.yaml');
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics.map((d) => ({ code: d.code, line: d.line!, path: d.path! }));
    throw err;
  }
  return [];
}

describe('network requirements and requiredResourceTypes', () => {
  it('are kept by the loader as written', () => {
    const { spec: s } = parseSpec(
      spec(`    requiredResourceTypes: [AWS::ElastiCache::CacheCluster]
    network:
      privateSubnets: [AWS::EC2::Instance, AWS::RDS::DBInstance]
      bastion: { names: [app-bastion-*], tags: { Role: bastion }, sshFrom: [203.0.113.0/24] }
      allowedIngress: [{ description: VPN, ports: [443, 8443], cidrs: [10.8.0.0/16], securityGroups: [app-lb-*] }]
      availabilityZoneCount: { min: 2, byType: { AWS::EC2::Instance: 2 } }
`),
      'x.yaml',
    );
    const p = s.environments.production!;
    expect(p.requiredResourceTypes).toEqual(['AWS::ElastiCache::CacheCluster']);
    expect(p.network).toEqual({
      vpcCidrs: [],
      subnetCidrs: [],
      availabilityZones: [],
      privateSubnets: ['AWS::EC2::Instance', 'AWS::RDS::DBInstance'],
      bastion: { names: ['app-bastion-*'], tags: { Role: 'bastion' }, sshFrom: ['203.0.113.0/24'] },
      allowedIngress: [{ description: 'VPN', ports: [443, 8443], cidrs: ['10.8.0.0/16'], securityGroups: ['app-lb-*'] }],
      availabilityZoneCount: { min: 2, byType: { 'AWS::EC2::Instance': 2 } },
    });
  });

  it('the loader drops no environment field of the Spec type', () => {
    const out = applyDefaults(JSON.parse(JSON.stringify(FULL_SPEC)));
    const env = (FULL_SPEC.environments as Record<string, object>).staging!;
    expect(Object.keys(out.environments.staging!).sort()).toEqual(Object.keys(env).sort());
    expect(Object.keys(out.environments.staging!.network!).sort()).toEqual(Object.keys((env as { network: object }).network).sort());
  });

  it('rejects a type whose subnets are not collected, a misspelt required type, a port out of range and an empty port list', () => {
    expect(
      problems(
        spec(`    requiredResourceTypes: [AWS::ElastiCache::CacheClusters]
    network:
      privateSubnets: [AWS::ElastiCache::CacheCluster]
      allowedIngress:
        - { ports: [70000] }
        - { ports: [] }
`),
      ).map((d) => [d.code, d.line, d.path]),
    ).toEqual([
      ['resource-type', 7, '/environments/production/requiredResourceTypes/0'],
      ['unchecked-type', 9, '/environments/production/network/privateSubnets/0'],
      ['range', 11, '/environments/production/network/allowedIngress/0/ports/0'],
      ['too-few', 12, '/environments/production/network/allowedIngress/1/ports'],
    ]);
  });
});
