// Seeded shuffles of everything in a snapshot whose order carries no meaning: resources,
// principals, policies, costs, errors, relations, tag keys, group and policy lists, and
// the statements (and their action and resource lists) of every policy document.
import { type Random, shuffle } from '../fuzz/random.js';

type Obj = Record<string, unknown>;

function shuffledKeys(o: Obj, rnd: Random): Obj {
  const out: Obj = {};
  for (const k of shuffle(Object.keys(o), rnd)) out[k] = o[k];
  return out;
}

function shuffleDocument(doc: unknown, rnd: Random): unknown {
  if (doc === null || typeof doc !== 'object') return doc;
  const d = doc as Obj;
  const statements = Array.isArray(d.Statement) ? shuffle([...(d.Statement as Obj[])], rnd) : d.Statement !== undefined ? [d.Statement as Obj] : undefined;
  return {
    ...d,
    ...(statements
      ? {
          Statement: statements.map((st) => {
            const s = { ...st };
            for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) if (Array.isArray(s[key])) s[key] = shuffle([...(s[key] as unknown[])], rnd);
            return shuffledKeys(s, rnd);
          }),
        }
      : {}),
  };
}

/** A copy of a snapshot (as parsed JSON) with every order-free list shuffled. */
export function shuffleSnapshot(snapshot: Obj, rnd: Random): Obj {
  const s = structuredClone(snapshot);
  const list = (x: unknown) => shuffle([...(x as Obj[])], rnd);
  s.resources = list(s.resources).map((r) => ({ ...r, tags: shuffledKeys(r.tags as Obj, rnd), relations: list(r.relations) }));
  s.principals = list(s.principals).map((p) => ({
    ...p,
    tags: shuffledKeys(p.tags as Obj, rnd),
    groups: list(p.groups),
    attachedPolicies: list(p.attachedPolicies),
    inlinePolicies: list(p.inlinePolicies).map((ip) => ({ ...ip, document: shuffleDocument(ip.document, rnd) })),
    ...(p.trustPolicy ? { trustPolicy: shuffleDocument(p.trustPolicy, rnd) } : {}),
  }));
  s.policies = list(s.policies).map((p) => ({ ...p, document: shuffleDocument(p.document, rnd) }));
  s.costs = list(s.costs);
  s.errors = list(s.errors).map((e) => ({ ...e, affects: list(e.affects) }));
  return s;
}
