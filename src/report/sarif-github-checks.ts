// What GitHub code scanning requires beyond the SARIF schema (which accepts an empty
// uri, an `arn:` uri and a numeric security-severity, all of which GitHub rejects or
// ignores). Tests run this on every SARIF they produce; scan runs it before writing.
import { gzipSync } from 'node:zlib';
import { GITHUB_LIMITS } from './sarif-limits.js';

export interface SarifProblem {
  /** Stable code, e.g. `uri-not-relative`. */
  code: string;
  /** JSON pointer of the offending value. */
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Every GitHub constraint the log breaks; empty when GitHub will accept it. */
export function checkGithubSarif(log: unknown, text?: string): SarifProblem[] {
  const problems: SarifProblem[] = [];
  const add = (code: string, path: string, message: string) => problems.push({ code, path, message });
  if (!isObj(log)) return [{ code: 'not-an-object', path: '', message: 'SARIF log must be an object' }];
  if (log.version !== '2.1.0') add('version', '/version', 'version must be "2.1.0"');
  if (!str(log.$schema)) add('schema-missing', '/$schema', '$schema must name the SARIF schema');
  const runs = arr(log.runs);
  if (runs.length < 1 || runs.length > GITHUB_LIMITS.runsPerFile) add('runs-count', '/runs', `need 1..${GITHUB_LIMITS.runsPerFile} runs`);
  if (text !== undefined) {
    const gz = gzipSync(Buffer.from(text, 'utf8')).length;
    if (gz > GITHUB_LIMITS.gzippedBytes) add('too-large', '', `${gz} bytes gzipped > ${GITHUB_LIMITS.gzippedBytes}`);
  }
  const categories = new Set<string>();
  runs.forEach((run, ri) => {
    const rp = `/runs/${ri}`;
    if (!isObj(run)) return add('run-not-object', rp, 'run must be an object');
    const autoId = isObj(run.automationDetails) ? str(run.automationDetails.id) : undefined;
    if (!autoId) add('automation-id-missing', `${rp}/automationDetails/id`, 'automationDetails.id names the category');
    else {
      const category = autoId.slice(0, autoId.lastIndexOf('/') + 1);
      if (categories.has(category)) add('category-duplicate', `${rp}/automationDetails/id`, 'two runs share a category');
      categories.add(category);
    }
    const driver = isObj(run.tool) && isObj(run.tool.driver) ? run.tool.driver : undefined;
    if (!driver) return add('driver-missing', `${rp}/tool/driver`, 'tool.driver is required');
    if (!str(driver.name)) add('driver-name', `${rp}/tool/driver/name`, 'tool.driver.name is required');
    if (!str(driver.semanticVersion)) add('semantic-version', `${rp}/tool/driver/semanticVersion`, 'semanticVersion is required');
    const rules = arr(driver.rules);
    if (rules.length > GITHUB_LIMITS.rulesPerRun) add('too-many-rules', `${rp}/tool/driver/rules`, 'over the rule limit');
    const ids: string[] = [];
    rules.forEach((rule, i) => checkRule(rule, `${rp}/tool/driver/rules/${i}`, add, ids));
    const results = arr(run.results);
    if (results.length > GITHUB_LIMITS.resultsPerRun) add('too-many-results', `${rp}/results`, 'over the result limit');
    results.forEach((res, i) => checkResult(res, `${rp}/results/${i}`, ids, add));
  });
  return problems;
}

type Add = (code: string, path: string, message: string) => void;

/** The checks of one result of run 0, for a log written a result at a time. */
export function checkGithubResult(res: unknown, index: number, ruleIds: readonly string[]): SarifProblem[] {
  const problems: SarifProblem[] = [];
  checkResult(res, `/runs/0/results/${index}`, ruleIds, (code, path, message) => problems.push({ code, path, message }));
  return problems;
}

function checkRule(rule: unknown, p: string, add: Add, ids: string[]): void {
  if (!isObj(rule)) return add('rule-not-object', p, 'rule must be an object');
  const id = str(rule.id);
  if (!id) add('rule-id', `${p}/id`, 'rule id is required');
  else if (ids.includes(id)) add('rule-id-duplicate', `${p}/id`, `rule id ${id} repeats`);
  ids.push(id ?? '');
  const name = str(rule.name);
  if (name !== undefined && name.length > GITHUB_LIMITS.ruleNameChars) add('rule-name-length', `${p}/name`, 'name over 255 chars');
  for (const key of ['shortDescription', 'fullDescription'] as const) {
    const t = isObj(rule[key]) ? str((rule[key] as Obj).text) : undefined;
    if (!t) add('rule-description', `${p}/${key}/text`, `${key}.text is required`);
    else if (t.length > GITHUB_LIMITS.descriptionChars) add('rule-description-length', `${p}/${key}/text`, `${key} over 1024 chars`);
  }
  if (!(isObj(rule.help) && str(rule.help.text))) add('rule-help', `${p}/help/text`, 'help.text is required');
  const props = isObj(rule.properties) ? rule.properties : {};
  const sev = props['security-severity'];
  if (sev !== undefined) {
    const n = typeof sev === 'string' && /^\d+(\.\d+)?$/.test(sev) ? Number(sev) : NaN;
    if (typeof sev !== 'string') add('security-severity-type', `${p}/properties/security-severity`, 'must be a numeric string');
    else if (!(n > 0 && n <= 10)) add('security-severity-range', `${p}/properties/security-severity`, 'must be in (0.0, 10.0]');
  }
  if (arr(props.tags).length > GITHUB_LIMITS.tagsPerRule) add('too-many-tags', `${p}/properties/tags`, 'over 20 tags');
}

function checkResult(res: unknown, p: string, ruleIds: readonly string[], add: Add): void {
  if (!isObj(res)) return add('result-not-object', p, 'result must be an object');
  const ruleId = str(res.ruleId);
  if (!ruleId || !ruleIds.includes(ruleId)) add('rule-unknown', `${p}/ruleId`, `ruleId ${ruleId ?? '(none)'} is not in rules[]`);
  if (typeof res.ruleIndex === 'number' && ruleIds[res.ruleIndex] !== ruleId) add('rule-index', `${p}/ruleIndex`, 'ruleIndex points elsewhere');
  const msg = isObj(res.message) ? str(res.message.text) : undefined;
  if (!msg || msg.trim() === '') add('message-empty', `${p}/message/text`, 'message.text must not be empty');
  const locs = arr(res.locations);
  if (locs.length !== 1) add('locations-count', `${p}/locations`, 'exactly one location expected');
  if (locs.length > GITHUB_LIMITS.locationsPerResult) add('too-many-locations', `${p}/locations`, 'over 1000 locations');
  const loc = locs[0];
  const phys = isObj(loc) && isObj(loc.physicalLocation) ? loc.physicalLocation : undefined;
  const uri = phys && isObj(phys.artifactLocation) ? str(phys.artifactLocation.uri) : undefined;
  const lp = `${p}/locations/0/physicalLocation`;
  if (!uri) add('uri-missing', `${lp}/artifactLocation/uri`, 'a non-empty artifactLocation.uri is required');
  else {
    const first = uri.split('/')[0] ?? '';
    if (uri.startsWith('/') || first.includes(':')) add('uri-not-relative', `${lp}/artifactLocation/uri`, `uri ${uri} is absolute`);
    if (/\s/.test(uri)) add('uri-whitespace', `${lp}/artifactLocation/uri`, 'uri contains whitespace');
    if (uri.includes('\\')) add('uri-backslash', `${lp}/artifactLocation/uri`, 'uri must use / separators');
  }
  const line = phys && isObj(phys.region) ? phys.region.startLine : undefined;
  if (!(typeof line === 'number' && Number.isInteger(line) && line >= 1)) add('start-line', `${lp}/region/startLine`, 'region.startLine >= 1 required');
  const fp = isObj(res.partialFingerprints) ? str(res.partialFingerprints.primaryLocationLineHash) : undefined;
  if (!fp) add('fingerprint-missing', `${p}/partialFingerprints/primaryLocationLineHash`, 'a stable fingerprint is required');
}
