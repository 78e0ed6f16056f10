import { parseDocumentText } from '../../src/draft/markdown.js';
import type { Fact, Recogniser } from '../../src/draft/types.js';

/** A recogniser's facts on a fragment, as [scope, path, value, line] rows. */
export async function factsOf(r: Recogniser, text: string, envs = ['development', 'staging', 'production']): Promise<[string, string, unknown, number][]> {
  const doc = await parseDocumentText('doc.md', text);
  return r.recognise([doc], envs).facts.map((f: Fact) => [f.scope, f.path, f.value, f.source.line]);
}
