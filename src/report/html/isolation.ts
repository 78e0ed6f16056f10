// The isolation picture: environments as groups, the resources an isolation finding names
// (the subject and what it shares with or reaches in another environment) and the links
// between them, laid out by dagre when the report is written (so the page needs no script
// for it) and drawn as SVG. Inputs are sorted first: dagre is deterministic for a given
// insertion order, so the same findings give the same coordinates.
import { graphlib, layout } from '@dagrejs/dagre';
import { cmp, UNATTRIBUTED } from '../context.js';
import type { JsonReport } from '../json.js';
import { type Child, h, type Raw } from './dom.js';

/** Links drawn; the rest are counted (a picture with hundreds of edges shows nothing). */
export const MAX_DRAWN_LINKS = 60;
const CHAR_W = 6.6; // DejaVu Sans Mono at 11px: 0.602em
const LABEL_CHARS = 34;

export interface IsolationLink {
  from: { env: string; id: string; label: string };
  to: { env: string; id: string; label: string };
  /** Kinds of link (evidence.links[].path): grants, ingress-cidr, shared-target... */
  paths: string[];
  findings: number;
  fingerprints: string[];
}

/** Isolation failures (unwaived) as links between resources of two environments. */
export function isolationLinks(report: JsonReport): IsolationLink[] {
  const byKey = new Map<string, IsolationLink>();
  for (const r of report.results) {
    if (r.category !== 'isolation' || r.status !== 'fail' || r.waived) continue;
    const fromEnv = r.resource.environment ?? UNATTRIBUTED;
    const from = { env: fromEnv, id: r.resource.arn, label: r.resource.name || r.resource.arn };
    const links = Array.isArray(r.evidence.links) ? (r.evidence.links as unknown[]) : [];
    const targets = links.flatMap((l) => linkTarget(l));
    if (targets.length === 0) {
      for (const env of r.environments.filter((e) => e !== fromEnv)) targets.push({ env, id: `(${env})`, label: `(${env})`, path: 'shared' });
    }
    for (const t of targets) {
      const key = `${from.env}\u0000${from.id}\u0000${t.env}\u0000${t.id}`;
      let link = byKey.get(key);
      if (!link) byKey.set(key, (link = { from, to: { env: t.env, id: t.id, label: t.label }, paths: [], findings: 0, fingerprints: [] }));
      if (!link.paths.includes(t.path)) link.paths.push(t.path);
      if (!link.fingerprints.includes(r.fingerprint)) {
        link.fingerprints.push(r.fingerprint);
        link.findings++;
      }
    }
  }
  const out = [...byKey.values()];
  for (const l of out) l.paths.sort(cmp);
  return out.sort((a, b) => cmp(a.from.env, b.from.env) || cmp(a.from.id, b.from.id) || cmp(a.to.env, b.to.env) || cmp(a.to.id, b.to.id));
}

function linkTarget(l: unknown): { env: string; id: string; label: string; path: string }[] {
  if (!l || typeof l !== 'object') return [];
  const o = l as Record<string, unknown>;
  if (typeof o.environment !== 'string') return [];
  const id = typeof o.peer === 'string' ? o.peer : typeof o.via === 'string' ? o.via : `(${o.environment})`;
  return [{ env: o.environment, id, label: shortName(id), path: typeof o.path === 'string' ? o.path : 'link' }];
}

/** The readable end of an ARN (after the service's prefix), else the text itself. */
function shortName(id: string): string {
  if (!id.startsWith('arn:')) return id;
  const parts = id.split(':');
  const rest = parts.slice(5).join(':');
  // S3 ARNs have no resource type before the name; the others do (role/, security-group/...).
  return (parts[2] === 's3' ? rest : rest.replace(/^[a-z-]+[/:]/, '')) || id;
}

function clip(s: string): string {
  return s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s;
}

