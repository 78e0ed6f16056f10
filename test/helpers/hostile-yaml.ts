// Hostile YAML inputs shared by the parser tests (behaviour) and bench/parse-hostile.ts
// (their cost): the fuzz cases that once took seconds.

/** Billion laughs: ten levels of ten aliases each (10^10 nodes if expanded). */
export function aliasBomb(levels = 10): string {
  const lines = ['l0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++) lines.push(`l${i}: &b${i} [${Array(10).fill(`*b${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

/** A waivers file of n entries, each with an alias to a reused anchor (fuzz seeds 10329, 11620). */
export function manyAliasWaivers(n = 3000): string {
  const entries = Array.from({ length: n }, (_, i) => `  - { id: w${i}, fingerprint: ${'a'.repeat(32)}, reason: r, owner: o, expires: *a }`);
  return `fuzz0: &a x\nfuzz1: &a [1]\nversion: 1\nwaivers:\n${entries.join('\n')}\n`;
}

/** n aliases in front of a spec. */
export function manyAliasSpec(spec: string, n = 5000): string {
  return `fuzz0: &a x\nfuzz1:\n${'  - *a\n'.repeat(n)}${spec}`;
}

/** A spec whose bucket naming key is a 200 kB resource type (an explicit key: implicit ones stop at 1,024 characters). */
export function hugeTypeSpec(spec: string, length = 200_000): string {
  return spec.replace('AWS::S3::Bucket: ["mht-api-staging-*"', `? AWS::S3::Bucket${'A'.repeat(length)}\n        : ["mht-api-staging-*"`);
}
