// IAM policy documents: decoding (AWS returns them URL-encoded from some APIs and plain
// from others, moto mixes both), and the `grants` targets of Allow statements.
import type { PolicyDocument, PolicyStatement, Relation } from '../model/snapshot.js';

/** Decodes a policy document defensively: JSON as is, else URL-decoded JSON. Undefined if neither. */
export function decodePolicy(raw: unknown): PolicyDocument | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'object') return raw as PolicyDocument;
  const text = String(raw);
  for (const candidate of [text, safeDecode(text), safeDecode(text.replace(/\+/g, ' '))]) {
    if (candidate === undefined) continue;
    try {
      const doc = JSON.parse(candidate) as unknown;
      if (doc && typeof doc === 'object') return doc as PolicyDocument;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export function statements(doc: PolicyDocument | undefined): PolicyStatement[] {
  if (!doc) return [];
  const s = doc.Statement;
  return Array.isArray(s) ? s : s ? [s] : [];
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** `grants` relations: every Resource (ARN or pattern, '*' included) an Allow statement names. */
export function grantRelations(docs: (PolicyDocument | undefined)[]): Relation[] {
  const targets = new Set<string>();
  for (const doc of docs) {
    for (const st of statements(doc)) {
      if (st.Effect !== 'Allow') continue;
      for (const r of list(st.Resource)) targets.add(r);
    }
  }
  return [...targets].sort().map((target) => ({ kind: 'grants', target }));
}

/** A bucket policy denies requests made without TLS (aws:SecureTransport = false). */
export function deniesInsecureTransport(doc: PolicyDocument | undefined): boolean {
  return statements(doc).some((st) => {
    if (st.Effect !== 'Deny') return false;
    const cond = st.Condition ?? {};
    return Object.entries(cond).some(([op, kv]) => {
      if (!/^Bool(IfExists)?$/i.test(op) || !kv) return false;
      return Object.entries(kv).some(([k, v]) => k.toLowerCase() === 'aws:securetransport' && list(v as string | string[]).map(String).includes('false'));
    });
  });
}
