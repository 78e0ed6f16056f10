// The per-type config schemas: one for every described type, every fixture's configs
// fit them, and a snapshot whose config breaks its type's schema is refused at the line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parseSnapshot, serializeSnapshot, sortSnapshot } from '../../src/collect/snapshot-io.js';
import { SNAPSHOT_SCHEMA } from '../../src/collect/snapshot-schema.js';
import { CONFIG_SCHEMAS, DESCRIBED_TYPES } from '../../src/collect/catalogue/index.js';
import { lookupPath } from '../../src/model/config-schemas.js';
import { withReference } from '../../src/collect/catalogue/reference.js';
import { InputError } from '../../src/model/diagnostics.js';
import type { Snapshot } from '../../src/model/snapshot.js';

const fixture = (): Snapshot => JSON.parse(readFileSync('fixtures/mht-api/snapshot.json', 'utf8')) as Snapshot;

describe('CONFIG_SCHEMAS', () => {
  it('has a schema for exactly the types envgate describes', () => {
    expect(Object.keys(CONFIG_SCHEMAS)).toEqual(DESCRIBED_TYPES);
  });

  it('resolves dotted paths, free-keyed maps and any-typed values', () => {
    expect(lookupPath(CONFIG_SCHEMAS['AWS::S3::Bucket']!, 'encryption.kmsKeyArn')).toEqual({ ok: true, schema: { type: 'string' } });
    expect(lookupPath(CONFIG_SCHEMAS['AWS::S3::Bucket']!, 'lifecycle.rules.0.transitions')).toMatchObject({ ok: true, schema: { type: 'array' } });
    expect(lookupPath(CONFIG_SCHEMAS['AWS::S3::Bucket']!, 'policy.Statement.0.Effect')).toEqual({ ok: true, schema: {} });
    expect(lookupPath(CONFIG_SCHEMAS['AWS::CloudWatch::Alarm']!, 'dimensions.DBInstanceIdentifier')).toEqual({ ok: true, schema: { type: 'string' } });
    expect(lookupPath(CONFIG_SCHEMAS['AWS::S3::Bucket']!, 'logging.target')).toEqual({ ok: false, at: 'logging.target', known: ['enabled', 'targetBucket'] });
    expect(lookupPath(CONFIG_SCHEMAS['AWS::EC2::VPC']!, 'isDefault.x')).toEqual({ ok: false, at: 'isDefault.x', known: [] });
  });

  it('accepts every fixture snapshot', () => {
    for (const name of ['3mtt-chatbot', 'ai-sdlc', 'mht-api', 'monepiceriz']) {
      const file = `fixtures/${name}/snapshot.json`;
      expect(() => parseSnapshot(readFileSync(file, 'utf8'), file)).not.toThrow();
    }
  });
});

describe('snapshots validated per type', () => {
  function problems(snap: Snapshot) {
    try {
      parseSnapshot(serializeSnapshot(snap), 'snap.json');
    } catch (err) {
      if (err instanceof InputError) return err.diagnostics.map((d) => [d.code, d.path, d.line > 1]);
      throw err;
    }
    return [];
  }

  it('refuses a wrongly typed or unknown config property, at its record', () => {
    const snap = sortSnapshot(fixture());
    const i = snap.resources.findIndex((r) => r.type === 'AWS::S3::Bucket');
    const j = snap.resources.findIndex((r) => r.type === 'AWS::Logs::LogGroup');
    (snap.resources[i]!.config as Record<string, unknown>).versioning = true;
    (snap.resources[j]!.config as Record<string, unknown>).retentionInDays = 30;
    expect(problems(snap).sort()).toEqual(
      [
        ['schema-enum', `/resources/${i}/config/versioning`, true],
        ['unknown-key', `/resources/${j}/config/retentionInDays`, true],
      ].sort(),
    );
  });

  it('is stated in the published snapshot schema too (envgate schema snapshot)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(SNAPSHOT_SCHEMA);
    const snap = sortSnapshot(fixture());
    expect(validate(snap)).toBe(true);
    const i = snap.resources.findIndex((r) => r.type === 'AWS::EC2::VPC');
    (snap.resources[i]!.config as Record<string, unknown>).isDefault = 'no';
    expect(validate(snap)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain(`/resources/${i}/config/isDefault`);
  });

  it('leaves the config of types described only by the Tagging API to be empty or anything', () => {
    const snap = fixture();
    snap.resources.push({ ...snap.resources[0]!, arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/f', type: 'AWS::ECS::Cluster', id: 'f', name: 'f', config: {}, relations: [] });
    expect(problems(snap)).toEqual([]);
  });
});

describe('README collected configuration table', () => {
  it('is current (npm run config-reference)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(withReference(readme)).toBe(readme);
    expect(readme).toContain('| `AWS::Logs::LogGroup` | `retentionDays` integer or null,');
  });
});
