// IPv4 CIDR parsing and arithmetic for the network section and its cross-checks.

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  base: number;
  prefix: number;
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

/** Parses a CIDR already known to be valid (see cidrProblem); undefined otherwise. */
export function parseCidr(text: string): Cidr | undefined {
  if (typeof text !== 'string' || cidrProblem(text) !== undefined) return undefined;
  const [addr, prefix] = text.split('/') as [string, string];
  return { base: toInt(addr.split('.').map(Number)), prefix: Number(prefix) };
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const mask = maskOf(Math.min(a.prefix, b.prefix));
  return (a.base & mask) >>> 0 === (b.base & mask) >>> 0;
}

/** Whether `inner` lies entirely within `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && cidrsOverlap(outer, inner);
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
