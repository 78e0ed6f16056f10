// Environments and their aliases: an alias is a word the document uses for the
// environment besides its name ("Development (DEV)", a DEV | STG | PROD header), also
// as a segment of a name in that environment's lines ("Database: shop-prod").
import { ENV_WORDS } from '../envs.js';
import type { Fact, Recogniser } from '../types.js';
import { fact } from './util.js';

// A word joined to a name by - _ . or :, e.g. shop-dev, db:migrate:prod.
const NAME_SEGMENT = /(?<=[\w][-_.:])([a-z]+)(?![\w])/gi;

export const environments: Recogniser = {
  kind: 'environments',
  recognise(docs, envs) {
    const facts: Fact[] = [];
    for (const d of docs) {
      for (const m of d.envs) {
        const word = m.word.toLowerCase();
        if (envs.includes(m.env) && word !== m.env) facts.push(fact(m.env, 'aliases', word, m, { list: true }));
      }
      for (const t of d.texts) {
        if (!t.env || !envs.includes(t.env)) continue;
        for (const m of t.text.matchAll(NAME_SEGMENT)) {
          const word = m[1]!.toLowerCase();
          if (word !== t.env && ENV_WORDS[t.env]!.includes(word)) facts.push(fact(t.env, 'aliases', word, t, { list: true }));
        }
      }
    }
    return { facts };
  },
};
