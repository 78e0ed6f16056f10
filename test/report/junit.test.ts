// The JUnit report, parsed back with a strict XML parser (fast-xml-parser's validator).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderToString } from '../../src/report/formatter.js';
import { junitFormatter } from '../../src/report/junit.js';
import { result, sampleContext, sampleEvaluation } from './helpers.js';

type Node = Record<string, unknown>;
const render = (ev = sampleEvaluation()) => renderToString(junitFormatter, ev, sampleContext());
const parse = (text: string): Node => {
  expect(XMLValidator.validate(text)).toBe(true);
  const p = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });
  return (p.parse(text) as Node).testsuites as Node;
};
const suites = (root: Node) => root.testsuite as Node[];
const cases = (s: Node) => s.testcase as Node[];

describe('JUnit report', () => {
  it('has a suite per environment and a case per rule there', () => {
    const root = parse(render());
    expect(suites(root).map((s) => s.name)).toEqual(['production', 'staging', '(unattributed)']);
    const prod = suites(root)[0]!;
    expect(cases(prod).map((c) => c.name)).toEqual(['encryption-at-rest: Title of encryption-at-rest', 'retention-log-groups: Title of retention-log-groups']);
    const staging = suites(root)[1]!;
    expect(cases(staging).map((c) => c.name)).toEqual([
      'encryption-at-rest: Title of encryption-at-rest',
      'isolation-shared-vpc: Title of isolation-shared-vpc',
      'tagging-required: Title of tagging-required',
    ]);
    expect([root.tests, root.failures, root.errors]).toEqual(['6', '4', '1']);
    expect([prod.tests, prod.failures, prod.errors]).toEqual(['2', '1', '1']);
  });

  it('fails a case with the resources listed, errors a not-evaluated one, keeps waived out of failures', () => {
    const [prod, staging] = suites(parse(render()));
    const enc = cases(prod!)[0]!;
    const failure = enc.failure as Node;
    expect(failure.message).toBe('1 resource(s) fail encryption-at-rest');
    expect(failure.type).toBe('high');
    expect(failure['#text']).toContain('arn:aws:sqs:eu-west-1:222222222222:prod-jobs');
    expect(failure['#text']).toContain('fix: Fix encryption-at-rest in the console or IaC.');
    expect(enc['system-out']).toContain('1 passing');
    const ret = cases(prod!)[1]!;
    expect((ret.error as Node).type).toBe('not-evaluated');
    expect((ret.error as Node)['#text']).toContain('AccessDenied');
    const tagging = cases(staging!)[2]!;
    expect(tagging.failure).toBeUndefined();
    expect(tagging['system-out']).toContain('waived (team-a, until 2030-01-01)');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    const ev = sampleEvaluation();
    ev.results = [result({ ruleId: 'tagging-required', arn: 'arn:aws:s3:::x', environment: 'a"<b>&\'', message: ']]></failure><x y="\u0001">' })];
    const text = render(ev);
    expect(text).not.toContain('\u0001');
    const root = parse(text);
    const s = suites(root)[0]!;
    expect(s.name).toBe('a"<b>&\'');
    expect((cases(s)[0]!.failure as Node)['#text']).toContain(']]></failure><x y="">');
  });
});
