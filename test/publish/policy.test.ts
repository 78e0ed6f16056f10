// publish's permission is its own: the policy file lists exactly the actions it calls,
// and the read-only scan policy holds no Security Hub action at all.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLISH_ACTIONS } from '../../src/publish/security-hub.js';

type Policy = { Statement: { Action: string | string[] }[] };
const actions = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as Policy).Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('Security Hub permission', () => {
  it('is exactly what publish calls', () => {
    expect(actions('src/publish/security-hub-policy.json').sort()).toEqual(['securityhub:BatchImportFindings', 'securityhub:GetFindings']);
    expect([...PUBLISH_ACTIONS].sort()).toEqual(['securityhub:BatchImportFindings', 'securityhub:GetFindings']);
  });

  it('is not part of the read-only scan policy', () => {
    const scan = actions('src/collect/iam-policy.json');
    expect(scan.length).toBeGreaterThan(10);
    expect(scan.filter((a) => a.toLowerCase().startsWith('securityhub:'))).toEqual([]);
  });
});
