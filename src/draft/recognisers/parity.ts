// Parity statements: "Same encryption as production", "Production-identical
// configuration", "Same as staging" next to an HCL value, "Architectural Parity: Load
// balancer, encryption, monitoring", "Load balancer (if prod has one)", "Production-like
// sizing" (like production in the one property it names).
import type { Fact, Recogniser, Source, Unmapped } from '../types.js';
import { ENV_NAMES, envOfWord } from '../envs.js';
import { fact, src } from './util.js';

// Words for each parity property, as documents say them.
const PROPERTY_WORDS: readonly [RegExp, string][] = [
  [/encrypt/i, 'encryption'],
  [/versioning|data protection/i, 'versioning'],
  [/access[ _]logging|audit/i, 'accessLogging'],
  [/monitoring|alarms?\b/i, 'alarms'],
  [/load[ _]balancer/i, 'loadBalancer'],
  [/lifecycle/i, 'lifecyclePolicy'],
  [/multi-?az/i, 'multiAz'],
  [/instance[ _]types?/i, 'instanceTypes'],
  [/instance[ _]count/i, 'instanceCount'],
  [/availability[ _]zones|network (setup|configuration)/i, 'availabilityZones'],
];

/** What "identical to production" covers: every protection and the architecture, not sizes. */
export const IDENTICAL = ['encryption', 'versioning', 'accessLogging', 'alarms', 'loadBalancer', 'resourceKinds', 'lifecyclePolicy', 'multiAz'];

const IDENTICAL_RE = /\b(production|prod)[- ](identical|mirror|like)\b|\bidentical to (production|prod)\b|\bmirrors? (production|prod)\b/i;
const SAME_AS = /\bsame (?:([a-z][a-z _-]*?) )?as (production|prod|staging)\b/i;
// "Production-like sizing", "sized like production": the instance sizes, not the counts.
const SIZED_LIKE = /\b(production|prod)[- ]like (?:instance )?siz(?:ing|es)\b|\bsized like (production|prod)\b/i;

function propertiesIn(text: string): string[] {
  return PROPERTY_WORDS.filter(([re]) => re.test(text)).map(([, p]) => p);
}

/** Parity runs from the lower environment to the higher one. */
function pair(a: string, b: string): [string, string] | undefined {
  if (a === b) return undefined;
  return ENV_NAMES.indexOf(a) < ENV_NAMES.indexOf(b) ? [a, b] : [b, a];
}

export const parity: Recogniser = {
  kind: 'parity',
  recognise(docs, envs) {
    const facts: Fact[] = [];
    const unmapped: Unmapped[] = [];
    const add = (env: string | undefined, other: string | undefined, props: string[], s: Source) => {
      const p = env && other ? pair(env, other) : undefined;
      if (!p || !envs.includes(p[0]) || !envs.includes(p[1])) return;
      for (const prop of props) facts.push(fact('', `parity/${p[0]}/${p[1]}`, prop, s, { list: true }));
    };
    for (const d of docs) {
      for (const t of d.texts) {
        if (!t.env) continue;
        const same = SAME_AS.exec(t.text);
        if (SIZED_LIKE.test(t.text)) {
          add(t.env, 'production', ['instanceTypes'], t);
        } else if (IDENTICAL_RE.test(t.text) && !/like testing|like validation/i.test(t.text)) {
          if (/\bproduction-like\b/i.test(t.text) && !/identical|mirror/i.test(t.text)) continue;
          add(t.env, 'production', IDENTICAL, t);
        } else if (same) {
          const props = propertiesIn(same[1] ?? '');
          if (props.length > 0) add(t.env, envOfWord(same[2]!), props, t);
          else unmapped.push({ ...src(t), reason: 'a parity statement that names no property envgate compares' });
        } else if (/\bif (prod|production) has one\b/i.test(t.text)) {
          add(t.env, 'production', propertiesIn(t.text), t);
        } else if (/\bparity\b[^:]*:/i.test(t.text)) {
          const [label = '', ...rest] = t.text.split(':');
          // "Architectural parity": the same architecture is the same kinds of resources.
          const kinds = /\barchitectur/i.test(label) && /\bparity\b/i.test(label) ? ['resourceKinds'] : [];
          add(t.env, 'production', [...propertiesIn(rest.join(':')), ...kinds], t);
        }
      }
      for (const a of d.hcl) {
        if (!a.env) continue;
        const same = /\bsame(?: ([a-z][a-z ]*?))?(?: as (production|prod|staging))?\b/i.exec(a.comment);
        const segmentParity = /\bparity\b|\bidentical to (staging|production)\b/i.exec(a.segment);
        if (!same && !segmentParity) continue;
        const other = envOfWord(same?.[2] ?? segmentParity?.[1] ?? '') ?? (a.env === 'production' ? 'staging' : 'production');
        const props = propertiesIn(`${same?.[1] ?? ''} ${a.key}`);
        if (props.length > 0) add(a.env, other, props, a);
      }
    }
    return { facts, unmapped };
  },
};
