// Facts -> spec tree. Values for one field that disagree are an ambiguity: the field is
// left out and both sources are reported, never one picked. Fields the schema needs and
// the document does not give get a marked placeholder.
import { ENV_NAMES } from './envs.js';
import { cite } from './cite.js';
import { at, newMap, toTree, type MapNode, type SeqNode } from './tree.js';
import type { Ambiguity, Fact, ParsedDoc, Source } from './types.js';

export const PLACEHOLDER_ACCOUNT = '000000000000';
export const PLACEHOLDER_REGION = 'us-east-1';

// Key order inside an environment, as the README's spec reference lists them.
const ENV_ORDER = ['description', 'aliases', 'accounts', 'regions', 'attribution', 'naming', 'network', 'encryption', 'retention', 'dataProtection', 'monitoring', 'compute', 'cost'];
const TOP_ORDER = ['version', 'system', 'environments', 'shared', 'teams', 'access', 'parity'];

export interface Assembled {
  tree: MapNode;
  envs: string[];
  /** Facts that made it into the draft (ambiguous ones do not). */
  used: Fact[];
  ambiguities: Ambiguity[];
  placeholders: { path: string; note: string }[];
}

const json = (v: unknown) => JSON.stringify(v);

/** Environments the document names in a heading, a table header or a leading label. */
export function environmentsOf(docs: readonly ParsedDoc[]): string[] {
  const named = new Set(docs.flatMap((d) => d.envs.map((m) => m.env)));
  return ENV_NAMES.filter((e) => named.has(e));
}

/** Document-wide facts ('*') apply to every environment. */
function expand(facts: readonly Fact[], envs: readonly string[]): Fact[] {
  return facts.flatMap((f) => (f.scope === '*' ? envs.map((e) => ({ ...f, scope: e })) : [f]));
}

interface Group {
  scope: string;
  path: string;
  facts: Fact[];
}

