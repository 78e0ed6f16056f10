// The action's outputs (key=value lines for $GITHUB_OUTPUT) or its step summary
// (Markdown), from envgate's exit code and the reports it wrote.
// Usage: node outputs.mjs outputs|summary scan|gate OUT_DIR EXIT_CODE
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [mode, command, out, code] = process.argv.slice(2);
const summary = mode === 'summary';

const FILES = { json: 'envgate.json', sarif: 'envgate.sarif', markdown: 'envgate.md', gate: 'envgate-gate.json' };
const files = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, existsSync(path.join(out, f)) ? path.join(out, f) : '']));

/** The verdict a workflow reads, from the exit codes the README documents. */
function verdict(exit) {
  if (exit === '0') return 'pass';
  if (exit === '1') return command === 'gate' ? 'blocked' : 'fail';
  if (exit === '3') return 'incomplete';
  return 'error';
}

const report = files.json ? JSON.parse(readFileSync(files.json, 'utf8')) : undefined;
const decision = files.gate ? JSON.parse(readFileSync(files.gate, 'utf8')) : undefined;
const counts = {
  failing: report ? String(report.summary.totals.fail) : '',
  // The gate's own count (baseline and waivers applied) when it wrote one.
  blocking: decision ? String(decision.blocking.length) : report ? String(report.summary.blocking) : '',
  'not-evaluated': report ? String(report.summary.totals.notEvaluated) : '',
};

if (summary) {
  const line = `**envgate ${command}: ${verdict(code)}** (exit ${code})` + (report ? `: ${counts.failing} failing, ${counts.blocking} blocking, ${counts['not-evaluated']} not evaluated` : '');
  process.stdout.write(`${line}\n\n`);
  if (files.markdown) process.stdout.write(`${readFileSync(files.markdown, 'utf8').trimEnd()}\n`);
} else {
  const outputs = { 'exit-code': code, verdict: verdict(code), ...counts, ...files };
  for (const [k, v] of Object.entries(outputs)) process.stdout.write(`${k}=${v}\n`);
}
