// JUnit XML for CI test views (GitLab, Jenkins, Azure DevOps): one test suite per
// environment, one test case per rule in it. A case fails when the rule has unwaived
// failures there (the failure lists the resources); a not-evaluated check is an error,
// never a pass or a skip; waived failures are named in system-out.
import type { Evaluation, Result, RuleMeta } from '../model/result.js';
import { cmp, type ReportContext, runFacts, sortedResults, TOOL_NAME, UNATTRIBUTED } from './context.js';
import { concernedEnvironment } from './derived.js';
import { xmlText as x } from './escape.js';
import type { Formatter, ReportSink } from './formatter.js';

interface Case {
  rule: string;
  fails: Result[];
  notEvaluated: Result[];
  waived: Result[];
  passes: number;
}

/** Cases by environment (sorted, unattributed last) and rule (sorted). */
function cases(evaluation: Evaluation): Map<string, Map<string, Case>> {
  const byEnv = new Map<string, Map<string, Case>>();
  const get = (env: string | null, rule: string): Case => {
    const key = env ?? UNATTRIBUTED;
    let m = byEnv.get(key);
    if (!m) byEnv.set(key, (m = new Map()));
    let c = m.get(rule);
    if (!c) m.set(rule, (c = { rule, fails: [], notEvaluated: [], waived: [], passes: 0 }));
    return c;
  };
  for (const r of sortedResults(evaluation.results)) {
    const c = get(concernedEnvironment(r), r.ruleId);
    if (r.status === 'pass') c.passes++;
    else if (r.status === 'not-evaluated') c.notEvaluated.push(r);
    else if (r.waiver) c.waived.push(r);
    else c.fails.push(r);
  }
  for (const p of evaluation.passCounts ?? []) get(p.environment, p.ruleId).passes += p.passes;
  const envs = [...byEnv.keys()].sort((a, b) => (a === UNATTRIBUTED ? 1 : b === UNATTRIBUTED ? -1 : cmp(a, b)));
  return new Map(envs.map((e) => [e, new Map([...byEnv.get(e)!].sort((a, b) => cmp(a[0], b[0])))]));
}

const line = (r: Result) => `${r.severity} ${r.resource.arn}: ${r.message}`;

export function writeJunit(evaluation: Evaluation, ctx: ReportContext, sink: ReportSink): void {
  const rules = new Map<string, RuleMeta>(evaluation.rules.map((r) => [r.id, r]));
  const all = cases(evaluation);
  const count = (pick: (c: Case) => boolean) => [...all.values()].reduce((n, m) => n + [...m.values()].filter(pick).length, 0);
  const failed = (c: Case) => c.fails.length > 0;
  const errored = (c: Case) => c.fails.length === 0 && c.notEvaluated.length > 0;
  const facts = runFacts(evaluation.results, ctx);
  sink.write('<?xml version="1.0" encoding="UTF-8"?>\n');
  sink.write(
    `<testsuites name="${x(`${TOOL_NAME} ${ctx.spec.system}`)}" tests="${count(() => true)}" failures="${count(failed)}" errors="${count(errored)}" timestamp="${x(ctx.generatedAt)}">\n`,
  );
  sink.write(`  <properties><property name="verdict" value="${facts.verdict}"/><property name="spec" value="${x(ctx.spec.file)}"/></properties>\n`);
  for (const [env, byRule] of all) {
    const list = [...byRule.values()];
    sink.write(
      `  <testsuite name="${x(env)}" tests="${list.length}" failures="${list.filter(failed).length}" errors="${list.filter(errored).length}" skipped="0" timestamp="${x(ctx.generatedAt)}">\n`,
    );
    for (const c of list) writeCase(env, c, rules.get(c.rule), sink);
    sink.write('  </testsuite>\n');
  }
  sink.write('</testsuites>\n');
}

function writeCase(env: string, c: Case, rule: RuleMeta | undefined, sink: ReportSink): void {
  const name = rule ? `${c.rule}: ${rule.title}` : c.rule;
  sink.write(`    <testcase classname="${x(`${TOOL_NAME}.${env}`)}" name="${x(name)}">\n`);
  if (c.fails.length > 0) {
    const body = [...c.fails, ...c.notEvaluated].map((r) => (r.status === 'fail' ? line(r) : `not evaluated ${r.resource.arn}: ${r.reason ?? r.message}`));
    if (rule) body.push(`fix: ${rule.remediation}`);
    const type = c.fails[0]!.severity;
    sink.write(`      <failure message="${x(`${c.fails.length} resource(s) fail ${c.rule}`)}" type="${type}">${x(body.join('\n'), false)}</failure>\n`);
  } else if (c.notEvaluated.length > 0) {
    const body = c.notEvaluated.map((r) => `${r.resource.arn}: ${r.reason ?? r.message}`);
    sink.write(`      <error message="${x(`${c.notEvaluated.length} check(s) not evaluated`)}" type="not-evaluated">${x(body.join('\n'), false)}</error>\n`);
  }
  const out = [`${c.passes} passing`, ...c.waived.map((r) => `waived (${r.waiver!.owner}, until ${r.waiver!.expires}) ${line(r)}`)];
  sink.write(`      <system-out>${x(out.join('\n'), false)}</system-out>\n`);
  sink.write('    </testcase>\n');
}

export const junitFormatter: Formatter = {
  name: 'junit',
  aliases: [],
  fileName: 'envgate.junit.xml',
  mediaType: 'application/xml',
  summary: 'JUnit XML for CI test views: a test suite per environment, a test case per rule, failures listing the resources',
  byDefault: false,
  write: writeJunit,
};
