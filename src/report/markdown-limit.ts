// GitHub refuses a job step summary over 1 MiB ($GITHUB_STEP_SUMMARY), and the Markdown
// report's tables grow with environments and teams. The report always ends with a pointer
// to the full reports; when it would be over the limit it is cut at a line, never inside
// a fenced block (a Mermaid graph is dropped whole), and says where the rest is.

/** GitHub's limit on one step's summary, in bytes. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

export const FULL_REPORTS_POINTER = '<sub>Every result, with its evidence, is in the JSON report (`envgate.json`); the other formats beside it (see `--format`).</sub>';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The Markdown (ending in a newline) with the pointer, within `limit` bytes. */
export function fitMarkdown(text: string, limit = STEP_SUMMARY_LIMIT): string {
  let body = text.replace(/\n+$/, '');
  // Fitting twice (the gate puts its verdict above a fitted report) keeps one pointer.
  if (body.endsWith(FULL_REPORTS_POINTER)) body = body.slice(0, -FULL_REPORTS_POINTER.length).replace(/\n+$/, '');
  const whole = `${body}\n\n${FULL_REPORTS_POINTER}\n`;
  if (bytes(whole) <= limit) return whole;
  const total = bytes(whole);
  // The note's byte count is fixed-width so that its size is known before the cut.
  const note = (kept: number) =>
    `> ✂️ **Cut to stay under GitHub's 1 MiB step-summary limit**: ${String(kept).padStart(9)} of ${String(total).padStart(9)} bytes shown.\n\n${FULL_REPORTS_POINTER}\n`;
  const budget = limit - bytes(note(0)) - 2;
  const lines = body.split('\n');
  const kept: string[] = [];
  let used = 0;
  let fenceStart = -1;
  for (const line of lines) {
    const size = bytes(line) + 1;
    if (used + size > budget) break;
    if (line.startsWith('```')) fenceStart = fenceStart < 0 ? kept.length : -1;
    kept.push(line);
    used += size;
  }
  if (fenceStart >= 0) kept.length = fenceStart; // never leave a block open
  const shown = kept.join('\n').replace(/\n+$/, '');
  return `${shown}\n\n${note(bytes(shown))}`;
}
