// The spec's type lists accept exactly the types the built-in rules behind them check,
// and the AWS value lists are what the SDK's data says today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { AWS_VALUES_FILE, awsValuesText } from '../../src/spec/aws-values/build.js';
import { COLLECTED_TYPES, REQUIREMENT_TYPES } from '../../src/spec/requirement-types.js';

describe('REQUIREMENT_TYPES', () => {
  const rules = loadRules();
  it.each(Object.keys(REQUIREMENT_TYPES).filter((l) => REQUIREMENT_TYPES[l] !== COLLECTED_TYPES))('%s lists the types of its rules', (location) => {
    const requirement = location.replace(/\/(type|byType)$/, '');
    const behind = rules.filter((r) => r.meta.requirement === requirement);
    expect(behind.length).toBeGreaterThan(0);
    const types = [...new Set(behind.flatMap((r) => r.meta.resourceTypes))].sort();
    expect([...REQUIREMENT_TYPES[location]!].sort()).toEqual(types);
  });

  it('lets the all-type requirements name any collected type, Tagging API types included', () => {
    for (const t of ['AWS::S3::Bucket', 'AWS::IAM::Role', 'AWS::SecretsManager::Secret', 'AWS::ECS::Cluster', 'AWS::Lambda::Function']) {
      expect(COLLECTED_TYPES).toContain(t);
    }
    expect(COLLECTED_TYPES).not.toContain('AWS::Ecs::Cluster');
    for (const r of ['naming-convention', 'isolation-shared-resources']) expect(rules.find((x) => x.meta.id === r)?.meta.resourceTypes).toEqual(['*']);
  });
});

describe('aws-values.json', () => {
  it('is current with the SDK data (npm run aws-values regenerates it)', () => {
    expect(readFileSync(AWS_VALUES_FILE, 'utf8')).toBe(awsValuesText());
  });
});
