import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, res, snapshot } from './helpers.js';

const RULES = loadRules().filter((r) => r.meta.id === 'attribution-missing');

describe('attribution through attachments', () => {
  const volume = (name: string) => res('AWS::EC2::Volume', name, { config: { volumeType: 'gp3', sizeGiB: 8 } });

  it('gives an untagged volume the environment of the instance it is attached to', () => {
    const root = volume('vol-root');
    const loose = volume('vol-loose');
    const instance = prod('AWS::EC2::Instance', 'i-web', { relations: [{ kind: 'volume', target: root.arn }] });
    const ev = evaluate({ spec: loaded(baseSpec()), snapshot: snapshot([instance, root, loose]), rules: RULES, now: NOW });
    expect(ev.attribution[root.arn]).toBe('production');
    expect(ev.attribution[loose.arn]).toBeNull();
    const status = Object.fromEntries(ev.results.map((r) => [r.resource.name, r.status]));
    expect(status).toEqual({ 'i-web': 'pass', 'vol-root': 'pass', 'vol-loose': 'fail' });
  });

  it("keeps a volume's own signals over the instance's", () => {
    const tagged = res('AWS::EC2::Volume', 'vol-stg', { tags: { Environment: 'staging' } });
    const instance = prod('AWS::EC2::Instance', 'i-web', { relations: [{ kind: 'volume', target: tagged.arn }] });
    const ev = evaluate({ spec: loaded(baseSpec()), snapshot: snapshot([instance, tagged]), rules: RULES, now: NOW });
    expect(ev.attribution[tagged.arn]).toBe('staging');
  });

  it('passes nothing on from an instance whose own signals conflict', () => {
    const root = volume('vol-root');
    const instance = res('AWS::EC2::Instance', 'i-web', { tags: { Environment: 'production', env: 'staging' }, relations: [{ kind: 'volume', target: root.arn }] });
    const spec = baseSpec();
    spec.attribution.tagKeys = ['Environment', 'env'];
    const ev = evaluate({ spec: loaded(spec), snapshot: snapshot([instance, root]), rules: RULES, now: NOW });
    expect(ev.attribution[instance.arn]).toBeNull();
    expect(ev.attribution[root.arn]).toBeNull();
  });
});
