// IPv4 CIDR arithmetic for the network rules (IPv6 blocks compare as strings only).

export interface Range {
  start: number;
  end: number; // inclusive
}

export function parseCidr(cidr: string): Range | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const ip = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
  const size = 2 ** (32 - bits);
  const start = Math.floor(ip / size) * size;
  return { start, end: start + size - 1 };
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  if (inner === outer) return true;
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  return a !== undefined && b !== undefined && a.start >= b.start && a.end <= b.end;
}

export function cidrsOverlap(x: string, y: string): boolean {
  const a = parseCidr(x);
  const b = parseCidr(y);
  return a !== undefined && b !== undefined && a.start <= b.end && b.start <= a.end;
}
