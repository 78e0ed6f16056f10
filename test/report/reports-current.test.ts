// reports/ holds the sample reports of the four fixture systems; they must be what
// `npm run reports` produces now (regenerate and commit them after an intended change).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeWithFormats, renderSystemReports, SYSTEMS } from '../../reports/regenerate.js';
import { FORMATTERS } from '../../src/report/registry.js';
import { validateReport, validateSarif } from './helpers.js';

describe('sample reports in reports/', () => {
  for (const system of SYSTEMS) {
    it(`${system} is current and valid (run npm run reports when this fails)`, async () => {
      const files = await renderSystemReports(system);
      expect([...files.keys()].map((f) => f.split('/').pop())).toEqual(FORMATTERS.map((f) => f.fileName));
      for (const [file, text] of files) {
        if (file.endsWith('/envgate.json')) validateReport(text);
        if (file.endsWith('.sarif')) validateSarif(text);
        expect(readFileSync(file, 'utf8'), file).toBe(text);
      }
    });
  }
});

describe('README table of formats', () => {
  it('is the one the registry gives (run npm run reports when this fails)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readmeWithFormats(readme)).toBe(readme);
  });
});