function n1(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

export function isolationSection(report: JsonReport): Raw {
  const links = isolationLinks(report);
  const heading = h('h2', null, 'Isolation: what crosses environments');
  if (links.length === 0) return h('section', { id: 'isolation' }, heading, h('p', null, 'No isolation finding links environments.'));
  const drawn = links.slice(0, MAX_DRAWN_LINKS);
  const rest = links.length - drawn.length;
  return h(
    'section',
    { id: 'isolation' },
    heading,
    h('figure', null, isolationSvg(drawn), h('figcaption', null, `${links.length} link(s) between environments from isolation findings${rest > 0 ? `; the first ${drawn.length} drawn, ${rest} more in the table` : ''}.`)),
    h(
      'table',
      { class: 'links' },
      h('thead', null, h('tr', null, ['environment', 'resource', 'link', 'other environment', 'resource there', 'findings'].map((t) => h('th', null, t)))),
      h(
        'tbody',
        null,
        links.map((l) =>
          h(
            'tr',
            null,
            h('td', null, l.from.env),
            h('td', { title: l.from.id }, l.from.label),
            h('td', null, l.paths.join(', ')),
            h('td', null, l.to.env),
            h('td', { title: l.to.id }, l.to.label),
            h('td', null, l.fingerprints.map((f, i) => [i > 0 ? ' ' : '', h('a', { href: `#f-${f}` }, f.slice(0, 8))])),
          ),
        ),
      ),
    ),
  );
}

function isolationSvg(links: IsolationLink[]): Raw {
  const g = new graphlib.Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 70, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const envs = [...new Set(links.flatMap((l) => [l.from.env, l.to.env]))].sort(cmp);
  envs.forEach((e, i) => g.setNode(`c${i}`, { label: e, paddingTop: 22 }));
  const nodeIds = new Map<string, string>();
  const labels = new Map<string, { label: string; title: string; env: string }>();
  const nodeOf = (end: IsolationLink['from']): string => {
    const key = `${end.env}\u0000${end.id}`;
    let id = nodeIds.get(key);
    if (!id) {
      id = `n${nodeIds.size}`;
      nodeIds.set(key, id);
      const label = clip(end.label);
      labels.set(id, { label, title: end.id, env: end.env });
      g.setNode(id, { width: label.length * CHAR_W + 16, height: 24 });
      g.setParent(id, `c${envs.indexOf(end.env)}`);
    }
    return id;
  };
  const edges: { v: string; w: string; label: string }[] = [];
  for (const l of links) {
    const v = nodeOf(l.from);
    const w = nodeOf(l.to);
    const label = l.paths.join(', ');
    if (v !== w && !g.hasEdge(v, w)) {
      g.setEdge(v, w, { width: clip(label).length * CHAR_W, height: 14, labelpos: 'c' });
      edges.push({ v, w, label: clip(label) });
    }
  }
  layout(g);
  const graph = g.graph();
  const width = Math.ceil(graph.width ?? 0);
  const height = Math.ceil(graph.height ?? 0);
  const parts: Child[] = [
    h('defs', null, h('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, h('path', { d: 'M0,0 L10,5 L0,10 z' }))),
  ];
  envs.forEach((e, i) => {
    const c = g.node(`c${i}`);
    parts.push(
      h(
        'g',
        { class: 'env', 'data-environment': e },
        h('rect', { x: n1(c.x - c.width / 2), y: n1(c.y - c.height / 2), width: n1(c.width), height: n1(c.height), rx: 6 }),
        h('text', { x: n1(c.x - c.width / 2 + 8), y: n1(c.y - c.height / 2 + 15) }, clip(e)),
      ),
    );
  });
  for (const e of edges) {
    const d = g.edge(e.v, e.w);
    const pts = ((d.points ?? []) as { x: number; y: number }[]).map((p, i) => `${i === 0 ? 'M' : 'L'}${n1(p.x)},${n1(p.y)}`).join(' ');
    parts.push(h('path', { class: 'edge', d: pts, 'marker-end': 'url(#arrow)' }));
    if (typeof d.x === 'number' && typeof d.y === 'number') parts.push(h('text', { class: 'edge-label', x: n1(d.x), y: n1(d.y + 4), 'text-anchor': 'middle' }, e.label));
  }
  for (const [id, info] of labels) {
    const n = g.node(id);
    parts.push(
      h(
        'g',
        { class: 'res' },
        h('title', null, info.title),
        h('rect', { x: n1(n.x - n.width / 2), y: n1(n.y - n.height / 2), width: n1(n.width), height: n1(n.height), rx: 3 }),
        h('text', { x: n1(n.x), y: n1(n.y + 4), 'text-anchor': 'middle' }, info.label),
      ),
    );
  }
  return h(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', class: 'isolation', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': 'Resources linked across environments' },
    parts,
  );
}
