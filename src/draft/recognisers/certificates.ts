// Certificates: "**Production**: `*.example.com` wildcard certificate" asks for an issued
// certificate of that domain in the environment; "Uses same wildcard certificate" of
// another environment takes the domains the document's other certificate lines name.
import type { Fact, Recogniser, TextLine } from '../types.js';
import { fact } from './util.js';

const CERTIFICATE = /\bcertificates?\b/i;
const SAME = /\bsame\b/i;
// A domain name, a leading "*." for a wildcard; not a file name (a known extension) or a URL path.
const DOMAIN = /(?<![\w./-])(\*\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?![\w/-])/gi;
const NOT_A_DOMAIN = /\.(?:ya?ml|json|txt|md|sh|py|js|ts|tf|env|conf)$/i;

const domainsIn = (text: string) => [...new Set([...text.matchAll(DOMAIN)].map((m) => m[0].toLowerCase()).filter((d) => !NOT_A_DOMAIN.test(d)))];

export const certificates: Recogniser = {
  kind: 'certificates',
  recognise(docs) {
    const facts: Fact[] = [];
    for (const d of docs) {
      const lines = d.texts.filter((t): t is TextLine & { env: string } => t.env !== undefined && CERTIFICATE.test(t.text));
      const named = lines.map((t) => ({ t, domains: domainsIn(t.text) }));
      const all = [...new Set(named.flatMap((n) => n.domains))].sort();
      for (const { t, domains } of named) {
        const own = domains.length > 0 ? domains : SAME.test(t.text) ? all : [];
        for (const domain of own) facts.push(fact(t.env, 'certificates/domains', domain, t, { list: true }));
      }
    }
    return { facts };
  },
};
