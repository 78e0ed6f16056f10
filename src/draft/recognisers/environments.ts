// Environments and their aliases: an alias is a word the document uses for the
// environment besides its name ("Development (DEV)", a DEV | STG | PROD header).
import type { Recogniser } from '../types.js';
import { fact } from './util.js';

export const environments: Recogniser = {
  kind: 'environments',
  recognise(docs, envs) {
    const facts = [];
    for (const d of docs) {
      for (const m of d.envs) {
        const word = m.word.toLowerCase();
        if (envs.includes(m.env) && word !== m.env) facts.push(fact(m.env, 'aliases', word, m, { list: true }));
      }
    }
    return { facts };
  },
};
