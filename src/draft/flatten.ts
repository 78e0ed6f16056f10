// A spec as a set of leaves keyed by meaning, not position: list items by their value or
// identity (a log group by class, a lifecycle rule by buckets), so a draft and a
// hand-written spec can be compared value by value.
import { pointerSegment } from '../spec/source.js';

export interface Leaf {
  /** e.g. environments/staging/network/vpcCidrs/10.1.0.0/16, or .../monthlyCeilingUsd=25 */
  key: string;
  /** JSON pointer of the value in its document. */
  pointer: string;
}

const IDENTITY: readonly (readonly string[])[] = [['from', 'to'], ['class'], ['type', 'name'], ['type'], ['id'], ['buckets'], ['days', 'storageClass']];

function identityFields(obj: Record<string, unknown>): readonly string[] {
  return IDENTITY.find((f) => f.every((k) => k in obj)) ?? Object.keys(obj);
}

export function flatten(value: unknown, key = '', pointer = '', out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const p = `${pointer}/${i}`;
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        // The item exists (its identity), then its other fields.
        const obj = item as Record<string, unknown>;
        const fields = identityFields(obj);
        const id = `${key}/${fields.map((k) => (typeof obj[k] === 'string' ? obj[k] : JSON.stringify(obj[k]))).join(' ')}`;
        out.push({ key: id, pointer: p });
        for (const [k, v] of Object.entries(obj)) if (!fields.includes(k)) flatten(v, `${id}/${k}`, `${p}/${pointerSegment(k)}`, out);
      } else if (Array.isArray(item)) flatten(item, `${key}/${i}`, p, out);
      else out.push({ key: `${key}/${String(item)}`, pointer: p });
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, `${key}/${k}`, `${pointer}/${pointerSegment(k)}`, out);
  } else {
    out.push({ key: `${key}=${JSON.stringify(value)}`, pointer });
  }
  return out;
}

// What no rule reads (names, titles, reasons, principals a document never gives) and
// values that assert nothing (false, the default).
const NOT_CHECKABLE = [
  /^\/(version|system|\$schema)\b/,
  /\/(description|title|reason|document|documentDate)=/,
  /\/accounts\/[^/]+\/(name|roleArn)=/,
  /^\/teams\/[^/]+\/principals\//,
  /=false$/,
  // Defaults assert nothing.
  /\/cost\/source="estimate"$/,
  /\/compute\/loadBalancer="optional"$/,
];

/** The leaves a rule checks: the measure of how much of a spec a draft reproduces. */
export function checkable(leaves: readonly Leaf[]): Leaf[] {
  return leaves.filter((l) => !NOT_CHECKABLE.some((re) => re.test(l.key)));
}

/** A scalar leaf's field without its value, to find a contradiction. */
export function field(key: string): string | undefined {
  const i = key.lastIndexOf('=');
  return i < 0 ? undefined : key.slice(0, i);
}

/**
 * Team ids are the spec's own names ("qa" or "qa-team"); what a document fixes is the
 * team's title, so leaves about a team are keyed by its title.
 */
export function byTeamTitle(leaves: readonly Leaf[], value: unknown): Leaf[] {
  const teams = ((value as { teams?: Record<string, { title?: unknown }> })?.teams ?? {}) as Record<string, { title?: unknown }>;
  const slug = (id: string) => {
    const title = teams[id]?.title;
    return typeof title === 'string' ? title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') : id;
  };
  return leaves.map((l) => ({ ...l, key: l.key.replace(/^\/(access\/matrix|teams)\/([^/=]+)/, (_m, a: string, id: string) => `/${a}/${slug(id)}`) }));
}
