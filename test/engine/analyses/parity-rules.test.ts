// The built-in parity rule files through the real loader and engine: together they cover
// every parity property once, and each passes and fails on its own properties.
import { describe, expect, it } from 'vitest';
import { PARITY_PROPERTIES } from '../../../src/engine/analyses/parity.js';
import { evaluate } from '../../../src/engine/evaluate.js';
import { loadRules } from '../../../src/rules/load.js';
import type { Resource } from '../../../src/model/snapshot.js';
import type { ParityProperty } from '../../../src/model/spec.js';
import { loaded } from '../helpers.js';
import { envSpec, makeContext, makeSpec, res } from './cost-context.js';

const IDS = ['parity-protections', 'parity-architecture', 'parity-capacity'];
const rules = loadRules().filter((r) => r.analysis?.name === 'parity');

function env(name: string, k: { encrypted?: boolean; lb?: boolean; type?: string }): Resource[] {
  return [
    res('AWS::S3::Bucket', `${name}-data`, name, { encryption: { enabled: k.encrypted ?? true }, versioning: 'Enabled', logging: { enabled: true }, lifecycle: { rules: [] } }),
    res('AWS::EC2::Instance', `${name}-web`, name, { instanceType: k.type ?? 't3.medium', state: 'running', availabilityZone: 'us-east-1a', securityGroupIds: [], volumeIds: [] }),
    ...(k.lb === false ? [] : [res('AWS::ElasticLoadBalancingV2::LoadBalancer', `${name}-alb`, name, { lbType: 'application', accessLogging: { enabled: true }, deletionProtection: true })]),
  ];
}

function scan(staging: Resource[], production: Resource[]) {
  const spec = makeSpec({ staging: envSpec(), production: envSpec() }, [{ from: 'staging', to: 'production', properties: [...PARITY_PROPERTIES] as ParityProperty[] }]);
  const snapshot = makeContext({ spec, resources: [...staging, ...production] }).snapshot;
  const ev = evaluate({ spec: loaded(spec.spec), snapshot, rules, now: new Date('2025-06-01T00:00:00Z') });
  const by: Record<string, Record<string, string>> = {};
  for (const r of ev.results) (by[r.ruleId] ??= {})[r.resource.name.split(': ')[1]!] = r.status;
  return { ev, by };
}

describe('parity rules', () => {
  it('cover every parity property exactly once', () => {
    expect(rules.map((r) => r.meta.id).sort()).toEqual([...IDS].sort());
    const props = rules.flatMap((r) => (r.analysis!.options.properties as string[]) ?? []);
    expect([...props].sort()).toEqual([...PARITY_PROPERTIES].sort());
  });

  it("'parity-protections' fails on an unencrypted staging bucket and passes otherwise", () => {
    expect(scan(env('staging', { encrypted: false }), env('production', {})).by['parity-protections']!.encryption).toBe('fail');
    expect(scan(env('staging', {}), env('production', {})).by['parity-protections']!.encryption).toBe('pass');
  });

  it("'parity-architecture' fails when staging lacks the load balancer", () => {
    const { by, ev } = scan(env('staging', { lb: false }), env('production', {}));
    expect(by['parity-architecture']).toMatchObject({ loadBalancer: 'fail', resourceKinds: 'fail', availabilityZones: 'pass' });
    const r = ev.results.find((x) => x.ruleId === 'parity-architecture' && x.status === 'fail')!;
    expect(r.category).toBe('parity');
    expect(r.specLocation?.path).toMatch(/^\/parity\/0\/properties\/\d+$/);
    expect(r.resource.environment).toBe('staging');
    expect(scan(env('staging', {}), env('production', {})).by['parity-architecture']!.loadBalancer).toBe('pass');
  });

  it("'parity-capacity' fails on another instance type and passes on the same", () => {
    expect(scan(env('staging', { type: 't2.micro' }), env('production', {})).by['parity-capacity']).toEqual({ instanceTypes: 'fail', instanceCount: 'pass' });
    expect(scan(env('staging', {}), env('production', {})).by['parity-capacity']).toEqual({ instanceTypes: 'pass', instanceCount: 'pass' });
  });
});
