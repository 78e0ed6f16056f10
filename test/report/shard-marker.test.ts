// A shard marker (global services left to another shard) is shown apart from collection
// errors in every human report: its own Markdown heading, an HTML line, a SARIF note.
import { describe, expect, it } from 'vitest';
import { shardMarker } from '../../src/model/shard-marker.js';
import { renderHtml } from '../../src/report/html/index.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { cleanContext, sampleEvaluation } from './helpers.js';

const ctx = () => {
  const c = cleanContext();
  return { ...c, snapshot: { ...c.snapshot, errors: [shardMarker('111111111111', ['AWS::IAM::Role', 'iam'])] } };
};

describe('shard markers in reports', () => {
  it('Markdown lists them under their own heading, not as collection errors', () => {
    const md = renderMarkdown(sampleEvaluation(), ctx());
    expect(md).toContain(
      '### Not collected in this shard (1)\n\nAccount 111111111111: global services not collected in this shard (--global). Merge this snapshot with the shard that collected them; until then their checks are not evaluated.\n',
    );
    expect(md).not.toContain('### Collection errors');
  });

  it('SARIF makes them a note of their own, not a collection error', () => {
    const log = JSON.parse(renderSarif(sampleEvaluation(), ctx())) as { runs: { invocations: { toolExecutionNotifications: { level: string; descriptor: { id: string }; message: { text: string } }[] }[] }[] };
    const notes = log.runs[0]!.invocations[0]!.toolExecutionNotifications.filter((n) => n.descriptor.id !== 'not-evaluated');
    expect(notes.map((n) => `${n.level} ${n.descriptor.id}: ${n.message.text}`)).toEqual([
      'note not-collected-in-shard: Not collected in this shard: global services not collected in this shard (--global) for account 111111111111 (incomplete: AWS::IAM::Role, iam)',
    ]);
  });

  it('HTML says so in a line of its own and lists no collection error', () => {
    const html = renderHtml(sampleEvaluation(), ctx());
    expect(html).toContain('<p class="shard">Not collected in this shard: global services not collected in this shard (--global), account 111111111111; merge with the shard that collected them.</p>');
    expect(html).toContain('No collection error.');
  });
});
