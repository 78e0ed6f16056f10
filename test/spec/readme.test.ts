import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/load.js';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('<!-- section:spec -->'), readme.indexOf('<!-- /section:spec -->'));

describe('README spec section', () => {
  it('holds an example spec that validates', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const { spec } = parseSpec(example as string, 'README.md');
    expect(Object.keys(spec.environments)).toEqual(['staging', 'production']);
  });

  it('lists every top-level and environment field', () => {
    for (const field of ['attribution.tagKeys', 'shared[]', 'tagging.required', 'teams.<team>', 'access.matrix', 'parity[]', 'collection.configAggregator', 'furniture']) {
      expect(section).toContain(field);
    }
    for (const field of ['aliases', 'accounts[]', 'regions', 'naming.<type>', 'network.vpcCidrs', 'encryption.atRest', 'retention.logGroups[]', 'dataProtection.versioning', 'monitoring.alarms', 'compute.instanceCount', 'cost']) {
      expect(section).toContain(`\`${field}`);
    }
  });
});
