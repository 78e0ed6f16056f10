// The Markdown report stays under GitHub's 1 MiB step-summary limit at any scale, ends with
// a pointer to the full reports, and is never cut inside a fenced block.
import { describe, expect, it } from 'vitest';
import type { AccessCell, Evaluation, Result } from '../../src/model/result.js';
import { renderToString } from '../../src/report/formatter.js';
import { FULL_REPORTS_POINTER, fitMarkdown } from '../../src/report/markdown-limit.js';
import { markdownFormatter, renderMarkdown } from '../../src/report/markdown.js';
import { cleanContext, result, sampleEvaluation } from './helpers.js';

const MIB = 1024 * 1024;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** 3,000 environments with 117-character names: failure table, isolation graph and access matrix all grow with them. */
function large(): Evaluation {
  const envs = Array.from({ length: 3000 }, (_, i) => `environment-${String(i).padStart(4, '0')}-${'x'.repeat(100)}`);
  const results: Result[] = [];
  envs.forEach((env, i) => {
    const other = envs[(i + 1) % envs.length]!;
    results.push(
      result({
        ruleId: 'isolation-shared-vpc',
        arn: `arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-${i}`,
        environment: env,
        extra: { environments: [env, other], evidence: { observed: other, links: [{ path: 'shared-vpc' }] } },
      }),
      result({ ruleId: 'encryption-at-rest', arn: `arn:aws:s3:::bucket-é-${i}`, environment: env }),
    );
  });
  const accessMatrix: AccessCell[] = envs.flatMap((environment) =>
    ['developers', 'operators'].map((team) => ({ team, environment, declared: 'view', effective: 'full', grants: [], caveats: [] })),
  );
  return { ...sampleEvaluation(), results, accessMatrix, costs: [] };
}

describe('Markdown within GitHub limits', () => {
  it('cuts a report of 3,000 environments under 1 MiB, outside any fenced block, with the pointer', () => {
    const ev = large();
    expect(bytes(renderMarkdown(ev, cleanContext()))).toBeGreaterThan(MIB); // uncut, GitHub would refuse it
    const text = renderToString(markdownFormatter, ev, cleanContext());
    expect(bytes(text)).toBeLessThanOrEqual(MIB);
    expect(text).toContain('## Failures by environment and category');
    expect(text.endsWith(`${FULL_REPORTS_POINTER}\n`)).toBe(true);
    expect(text).toMatch(/Cut to stay under GitHub's 1 MiB step-summary limit\*\*: +\d+ of +\d+ bytes shown/);
    expect((text.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect(text.startsWith('**❌ envgate demo:')).toBe(true);
  });

  it('leaves a small report whole, with the pointer once', () => {
    const text = renderToString(markdownFormatter, sampleEvaluation(), cleanContext());
    expect(text).not.toContain('Cut to stay under');
    expect(text.split(FULL_REPORTS_POINTER)).toHaveLength(2);
    expect(fitMarkdown(text)).toBe(text); // fitting again (the gate does) changes nothing
  });

  it('drops a fenced block whole rather than cutting into it', () => {
    const text = ['# t', '', '```mermaid', ...Array.from({ length: 200 }, (_, i) => `  n${i} --- m${i}`), '```', ''].join('\n');
    const fitted = fitMarkdown(text, 1200);
    expect(bytes(fitted)).toBeLessThanOrEqual(1200);
    expect(fitted).not.toContain('```');
    expect(fitted.startsWith('# t\n')).toBe(true);
  });
});
