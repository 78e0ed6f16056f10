// Environment names and the words documents use for them. Only these three names are
// recognised; an alias is emitted only where the document itself uses the word.

export const ENV_WORDS: Readonly<Record<string, readonly string[]>> = {
  development: ['development', 'dev', 'develop'],
  staging: ['staging', 'stg', 'stage'],
  production: ['production', 'prod', 'prd'],
};

export const ENV_NAMES = Object.keys(ENV_WORDS);

/** The environment a single word names (case-insensitive), if any. */
export function envOfWord(word: string): string | undefined {
  const w = word.toLowerCase().trim();
  return ENV_NAMES.find((e) => ENV_WORDS[e]!.includes(w));
}

const HEADING_ENV = /^(?:phase\s+\d+:\s*)?(?:\d+(?:\.\d+)*\.?\s+)?(development|dev|staging|stg|production|prod)(?:\s+(?:environment|backend|dns|deployment|access|dashboard|data|infrastructure|configuration|security|network|monitoring|resources))?(?:\s*\(.*\))?$/i;

/** The environment a heading is about ("2.2 Staging Environment", "Production Backend"). */
export function envOfHeading(heading: string): string | undefined {
  if (/^phase\s/i.test(heading)) return undefined;
  const m = HEADING_ENV.exec(heading.trim());
  return m ? envOfWord(m[1]!) : undefined;
}

const LEADING_ENV = /^(?:[-*+]\s+)?\**\s*(development|dev|staging|stg|production|prod)\s*(?:\(([a-z]+)\))?\s*\**\s*:/i;

/** A line that starts with an environment label ("- **STG**: ...", "Staging: ..."). */
export function leadingEnv(text: string): { env: string; word: string; alias?: string } | undefined {
  const m = LEADING_ENV.exec(text.trim());
  if (!m) return undefined;
  const env = envOfWord(m[1]!);
  if (!env) return undefined;
  const alias = m[2] && envOfWord(m[2]) === env ? m[2].toLowerCase() : undefined;
  return { env, word: m[1]!, ...(alias ? { alias } : {}) };
}

/** The environment a code comment heads ("# Staging Network", "# environments/staging/backend.tf"). */
export function envOfComment(comment: string): string | undefined {
  const path = /environments\/([a-z]+)\//i.exec(comment);
  if (path) return envOfWord(path[1]!);
  const first = /^([A-Za-z]+)/.exec(comment.trim());
  return first ? envOfWord(first[1]!) : undefined;
}

/** Strips Markdown emphasis, emoji and mis-decoded emoji from a heading or cell. */
export function plain(text: string): string {
  return text
    .replace(/[*_`]/g, '')
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
