// The SARIF formatter: the SARIF renderer plus GitHub's own constraints, checked as each
// part is written (so a file code scanning would reject is never left behind: the CLI
// removes a report whose writer throws).
import type { Formatter } from './formatter.js';
import { checkGithubResult, checkGithubSarif, type SarifProblem } from './sarif-github-checks.js';
import { sarifParts } from './sarif.js';
import { gzipMeter, writeSarifParts } from './sarif-stream.js';

function selfCheck(problems: SarifProblem[]): void {
  if (problems.length > 0) {
    throw new Error(`SARIF self-check failed: ${problems.map((p) => `${p.code} at ${p.path}`).join('; ')}`);
  }
}

export const sarifFormatter: Formatter = {
  name: 'sarif',
  aliases: [],
  fileName: 'envgate.sarif',
  mediaType: 'application/sarif+json',
  summary: 'SARIF 2.1.0 for GitHub code scanning: unwaived failures, one alert per resource and rule (past 25,000, one per rule and environment)',
  byDefault: true,
  write(evaluation, ctx, sink) {
    const parts = sarifParts(evaluation, ctx);
    selfCheck(checkGithubSarif(parts.log, undefined));
    const run = (parts.log.runs as { tool: { driver: { rules: { id: string }[] } } }[])[0]!;
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    const gz = gzipMeter();
    writeSarifParts(parts, { write: (c) => (sink.write(c), gz.write(c)) }, (r, i) => selfCheck(checkGithubResult(r, i, ruleIds)));
    gz.end();
    if (parts.notice !== undefined) sink.note?.(parts.notice);
  },
};
