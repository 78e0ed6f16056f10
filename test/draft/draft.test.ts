import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDrafts, DRAFT_FIXTURES, measureTable } from '../../bench/drafts.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { draftSpec } from '../../src/draft/draft.js';
import { parseSpec } from '../../src/spec/load.js';

const env = { SOURCE_DATE_EPOCH: '0' };
const SMALL = 'test/draft/data/small.md';

describe('envgate draft', () => {
  it('writes a cited spec, leaves an ambiguous field out and lists unmapped lines', async () => {
    const d = await draftSpec([{ name: 'small.md', text: readFileSync(SMALL, 'utf8') }]);
    expect(d.yaml).toBe(
      [
        '# Drafted by envgate draft from small.md.',
        '# Every value cites DOC:LINE and the text it came from. Review before use: the draft',
        '# encodes what the document says, not what it means. PLACEHOLDER marks values the',
        '# schema needs and the document does not give.',
        'version: 1',
        'system:',
        '  # small.md:1 "Shop Platform"',
        '  name: shop-platform',
        '  document: Shop Platform',
        'environments:',
        '  staging:',
        '    # PLACEHOLDER the document names no account for staging: replace the id.',
        '    accounts:',
        '      - { id: "000000000000" }',
        '    # PLACEHOLDER the document names no region for staging: replace it.',
        '    regions: [us-east-1]',
        '    compute:',
        '      instanceTypes:',
        '        # small.md:5 "instance_type = \\"t3.small\\""',
        '        - t3.small',
        '      # small.md:6 "enable_load_balancer = true"',
        '      loadBalancer: required',
        '  production:',
        '    # PLACEHOLDER the document names no account for production: replace the id.',
        '    accounts:',
        '      - { id: "000000000000" }',
        '    # PLACEHOLDER the document names no region for production: replace it.',
        '    regions: [us-east-1]',
        '    network:',
        '      vpcCidrs:',
        '        # small.md:14 "vpc_cidr = \\"10.0.0.0/16\\""',
        '        - 10.0.0.0/16',
        '      # small.md:14 "vpc_cidr = \\"10.0.0.0/16\\""',
        '      forbidDefaultVpc: true',
        '    compute:',
        '      instanceTypes:',
        '        # small.md:13 "instance_type = \\"t3.large\\""',
        '        - t3.large',
        '',
        '# Ambiguities (left out of the draft; decide and add them by hand):',
        '# - staging: cost/monthlyCeilingUsd: the document gives 40 and 45',
        '#     small.md:8 "**Estimated Staging Costs: ~$40/month**"',
        '#     small.md:9 "**Estimated Staging Costs: ~$45/month**"',
        '',
        '# Not mapped to the spec (requirements envgate cannot check, or could not read):',
        '# - small.md:16 "- Encrypted at rest": encryption at rest without a resource kind: the spec lists the types that must be encrypted',
        '',
      ].join('\n'),
    );
    expect(() => parseSpec(d.yaml, 'draft.yaml')).not.toThrow();
  });

  it('CLI: prints the draft, reports the ambiguity on stderr, exits 0', async () => {
    const out = memoryOutput();
    expect(await main(['draft', SMALL], env, out)).toBe(0);
    expect(out.stdout.join('\n')).toContain('loadBalancer: required');
    expect(out.stderr.some((l) => l.startsWith('ambiguous: staging: cost/monthlyCeilingUsd: the document gives 40 and 45'))).toBe(true);
  });

  it('CLI --check: drift both ways with both locations, exit 1; in step, exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envgate-draft-'));
    const spec = join(dir, 'envgate.yaml');
    writeFileSync(
      spec,
      'version: 1\nsystem: { name: shop }\nenvironments:\n  staging:\n    accounts: [{ id: "000000000000" }]\n    regions: [us-east-1]\n    compute:\n      instanceTypes: [t3.medium]\n      loadBalancer: required\n',
    );
    const doc = join(dir, 'doc.md');
    writeFileSync(doc, '### Staging Environment\n```hcl\ninstance_type = "t3.small"\nenable_load_balancer = true\n```\n');
    const out = memoryOutput();
    expect(await main(['draft', '--check', doc, '--spec', spec], env, out)).toBe(1);
    expect(out.stdout).toEqual([
      `not in spec: ${doc}:3 "instance_type = \\"t3.small\\"" gives /environments/staging/compute/instanceTypes/t3.small`,
      `not in document: ${spec}:5 has /environments/staging/accounts/000000000000; ${doc} gives no source`,
      `not in document: ${spec}:6 has /environments/staging/regions/us-east-1; ${doc} gives no source`,
      `not in document: ${spec}:8 has /environments/staging/compute/instanceTypes/t3.medium; ${doc} gives no source`,
    ]);
    writeFileSync(doc, '### Staging Environment\n```hcl\ninstance_type = "t3.medium"\nenable_load_balancer = true\nalarm_actions = ["arn:aws:sns:us-east-1:000000000000:a"]\n```\n');
    const ok = memoryOutput();
    expect(await main(['draft', '--check', doc, '--spec', spec], env, ok)).toBe(0);
  });

  it('CLI: a missing document or --check without --spec is exit 2, no stack', async () => {
    const out = memoryOutput();
    expect(await main(['draft', 'no-such.md'], env, out)).toBe(2);
    expect(out.stderr.join('\n')).toContain('no-such.md');
    expect(out.stderr.join('\n')).not.toContain('    at ');
    const o2 = memoryOutput();
    expect(await main(['draft', '--check', SMALL], env, o2)).toBe(2);
    expect(o2.stderr.join('\n')).toContain('--check needs --spec FILE');
  });
});

describe('golden drafts of the seed documents (../shared/seeds)', () => {
  it('are current (npm run drafts), valid specs, with every value cited', async () => {
    const drafts = await buildDrafts();
    expect(drafts.map((d) => d.fixture)).toEqual(DRAFT_FIXTURES.map((f) => f.fixture));
    for (const d of drafts) {
      expect(readFileSync(d.file, 'utf8'), `${d.file} is stale: run npm run drafts`).toBe(d.yaml);
      expect(() => parseSpec(d.yaml, d.file)).not.toThrow();
      expect(d.uncited, `${d.fixture}: draft values without a citation`).toBe(0);
    }
    expect(readFileSync('README.md', 'utf8'), 'README measured table: paste npm run drafts output').toContain(measureTable(drafts));
  });
});
