// The Markdown report's list of what the spec's `exclude` left out of scope: each
// resource with its environment, the reason, owner, expiry and the exclusion's spec line.
import type { ExcludedResource } from '../model/result.js';
import { md } from './escape.js';

/** Excluded resources listed in full up to this many, then counted. */
export const EXCLUDED_LIST_LIMIT = 50;

export function excludedSection(excluded: readonly ExcludedResource[] | undefined, limit = EXCLUDED_LIST_LIMIT): string[] {
  if (excluded === undefined || excluded.length === 0) return [];
  const lines = [
    '## Excluded from scope',
    '',
    `${excluded.length} resource(s) left out by the spec's \`exclude\` section: no rule checks them.`,
    '',
    '| environment | resource | reason | owner | until | exclusion |',
    '|---|---|---|---|---|---|',
  ];
  for (const x of excluded.slice(0, limit)) {
    const where = x.specLocation ? `${x.specLocation.file}:${x.specLocation.line}` : `/exclude/${x.exclusion}`;
    lines.push(
      `| ${x.environment === null ? '_(unattributed)_' : md(x.environment)} | ${md(x.name || x.arn)}<br><sub>${md(x.arn)}</sub> | ${md(x.reason)} | ${md(x.owner ?? '')} | ${x.expires ?? ''} | ${md(where)} |`,
    );
  }
  if (excluded.length > limit) lines.push('', `…and ${excluded.length - limit} more in envgate.json (\`excluded\`).`);
  lines.push('');
  return lines;
}
