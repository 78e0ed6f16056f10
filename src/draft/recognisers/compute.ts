// Instance and database types and counts: instance_type / instance_count in HCL,
// "EC2: t3.small", "Single EC2 t3.micro instance", "t3.medium x2", "db.t3.micro",
// and Multi-AZ next to a database; "Multiple AZ deployment" naming no kind covers the
// Multi-AZ kinds its environment's lines name; "High availability" of an environment
// whose lines give no instance count is at least two instances.
import { REQUIREMENT_TYPES } from '../../spec/requirement-types.js';
import type { Fact, ParsedDoc, Recogniser } from '../types.js';
import { fact, kindsNamedIn, scopeOf, typesIn } from './util.js';

const MULTI_AZ = REQUIREMENT_TYPES['/environments/*/dataProtection/multiAz']!;

const SIZE = '(?:nano|micro|small|medium|large|\\d*xlarge|metal)';
const EC2_TYPE = new RegExp(`(?<![.\\w])([a-z][a-z0-9-]*\\d[a-z0-9-]*\\.${SIZE})\\b`, 'g');
const DB_CLASS = new RegExp(`\\b(db\\.[a-z][a-z0-9-]*\\d[a-z0-9-]*\\.${SIZE})\\b`, 'g');
const CACHE_TYPE = new RegExp(`\\b(cache\\.[a-z][a-z0-9-]*\\d[a-z0-9-]*\\.${SIZE})\\b`, 'g');
const COUNT = /(?:\bx\s?(\d+)\b|\((\d+)x\)|\b(single|one)\b)/i;
// "Highly available databases" is the Multi-AZ reading above, not an instance count.
const HIGH_AVAILABILITY = /\bhigh[- ]availability\b/i;

/** One instance is a single point of failure: high availability needs two, at least. */
function highAvailabilityFloor(d: ParsedDoc, facts: readonly Fact[]): Fact[] {
  const counted = new Set(facts.filter((f) => f.path === 'compute/instanceCount/min').map((f) => f.scope));
  const out: Fact[] = [];
  for (const t of d.texts) {
    if (!t.env || counted.has(t.env) || counted.has('*') || !HIGH_AVAILABILITY.test(t.text)) continue;
    if (typesIn(t.text).some((k) => k !== 'AWS::EC2::Instance')) continue;
    out.push(fact(t.env, 'compute/instanceCount/min', 2, t));
    counted.add(t.env);
  }
  return out;
}

export const compute: Recogniser = {
  kind: 'compute',
  recognise(docs) {
    const facts: Fact[] = [];
    for (const d of docs) {
      for (const a of d.hcl) {
        if (a.key === 'instance_type' && typeof a.value === 'string') facts.push(fact(scopeOf(a), 'compute/instanceTypes', a.value, a, { list: true }));
        if (a.key === 'instance_count' && typeof a.value === 'number') {
          facts.push(fact(scopeOf(a), 'compute/instanceCount/min', a.value, a), fact(scopeOf(a), 'compute/instanceCount/max', a.value, a));
        }
      }
      for (const t of d.texts) {
        if (!t.env) continue;
        for (const m of t.text.matchAll(DB_CLASS)) facts.push(fact(t.env, 'compute/dbInstanceClasses', m[1]!, t, { list: true }));
        for (const m of t.text.matchAll(CACHE_TYPE)) facts.push(fact(t.env, 'compute/cacheNodeTypes', m[1]!, t, { list: true }));
        if ((/\bdb\.|\brds\b/i.test(t.text) && /multi-az/i.test(t.text)) || /\bdatabases?\b.*\bhighly available\b|\bhighly available\b.*\bdatabases?\b/i.test(t.text)) {
          facts.push(fact(t.env, 'dataProtection/multiAz', 'AWS::RDS::DBInstance', t, { list: true }));
        } else if (/\bmulti(?:ple)?[- ]?azs?\b/i.test(t.text) && typesIn(t.text).length === 0) {
          for (const type of kindsNamedIn(d, t.env, MULTI_AZ)) facts.push(fact(t.env, 'dataProtection/multiAz', type, t, { list: true }));
        }
        if (!/\bec2\b|\binstances?\b|^compute:/i.test(t.text) || /\b(same|identical)\b/i.test(t.text)) continue;
        const types = [...t.text.matchAll(EC2_TYPE)].map((m) => m[1]!);
        for (const type of types) facts.push(fact(t.env, 'compute/instanceTypes', type, t, { list: true }));
        const count = COUNT.exec(t.text);
        if (types.length === 1 && count) {
          const n = count[3] ? 1 : Number(count[1] ?? count[2]);
          facts.push(fact(t.env, 'compute/instanceCount/min', n, t));
          // Auto scaling: the count is a floor, not a fixed size.
          if (!/auto[- ]?scal/i.test(t.text)) facts.push(fact(t.env, 'compute/instanceCount/max', n, t));
        }
      }
    }
    // After every document: a count any of them gives wins over the floor.
    for (const d of docs) facts.push(...highAvailabilityFloor(d, facts));
    return { facts };
  },
};
