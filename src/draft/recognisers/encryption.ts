// Encryption and TLS: enable_<kind>_encryption and a backend's `encrypt = true` in HCL;
// "encrypted" next to named resource kinds; "in transit", "SSL termination" (HTTPS), and
// "in transit" for the databases and caches a line or its environment names (TLS).
// Encryption "at rest" naming no kind covers every kind when it says "all ... data", else
// the kinds the same environment's lines name (its storage, its database).
import { REQUIREMENT_TYPES } from '../../spec/requirement-types.js';
import type { Fact, Recogniser, Unmapped } from '../types.js';
import { fact, hclBool, kindsNamedIn, scopeOf, src, typeOfLabel, typesIn } from './util.js';

// Listing cache clusters already covers replication groups (encryption-at-rest-elasticache).
const AT_REST = REQUIREMENT_TYPES['/environments/*/encryption/atRest']!.filter((t) => t !== 'AWS::ElastiCache::ReplicationGroup');

// What encryption.inTransit.databases and elasticacheTls judge.
const IN_TRANSIT_DB = ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'];
const IN_TRANSIT_CACHE = ['AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ReplicationGroup'];

export const encryption: Recogniser = {
  kind: 'encryption',
  recognise(docs) {
    const facts: Fact[] = [];
    const unmapped: Unmapped[] = [];
    for (const d of docs) {
      for (const a of d.hcl) {
        if (hclBool(a) !== true) continue;
        const m = /^enable_(\w+?)_encryption$/.exec(a.key);
        const type = m ? typeOfLabel(m[1]!) : a.key === 'encrypt' ? 'AWS::S3::Bucket' : undefined;
        if (type) facts.push(fact(scopeOf(a), 'encryption/atRest', type, a, { list: true }));
      }
      for (const t of d.texts) {
        const text = t.text;
        if (/\bin transit\b|\brest\/transit\b|ssl termination|\bhttps\b(?!:\/\/)/i.test(text)) {
          facts.push(fact(scopeOf(t), 'encryption/inTransit/httpsListeners', true, t));
          if (/\bin transit\b|\brest\/transit\b/i.test(text)) {
            facts.push(fact(scopeOf(t), 'encryption/inTransit/s3TlsOnly', true, t));
            // Databases and caches take TLS when the line names them, says "all ... data", or
            // its environment's lines name them (as "at rest" does).
            const kinds = typesIn(text).length > 0 ? typesIn(text) : /\ball\b[^.]*\bdata\b/i.test(text) ? [...IN_TRANSIT_DB, ...IN_TRANSIT_CACHE] : t.env ? kindsNamedIn(d, t.env, [...IN_TRANSIT_DB, ...IN_TRANSIT_CACHE]) : [];
            if (kinds.some((k) => IN_TRANSIT_DB.includes(k))) facts.push(fact(scopeOf(t), 'encryption/inTransit/databases', true, t));
            if (kinds.some((k) => IN_TRANSIT_CACHE.includes(k))) facts.push(fact(scopeOf(t), 'encryption/inTransit/elasticacheTls', true, t));
          }
        }
        const atRest = /\bat rest\b|\brest\/transit\b/i.test(text);
        if (!(/\bencrypted\b/i.test(text) || (atRest && /\bencrypt/i.test(text))) || /secrets? manager|parity/i.test(text)) continue;
        let types = typesIn(text).filter((x) => AT_REST.includes(x));
        if (types.length === 0 && atRest) types = /\ball\b[^.]*\bdata\b/i.test(text) ? [...AT_REST] : t.env ? kindsNamedIn(d, t.env, AT_REST) : [];
        if (types.length === 0) {
          if (atRest) unmapped.push({ ...src(t), reason: 'encryption at rest without a resource kind: the spec lists the types that must be encrypted' });
          continue;
        }
        for (const type of types) facts.push(fact(scopeOf(t), 'encryption/atRest', type, t, { list: true }));
      }
    }
    return { facts, unmapped };
  },
};
