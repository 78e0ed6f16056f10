// CSV of every result, one record a line (RFC 4180: CRLF, quoted fields), for spreadsheets
// and ad-hoc filtering. Text from AWS goes through csvField, which stops formula injection.
import type { Evaluation, Result } from '../model/result.js';
import { sortedResults } from './context.js';
import { csvField } from './escape.js';
import type { Formatter } from './formatter.js';

/** The columns, in order; `text: false` marks values envgate makes itself (not quoted as formulas). */
export const CSV_COLUMNS: readonly { name: string; text: boolean; value: (r: Result) => string | number | null | undefined }[] = [
  { name: 'status', text: false, value: (r) => r.status },
  { name: 'waived', text: false, value: (r) => (r.waiver ? 'true' : 'false') },
  { name: 'severity', text: false, value: (r) => r.severity },
  { name: 'category', text: false, value: (r) => r.category },
  { name: 'rule', text: true, value: (r) => r.ruleId },
  { name: 'environment', text: true, value: (r) => r.resource.environment },
  { name: 'environments', text: true, value: (r) => r.environments.join(' ') },
  { name: 'account', text: true, value: (r) => r.resource.accountId },
  { name: 'region', text: true, value: (r) => r.resource.region },
  { name: 'resourceType', text: true, value: (r) => r.resource.type },
  { name: 'resourceName', text: true, value: (r) => r.resource.name },
  { name: 'arn', text: true, value: (r) => r.resource.arn },
  { name: 'message', text: true, value: (r) => r.message },
  { name: 'reason', text: true, value: (r) => r.reason },
  { name: 'specFile', text: true, value: (r) => r.specLocation?.file },
  { name: 'specLine', text: false, value: (r) => r.specLocation?.line },
  { name: 'specPath', text: true, value: (r) => r.specLocation?.path },
  { name: 'baseline', text: false, value: (r) => r.baseline },
  { name: 'waiverOwner', text: true, value: (r) => r.waiver?.owner },
  { name: 'waiverExpires', text: true, value: (r) => r.waiver?.expires },
  { name: 'fingerprint', text: false, value: (r) => r.fingerprint },
];

const EOL = '\r\n';

export function writeCsv(evaluation: Evaluation, sink: { write(chunk: string): void }): void {
  sink.write(CSV_COLUMNS.map((c) => c.name).join(',') + EOL);
  for (const r of sortedResults(evaluation.results)) {
    sink.write(CSV_COLUMNS.map((c) => csvField(c.value(r), c.text)).join(',') + EOL);
  }
}

export const csvFormatter: Formatter = {
  name: 'csv',
  aliases: [],
  fileName: 'envgate.csv',
  mediaType: 'text/csv',
  summary: 'every result (fail, pass, not-evaluated) one line, RFC 4180, formula-safe',
  byDefault: false,
  write: (evaluation, _ctx, sink) => writeCsv(evaluation, sink),
};