function group(facts: readonly Fact[]): Group[] {
  const groups = new Map<string, Group>();
  for (const f of facts) {
    const id = `${f.scope}\u0000${f.path}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { scope: f.scope, path: f.path, facts: [] }));
    g.facts.push(f);
  }
  return [...groups.values()];
}

function sources(facts: readonly Fact[]): Source[] {
  const seen = new Set<string>();
  return facts.map((f) => f.source).filter((s) => !seen.has(`${s.doc}:${s.line}`) && seen.add(`${s.doc}:${s.line}`));
}

/** Keeps one value per field (or per keyed list item); disagreement becomes an ambiguity. */
function resolve(groups: readonly Group[]): { kept: Fact[][]; ambiguities: Ambiguity[] } {
  const kept: Fact[][] = [];
  const ambiguities: Ambiguity[] = [];
  for (const g of groups) {
    const byItem = new Map<string, Fact[]>();
    for (const f of g.facts) {
      const item = g.facts[0]!.list ? (f.key ?? json(f.value)) : '';
      byItem.set(item, [...(byItem.get(item) ?? []), f]);
    }
    for (const [item, fs] of byItem) {
      const values = [...new Set(fs.map((f) => json(f.value)))];
      if (values.length === 1) kept.push(fs);
      else {
        const what = item === '' ? g.path : `${g.path} (${item})`;
        ambiguities.push({ scope: g.scope, path: g.path, message: `${what}: the document gives ${values.join(' and ')}`, sources: sources(fs) });
      }
    }
  }
  return { kept, ambiguities };
}

/** "Same instance types as production" next to different concrete types: report, drop the parity. */
function parityContradictions(kept: Fact[][]): Ambiguity[] {
  const valueOf = (scope: string, path: string) => kept.filter((fs) => fs[0]!.scope === scope && fs[0]!.path.startsWith(path));
  const out: Ambiguity[] = [];
  for (let i = kept.length - 1; i >= 0; i--) {
    const fs = kept[i]!;
    const f = fs[0]!;
    const m = /^parity\/([a-z-]+)\/([a-z-]+)$/.exec(f.path);
    const field = m && ({ instanceTypes: 'compute/instanceTypes', instanceCount: 'compute/instanceCount' } as Record<string, string>)[String(f.value)];
    if (!m || !field) continue;
    const a = valueOf(m[1]!, field);
    const b = valueOf(m[2]!, field);
    const show = (x: Fact[][]) => x.map((y) => json(y[0]!.value)).sort().join(', ');
    if (a.length > 0 && b.length > 0 && show(a) !== show(b)) {
      out.push({
        scope: '',
        path: f.path,
        message: `${String(f.value)} parity between ${m[1]} and ${m[2]} contradicts the values the document gives (${show(a)} vs ${show(b)}); the draft keeps the values and leaves the parity out`,
        sources: sources([...fs, ...a.flat(), ...b.flat()]),
      });
      kept.splice(i, 1);
    }
  }
  return out;
}

function order(map: MapNode, keys: readonly string[]) {
  const rank = (k: string) => (keys.includes(k) ? keys.indexOf(k) : keys.length);
  map.entries.sort((a, b) => rank(a.key) - rank(b.key));
}

export function assemble(docs: readonly ParsedDoc[], facts: readonly Fact[]): Assembled {
  const envs = environmentsOf(docs);
  const scoped = expand(facts, envs).filter((f) => f.scope === '' || envs.includes(f.scope));
  const { kept, ambiguities } = resolve(group(scoped));
  ambiguities.push(...parityContradictions(kept));
  const placeholders: { path: string; note: string }[] = [];
  const tree = newMap();
  const first = docs[0]!;
  const title = docs.map((d) => d.title).filter((t) => t !== '');
  at(tree, ['version'], 'map');
  tree.entries[0]!.node = { t: 'scalar', v: 1 };
  const system = at(tree, ['system'], 'map') as MapNode;
  const name = (title[0] ?? first.name).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'system';
  system.entries.push(
    { key: 'name', node: { t: 'scalar', v: name }, notes: [cite({ doc: first.name, line: first.titleLine, text: title[0] ?? '' })] },
    { key: 'document', node: { t: 'scalar', v: title.join('; ') || first.name }, notes: [] },
  );
  for (const env of envs) at(tree, ['environments', env], 'map');

  const used: Fact[] = [];
  for (const fs of kept) {
    const f = fs[0]!;
    used.push(...fs);
    const base = f.scope === '' ? [] : ['environments', f.scope];
    const path = [...base, ...f.path.split('/')];
    const notes = sources(fs).slice(0, 3).map(cite);
    const node = toTree(f.value);
    // A placeholder field inside an object (a log group's match) is marked where it stands.
    const inner = f.placeholder && node.t === 'map' ? node.entries.find((e) => f.placeholder!.startsWith(`${e.key}:`)) : undefined;
    if (inner) inner.notes.push(`PLACEHOLDER ${f.placeholder!}`);
    else if (f.placeholder) notes.push(`PLACEHOLDER ${f.placeholder}`);
    if (f.list) {
      (at(tree, path, 'seq') as SeqNode).items.push({ node, notes });
    } else {
      const parent = at(tree, path.slice(0, -1), 'map') as MapNode;
      parent.entries.push({ key: path[path.length - 1]!, node, notes });
    }
  }
  for (const env of envs) fillEnvironment(tree, env, placeholders);
  for (const team of (at(tree, ['teams'], 'map') as MapNode).entries) {
    const t = team.node as MapNode;
    if (!t.entries.some((e) => e.key === 'principals')) {
      t.entries.push({ key: 'principals', node: { t: 'seq', items: [] }, notes: ['The document names no IAM principals for this team: add them.'] });
    }
  }
  if ((at(tree, ['teams'], 'map') as MapNode).entries.length === 0) tree.entries = tree.entries.filter((e) => e.key !== 'teams');
  const parity = tree.entries.find((e) => e.key === 'parity');
  if (parity) parity.node = parityList(parity.node as MapNode);
  order(tree, TOP_ORDER);
  for (const e of (at(tree, ['environments'], 'map') as MapNode).entries) order(e.node as MapNode, ENV_ORDER);
  return { tree, envs, used, ambiguities, placeholders };
}

/** parity/<from>/<to>: [props] -> the spec's list of { from, to, properties }. */
function parityList(byFrom: MapNode): SeqNode {
  const seq: SeqNode = { t: 'seq', items: [] };
  for (const from of byFrom.entries) {
    for (const to of (from.node as MapNode).entries) {
      seq.items.push({
        node: { t: 'map', entries: [
          { key: 'from', node: { t: 'scalar', v: from.key }, notes: [] },
          { key: 'to', node: { t: 'scalar', v: to.key }, notes: [] },
          { key: 'properties', node: to.node, notes: [] },
        ] },
        // The pair is cited by the first statement that asked for it.
        notes: (to.node as SeqNode).items[0]?.notes.slice(0, 1) ?? [],
      });
    }
  }
  return seq;
}

function fillEnvironment(tree: MapNode, env: string, placeholders: { path: string; note: string }[]) {
  const e = at(tree, ['environments', env], 'map') as MapNode;
  const has = (k: string) => e.entries.some((x) => x.key === k);
  if (!has('accounts')) {
    const note = `the document names no account for ${env}`;
    placeholders.push({ path: `environments/${env}/accounts`, note });
    e.entries.push({ key: 'accounts', node: toTree([{ id: PLACEHOLDER_ACCOUNT }]), notes: [`PLACEHOLDER ${note}: replace the id.`] });
  }
  if (!has('regions')) {
    const note = `the document names no region for ${env}`;
    placeholders.push({ path: `environments/${env}/regions`, note });
    e.entries.push({ key: 'regions', node: toTree([PLACEHOLDER_REGION]), notes: [`PLACEHOLDER ${note}: replace it.`] });
  }
  // Lifecycle rules that apply to "the environment's buckets" take its bucket naming patterns.
  const naming = (e.entries.find((x) => x.key === 'naming')?.node as MapNode | undefined)?.entries.find((x) => x.key === 'AWS::S3::Bucket');
  const patterns = naming ? (naming.node as SeqNode).items.map((i) => i.node).filter((n) => n.t === 'scalar' && String(n.v).includes('*')) : [];
  const lifecycle = ((e.entries.find((x) => x.key === 'retention')?.node as MapNode | undefined)?.entries.find((x) => x.key === 's3Lifecycle')?.node as SeqNode | undefined)?.items ?? [];
  for (const item of lifecycle) {
    const buckets = (item.node as MapNode).entries.find((x) => x.key === 'buckets')!;
    const seq = buckets.node as SeqNode;
    if (seq.items[0]?.node.t === 'scalar' && seq.items[0].node.v === '@naming:AWS::S3::Bucket') {
      if (patterns.length > 0) {
        seq.items = patterns.map((p) => ({ node: p, notes: [] }));
        buckets.notes.push("the environment's S3 naming patterns (see naming)");
      } else {
        seq.items = [{ node: { t: 'scalar', v: '*' }, notes: [] }];
        buckets.notes.push('every bucket of the environment: the document names no bucket pattern');
      }
    }
  }
}
