// The CSV report, parsed back with an independent RFC 4180 parser (csv-parse).
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderToString } from '../../src/report/formatter.js';
import { csvFormatter } from '../../src/report/csv.js';
import { csvField } from '../../src/report/escape.js';
import { result, sampleContext, sampleEvaluation } from './helpers.js';

const render = (ev = sampleEvaluation()) => renderToString(csvFormatter, ev, sampleContext());
const rows = (text: string) => parse(text, { columns: true, record_delimiter: '\r\n', relax_quotes: false }) as Record<string, string>[];

describe('CSV report', () => {
  it('has a header and one CRLF line per result, every result', () => {
    const text = render();
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 7 + 1);
    expect(lines[0]).toBe(
      'status,waived,severity,category,rule,environment,environments,account,region,resourceType,resourceName,arn,message,reason,specFile,specLine,specPath,baseline,waiverOwner,waiverExpires,fingerprint',
    );
    const parsed = rows(text);
    expect(parsed.map((r) => r.status).sort()).toEqual(['fail', 'fail', 'fail', 'fail', 'fail', 'not-evaluated', 'pass']);
    const first = parsed[0]!;
    expect(first.rule).toBe('isolation-shared-vpc');
    expect(first.environments).toBe('production staging');
    expect(first.specLine).toBe('20');
    const waived = parsed.find((r) => r.arn === 'arn:aws:s3:::staging-waived')!;
    expect([waived.waived, waived.waiverOwner, waived.waiverExpires]).toEqual(['true', 'team-a', '2030-01-01']);
    const ne = parsed.find((r) => r.status === 'not-evaluated')!;
    expect(ne.reason).toBe('logs:DescribeLogGroups failed: AccessDenied');
  });

  it('quotes commas and quotes, keeps a multi-line message on one line', () => {
    const ev = sampleEvaluation();
    ev.results = [result({ ruleId: 'tagging-required', arn: 'arn:aws:s3:::a,b', name: 'say "hi"', message: 'line one\nline two, "quoted"' })];
    const text = render(ev);
    expect(text.split('\r\n')).toHaveLength(3);
    expect(text).toContain(',"say ""hi""",');
    const [row] = rows(text);
    expect(row!.arn).toBe('arn:aws:s3:::a,b');
    expect(row!.resourceName).toBe('say "hi"');
    expect(row!.message).toBe('line one line two, "quoted"');
  });

  it('neutralises formulas in names from AWS', () => {
    const ev = sampleEvaluation();
    ev.results = [
      result({ ruleId: 'tagging-required', arn: 'arn:aws:s3:::x1', name: '=HYPERLINK("http://evil","click")', message: '+1+cmd|calc' }),
      result({ ruleId: 'tagging-required', arn: 'arn:aws:s3:::x2', name: '@SUM(A1)', message: '-2' }),
    ];
    const parsed = rows(render(ev));
    expect(parsed.map((r) => r.resourceName)).toEqual([`'=HYPERLINK("http://evil","click")`, `'@SUM(A1)`]);
    expect(parsed.map((r) => r.message)).toEqual([`'+1+cmd|calc`, `'-2`]);
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('plain')).toBe('plain');
    expect(csvField(12, false)).toBe('12');
  });

  it('writes the header alone for no results', () => {
    expect(render({ ...sampleEvaluation(), results: [] }).split('\r\n')).toHaveLength(2);
  });
});
