// Accounts and regions: account ids and regions inside ARNs, `region = "..."`, and
// region names in prose or availability zones.
import type { Fact, Recogniser, Source } from '../types.js';
import { fact, scopeOf } from './util.js';

const ARN = /arn:aws:[a-z0-9-]+:([a-z]{2}(?:-[a-z]+)+-\d)?:(\d{12}):/g;
const REGION = /\b((?:us|eu|ap|sa|ca|me|af|il|mx)-(?:east|west|north|south|central|northeast|southeast|northwest|southwest)-\d)([a-z])?\b/g;

export const accounts: Recogniser = {
  kind: 'accounts-regions',
  recognise(docs) {
    const facts: Fact[] = [];
    const scan = (text: string, scope: string, source: Source) => {
      for (const m of text.matchAll(ARN)) {
        facts.push(fact(scope, 'accounts', { id: m[2]! }, source, { list: true, key: m[2]! }));
        if (m[1]) facts.push(fact(scope, 'regions', m[1], source, { list: true }));
      }
      for (const m of text.matchAll(REGION)) facts.push(fact(scope, 'regions', m[1]!, source, { list: true }));
    };
    for (const d of docs) {
      for (const a of d.hcl) scan(typeof a.value === 'string' ? a.value : JSON.stringify(a.value), scopeOf(a), a);
      for (const t of d.texts) if (!/\baws (s3|dynamodb) /i.test(t.text)) scan(t.text, scopeOf(t), t);
    }
    return { facts };
  },
};
