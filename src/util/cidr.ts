// IPv4 CIDR blocks: validation with the reason (the spec), strict and loose parsing, and
// the arithmetic the spec's cross-checks and the network rules share. IPv6 blocks are not
// parsed (the rules compare them as strings).

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  base: number;
  prefix: number;
  /** First and last address of the block (start = base). */
  start: number;
  end: number;
}

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/** Why `text` is not a valid IPv4 CIDR, or undefined when it is. */
export function cidrProblem(text: string): string | undefined {
  const m = /^([^/]+)\/([0-9]{1,2})$/.exec(text);
  if (!m) return 'is not an IPv4 CIDR block';
  const octets = (m[1] as string).split('.');
  if (octets.length !== 4 || !octets.every((o) => OCTET.test(o) && Number(o) <= 255)) {
    return 'has an invalid IPv4 address';
  }
  const prefix = Number(m[2]);
  if (prefix > 32) return 'has a prefix length above 32';
  const addr = toInt(octets.map(Number));
  const mask = maskOf(prefix);
  if ((addr & ~mask) >>> 0 !== 0) {
    return `has host bits set (the network is ${toText((addr & mask) >>> 0)}/${prefix})`;
  }
  return undefined;
}

/** Parses a valid CIDR (see cidrProblem); undefined otherwise. */
export function parseCidr(text: string): Cidr | undefined {
  if (typeof text !== 'string' || cidrProblem(text) !== undefined) return undefined;
  return parseCidrLoose(text);
}

/** Parses what AWS returns: host bits are allowed (some APIs accept them) and cleared; undefined when not IPv4. */
export function parseCidrLoose(text: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = (toInt(octets) & maskOf(prefix)) >>> 0;
  return { base, prefix, start: base, end: base + 2 ** (32 - prefix) - 1 };
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Whether `inner` lies entirely within `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** The rule operator: `inner` (an AWS value) lies within `outer` (a spec value); equal text always does. */
export function cidrWithin(inner: string, outer: string): boolean {
  if (inner === outer) return true;
  const a = parseCidrLoose(inner);
  const b = parseCidrLoose(outer);
  return a !== undefined && b !== undefined && cidrContains(b, a);
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function toInt(o: number[]): number {
  return (((o[0] as number) << 24) | ((o[1] as number) << 16) | ((o[2] as number) << 8) | (o[3] as number)) >>> 0;
}

function toText(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
