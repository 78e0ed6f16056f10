// Encryption and TLS: enable_<kind>_encryption and a backend's `encrypt = true` in HCL;
// "encrypted" next to named resource kinds; "in transit", "SSL termination" (HTTPS).
import type { Fact, Recogniser, Unmapped } from '../types.js';
import { fact, hclBool, scopeOf, src, typeOfLabel, typesIn } from './util.js';

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
          if (/\bin transit\b|\brest\/transit\b/i.test(text)) facts.push(fact(scopeOf(t), 'encryption/inTransit/s3TlsOnly', true, t));
        }
        if (!/\bencrypted\b/i.test(text) || /secrets? manager|parity/i.test(text)) continue;
        const types = typesIn(text).filter((x) => x !== 'AWS::EC2::Instance');
        if (types.length === 0) {
          if (/\bat rest\b/i.test(text)) unmapped.push({ ...src(t), reason: 'encryption at rest without a resource kind: the spec lists the types that must be encrypted' });
          continue;
        }
        for (const type of types) facts.push(fact(scopeOf(t), 'encryption/atRest', type, t, { list: true }));
      }
    }
    return { facts, unmapped };
  },
};
