import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/diagnostics.js';
import { loadSpec, loadSpecWithDocument, parseSpec, parseSpecWithDocument, stringifySpecDocument } from '../../src/spec/load.js';
import { tempDir } from '../helpers/tmp.js';

const MINIMAL = 'test/spec/data/minimal.yaml';

function codes(text: string): [string, number][] {
  try {
    parseSpec(text, 'x.yaml');
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics.map((d) => [d.code, d.line]);
    throw err;
  }
  return [];
}

const base = (extra = '') => `version: 1
system: { name: t }
environments:
  staging:
    accounts: [{ id: "123456789012" }]
    regions: [us-west-2]
${extra}`;

describe('loadSpec', () => {
  it('loads a minimal spec, keeps the path as given and hashes the bytes', () => {
    const loaded = loadSpec(MINIMAL);
    expect(loaded.file).toBe(MINIMAL);
    expect(loaded.sha256).toBe(createHash('sha256').update(readFileSync(MINIMAL)).digest('hex'));
    expect(Object.keys(loaded.spec.environments)).toEqual(['staging']);
  });

  it('applies the documented defaults', () => {
    const { spec } = loadSpec(MINIMAL);
    expect(spec.attribution.tagKeys).toEqual(['Environment', 'Env']);
    expect(spec.shared).toEqual([]);
    expect(spec.tagging.required).toEqual([]);
    expect(spec.teams).toEqual({});
    expect(spec.parity).toEqual([]);
    expect(spec.access.matrix).toEqual({});
    expect(spec.access.levels.deploy.categories).toEqual(['List', 'Read', 'Write', 'Tagging']);
    expect(spec.access.levels.full.categories).toContain('Permissions management');
    expect(spec.access.levels.none.categories).toEqual([]);
    const env = spec.environments.staging;
    expect(env?.aliases).toEqual([]);
    expect(env?.attribution).toEqual({ names: [], namesByType: {}, vpcs: [], accountWide: false });
    expect(env?.naming).toEqual({});
    expect(env?.network).toBeUndefined();
  });

  it('defaults inside optional sections and makes a customer-managed key imply encryption at rest', () => {
    const { spec } = parseSpec(
      base(`    encryption: { customerManagedKey: [AWS::SQS::Queue] }
    cost: { monthlyCeilingUsd: 50 }
    retention: { s3Lifecycle: [{ buckets: ["*"] }] }
    access:
`).replace('    access:\n', ''),
      'x.yaml',
    );
    const env = spec.environments.staging;
    expect(env?.encryption).toEqual({ atRest: ['AWS::SQS::Queue'], customerManagedKey: ['AWS::SQS::Queue'], inTransit: { s3TlsOnly: false, httpsListeners: false, databases: false, elasticacheTls: false } });
    expect(env?.cost).toEqual({ monthlyCeilingUsd: 50, source: 'estimate' });
    expect(env?.retention).toEqual({ logGroups: [], s3Lifecycle: [{ buckets: ['*'], prefix: '', transitionMatch: 'onOrBefore', expirationMatch: 'exact', transitions: [] }], backups: [] });
  });

  it('records the position of every value, 1-based', () => {
    const { positions } = loadSpec(MINIMAL);
    expect(positions['']).toEqual({ line: 2, column: 1 });
    expect(positions['/system/name']).toEqual({ line: 4, column: 9 });
    expect(positions['/environments/staging/accounts/0/id']).toEqual({ line: 8, column: 13 });
    expect(positions["/environments/staging/regions/0"]).toEqual({ line: 9, column: 15 });
  });

  it('reads JSON specs', () => {
    const json = JSON.stringify({ version: 1, system: { name: 'j' }, environments: { prod: { accounts: [{ id: '123456789012' }], regions: ['eu-west-1'] } } }, null, 2);
    const loaded = parseSpec(json, 'spec.json');
    expect(loaded.spec.environments.prod?.regions).toEqual(['eu-west-1']);
    expect(loaded.positions["/environments/prod/regions/0"]?.line).toBe(14);
  });

  it('reads an unquoted account id from its source text, leading zeros included', () => {
    const { spec } = parseSpec(base().replace('"123456789012"', '012345678901'), 'x.yaml');
    expect(spec.environments.staging?.accounts[0]?.id).toBe('012345678901');
  });

  it('accepts a $schema key and a byte-order mark', () => {
    const dir = tempDir('envgate-spec-');
    const file = join(dir, 'bom.yaml');
    writeFileSync(file, `\ufeff$schema: ./envgate.schema.json\n${base()}`);
    expect(loadSpec(file).spec.$schema).toBe('./envgate.schema.json');
  });

  it('reports a missing file as one unreadable diagnostic', () => {
    try {
      loadSpec('test/spec/data/no-such-file.yaml');
      expect.unreachable();
    } catch (err) {
      expect((err as InputError).diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['unreadable', 1, 1]]);
    }
  });

  it('keeps comments: writing the document back loses no comment and no value', () => {
    const files = [MINIMAL, ...readdirSync('fixtures').map((d) => `fixtures/${d}/envgate.yaml`).filter((f) => existsSync(f))];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const { document, loaded } = loadSpecWithDocument(file);
      const out = stringifySpecDocument(document);
      const comments = (t: string) => t.split('\n').map((l) => /#.*$/.exec(l)?.[0]).filter((c) => c !== undefined && !c.includes('"'));
      for (const c of comments(text)) expect(out, file).toContain(c);
      expect(parseSpec(out, file).spec).toEqual(loaded.spec);
    }
  });

  it('keeps comments through an edit', () => {
    const { document } = parseSpecWithDocument(`# header\n${base('# trailing comment\n')}`, 'x.yaml');
    document.setIn(['system', 'name'], 'renamed');
    const out = stringifySpecDocument(document);
    expect(out).toContain('# header');
    expect(out).toContain('# trailing comment');
    expect(parseSpec(out, 'x.yaml').spec.system.name).toBe('renamed');
  });

  it('keeps a __proto__ key an ordinary (unknown) key', () => {
    expect(codes(base('__proto__: { polluted: true }\n'))).toEqual([['unknown-key', 7]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('resolves anchors and aliases', () => {
    const text = `version: 1
system: { name: t }
environments:
  staging:
    accounts: &acct [{ id: "123456789012" }]
    regions: &regions [us-west-2]
  production:
    accounts: *acct
    regions: *regions
`;
    expect(parseSpec(text, 'x.yaml').spec.environments.production?.regions).toEqual(['us-west-2']);
  });
});

describe('cross-checks', () => {
  it('rejects a role ARN in another account', () => {
    expect(codes(base().replace('{ id: "123456789012" }', '{ id: "123456789012", roleArn: "arn:aws:iam::210987654321:role/r" }'))).toEqual([['account-mismatch', 5]]);
  });

  it('rejects inverted ranges', () => {
    const text = base(`    compute: { instanceCount: { min: 3, max: 1 } }
    retention:
      logGroups: [{ class: app, match: ["*"], days: 30, maxDays: 7 }]
      s3Lifecycle:
        - buckets: ["*"]
          transitions: [{ days: 90, storageClass: GLACIER }, { days: 30, storageClass: STANDARD_IA }]
          expirationDays: 60
`).replace(/^ {4}/gm, (m) => m);
    expect(codes(text.replace(/\n(?= {4}compute| {4}retention)/g, '\n'))).toEqual([
      ['range', 7],
      ['range', 9],
      ['range', 12],
      ['range', 13],
    ]);
  });

  it('rejects inverted Auto Scaling bounds, at the max', () => {
    const text = base(`    autoScaling:
      minAvailabilityZones: 2
      minSize: { min: 2, max: 1 }
      maxSize: { min: 4, max: 4 }
      desiredCapacity: { min: 5, max: 3 }
`);
    expect(codes(text)).toEqual([
      ['range', 9],
      ['range', 11],
    ]);
  });

  it('flags a likely typo of a known resource type, and a type no rule checks there', () => {
    expect(codes(base('    monitoring: { alarms: [AWS::SQS::Queues, AWS::Lambda::Function] }\n'))).toEqual([['resource-type', 7], ['unchecked-type', 7]]);
    expect(codes(base('    naming: { "AWS::S3::bucket": ["*"] }\n'))).toEqual([['resource-type', 7]]);
  });

  it('suggests the environment an alias belongs to', () => {
    const text = `${base().replace('staging:', 'production:').replace('accounts:', 'aliases: [prod]\n    accounts:')}teams: { Ops: { principals: [{ name: ops }] } }
access: { matrix: { Ops: { prod: full } } }
`;
    try {
      parseSpec(text, 'x.yaml');
      expect.unreachable();
    } catch (err) {
      const [d] = (err as InputError).diagnostics;
      expect(d?.code).toBe('undefined-environment');
      expect(d?.message).toContain('"production"');
    }
  });

  it('reports overlapping CIDRs once, subnets within their VPC are fine', () => {
    const text = `version: 1
system: { name: t }
environments:
  a:
    accounts: [{ id: "123456789012" }]
    regions: [us-west-2]
    network: { vpcCidrs: [10.0.0.0/16], subnetCidrs: [10.0.1.0/24, 10.0.2.0/24] }
  b:
    accounts: [{ id: "123456789012" }]
    regions: [us-west-2]
    network: { vpcCidrs: [10.1.0.0/16, 10.0.0.0/8] }
`;
    expect(codes(text)).toEqual([['cidr-overlap', 11]]);
  });
});

describe('JSON specs', () => {
  const valid = JSON.stringify({ version: 1, system: { name: 'j' }, attribution: { tagKeys: ['env'] }, environments: { production: { accounts: [{ id: '123456789012' }], regions: ['us-east-1'] } } }, null, 2);

  it('a .json spec is read as JSON', () => {
    expect(parseSpec(valid, 'envgate.json').spec.system.name).toBe('j');
  });

  it('a trailing comma in a .json spec is json-syntax at its line and column; the same text as .yaml is read', () => {
    const text = '{\n  "version": 1,\n  "system": { "name": "j" },\n}\n';
    let err: unknown;
    try {
      parseSpec(text, 'envgate.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['json-syntax', 4, 1]]);
    expect((err as InputError).diagnostics[0]!.message).toMatch(/^not valid JSON/);
    // As YAML (flow mapping) the trailing comma is allowed: the error is the schema's, not syntax.
    let yamlErr: unknown;
    try {
      parseSpec(text, 'envgate.yaml');
    } catch (e) {
      yamlErr = e;
    }
    expect((yamlErr as InputError).diagnostics.map((d) => d.code)).not.toContain('json-syntax');
  });

  it('a comment in a .JSON spec is json-syntax', () => {
    expect(() => parseSpec(`// note\n${valid}`, 'SPEC.JSON')).toThrow(InputError);
  });
});
