// The SARIF formatter: the SARIF renderer plus GitHub's own constraints, checked before
// anything is written (so a file code scanning would reject is never left behind).
import type { Formatter } from './formatter.js';
import { checkGithubSarif } from './sarif-github-checks.js';
import { renderSarif } from './sarif.js';

export const sarifFormatter: Formatter = {
  name: 'sarif',
  aliases: [],
  fileName: 'envgate.sarif',
  mediaType: 'application/sarif+json',
  summary: 'SARIF 2.1.0 for GitHub code scanning: unwaived failures, one alert per resource and rule',
  byDefault: true,
  write(evaluation, ctx, sink) {
    const text = renderSarif(evaluation, ctx);
    const problems = checkGithubSarif(JSON.parse(text), undefined);
    if (problems.length > 0) {
      throw new Error(`SARIF self-check failed: ${problems.map((p) => `${p.code} at ${p.path}`).join('; ')}`);
    }
    sink.write(text);
  },
};
