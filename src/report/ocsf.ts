// OCSF 1.8.0 Compliance Finding events (class 2003), one per failing or not-evaluated
// result, for security data lakes and SIEMs. JSON Lines: one event a line, so the file is
// written and read record by record (log shippers ingest it line by line, and a streaming
// writer never holds the whole array).
import type { Evaluation, Result, RuleMeta, Severity } from '../model/result.js';
import { type ReportContext, sortedResults, TOOL_INFORMATION_URI, TOOL_NAME } from './context.js';
import { concernedEnvironment } from './derived.js';
import type { Formatter, ReportSink } from './formatter.js';

export const OCSF_VERSION = '1.8.0';
const CATEGORY_UID = 2; // Findings
const CLASS_UID = 2003; // Compliance Finding
const ACTIVITY_CREATE = 1;

/** OCSF severity_id: 1 Informational .. 5 Critical. */
const SEVERITY_ID: Record<Severity, [number, string]> = {
  info: [1, 'Informational'],
  low: [2, 'Low'],
  medium: [3, 'Medium'],
  high: [4, 'High'],
  critical: [5, 'Critical'],
};

type Json = Record<string, unknown>;

export function ocsfEvent(r: Result, rule: RuleMeta | undefined, ctx: ReportContext): Json {
  const [severityId, severity] = SEVERITY_ID[r.severity];
  const failing = r.status === 'fail';
  // compliance.status_id: 3 Fail, 2 Warning ("did not yield a result due to missing information").
  const [complianceId, complianceStatus] = failing ? [3, 'Fail'] : [2, 'Warning'];
  // Finding status_id: 1 New, 3 Suppressed (a waiver covers it).
  const [statusId, status] = r.waiver ? [3, 'Suppressed'] : [1, 'New'];
  const title = rule?.title ?? r.ruleId;
  const loc = r.specLocation;
  return {
    activity_id: ACTIVITY_CREATE,
    activity_name: 'Create',
    category_uid: CATEGORY_UID,
    category_name: 'Findings',
    class_uid: CLASS_UID,
    class_name: 'Compliance Finding',
    type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
    type_name: 'Compliance Finding: Create',
    severity_id: severityId,
    severity,
    status_id: statusId,
    status,
    time: Date.parse(ctx.generatedAt),
    message: r.message,
    metadata: {
      version: OCSF_VERSION,
      profiles: ['cloud'],
      product: { name: TOOL_NAME, vendor_name: TOOL_NAME, version: ctx.toolVersion, url_string: TOOL_INFORMATION_URI },
      log_name: `${TOOL_NAME}/${ctx.spec.system}`,
    },
    cloud: {
      provider: 'AWS',
      ...(r.resource.region !== 'global' && r.resource.region !== '' ? { region: r.resource.region } : {}),
      ...(r.resource.accountId !== '' ? { account: { uid: r.resource.accountId, type_id: 10, type: 'AWS Account' } } : {}),
    },
    finding_info: {
      uid: r.fingerprint,
      title,
      desc: r.message,
      types: [r.category],
      analytic: { uid: r.ruleId, name: title, type_id: 1, type: 'Rule' },
      ...(rule?.docs ? { src_url: rule.docs } : {}),
    },
    compliance: {
      control: r.ruleId,
      standards: [`${TOOL_NAME} spec ${ctx.spec.system}`],
      requirements: [loc ? `${loc.file}:${loc.line}:${loc.column} ${loc.path}` : (rule?.requirement ?? r.ruleId)],
      status_id: complianceId,
      status: complianceStatus,
      ...(r.reason !== undefined ? { status_detail: r.reason } : {}),
      ...(rule ? { desc: rule.description } : {}),
    },
    resources: [resourceOf(r)],
    ...(rule ? { remediation: { desc: rule.remediation, ...(rule.docs ? { references: [rule.docs] } : {}) } } : {}),
    evidences: [{ data: r.evidence }],
    unmapped: {
      environment: concernedEnvironment(r),
      environments: [...r.environments],
      ...(loc ? { spec_location: { ...loc } } : {}),
      ...(r.waiver ? { waiver: { ...r.waiver } } : {}),
      ...(r.baseline ? { baseline: r.baseline } : {}),
    },
  };
}

function resourceOf(r: Result): Json {
  const env = r.resource.environment;
  return {
    uid: r.resource.arn,
    name: r.resource.name,
    type: r.resource.type,
    role_id: 1,
    role: 'Target',
    ...(r.resource.region !== 'global' && r.resource.region !== '' ? { region: r.resource.region } : {}),
    ...(env !== null ? { group: { name: env }, labels: [`environment:${env}`] } : {}),
  };
}

export function writeOcsf(evaluation: Evaluation, ctx: ReportContext, sink: ReportSink): void {
  const rules = new Map(evaluation.rules.map((r) => [r.id, r]));
  for (const r of sortedResults(evaluation.results)) {
    if (r.status === 'pass') continue;
    sink.write(`${JSON.stringify(ocsfEvent(r, rules.get(r.ruleId), ctx))}\n`);
  }
}

export const ocsfFormatter: Formatter = {
  name: 'ocsf',
  aliases: [],
  fileName: 'envgate.ocsf.jsonl',
  mediaType: 'application/x-ndjson',
  summary: `OCSF ${OCSF_VERSION} Compliance Finding events (class 2003), one JSON line per failing or not-evaluated result`,
  byDefault: false,
  write: writeOcsf,
};
