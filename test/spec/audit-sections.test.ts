// The spec sections secrets, audit and certificates: defaults applied, and bad values
// rejected at their line with the field named.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/diagnostics.js';
import { parseSpec } from '../../src/spec/load.js';

const spec = (sections: string) => `version: 1
system: { name: t }
environments:
  production:
    accounts: [{ id: "123456789012" }]
    regions: [us-west-2]
${sections}`;

function problems(text: string): { code: string; line: number; path: string; message: string }[] {
  try {
    parseSpec(text, 'x.yaml');
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics.map((d) => ({ code: d.code, line: d.line!, path: d.path!, message: d.message }));
    throw err;
  }
  return [];
}

describe('secrets, audit and certificates sections', () => {
  it('reads them, an empty trail requirement asking for a logging trail of its own only', () => {
    const { spec: s } = parseSpec(spec('    secrets: { rotationDays: 30 }\n    audit: { trail: {} }\n    certificates: { minDaysToExpiry: 21, issuers: [Amazon] }\n'), 'x.yaml');
    const p = s.environments.production!;
    expect([p.secrets, p.audit, p.certificates]).toEqual([{ rotationDays: 30 }, { trail: { multiRegion: false, logFileValidation: false, customerManagedKey: false } }, { minDaysToExpiry: 21, issuers: ['Amazon'] }]);
  });

  it('rejects a zero interval, an empty issuer list and a misspelt trail property at their lines', () => {
    const found = problems(spec('    secrets:\n      rotationDays: 0\n    certificates:\n      issuers: []\n    audit:\n      trail: { multiRegoin: true }\n'));
    expect(found.map((d) => [d.code, d.line, d.path])).toEqual([
      ['range', 8, '/environments/production/secrets/rotationDays'],
      ['too-few', 10, '/environments/production/certificates/issuers'],
      ['unknown-key', 12, '/environments/production/audit/trail/multiRegoin'],
    ]);
    expect(found.map((d) => d.message)).toEqual(['0 is not >= 1', 'needs at least 1 entry', 'unknown key "multiRegoin"; did you mean "multiRegion"?']);
  });
});
