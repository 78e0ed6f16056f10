// Pacing: bounded concurrency per service, account and region, a cap on every call in
// flight at once (the whole collection's, shared out among its worker threads), and token
// buckets for APIs with a documented request rate (Tagging GetResources: 15 a second).
import pLimit, { type LimitFunction } from 'p-limit';

/** Requests per second AWS documents for an operation (per account and region). */
export const DOCUMENTED_RATES: Record<string, number> = {
  'tagging:GetResources': 15,
};

/** A token bucket: at most `rate` acquisitions in any one-second window. */
export class TokenBucket {
  private readonly stamps: number[] = [];
  private chain: Promise<void> = Promise.resolve();
  constructor(
    readonly rate: number,
    private readonly clock: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when one more request may start without exceeding the rate. */
  take(): Promise<void> {
    const next = this.chain.then(async () => {
      for (;;) {
        const now = this.clock();
        while (this.stamps.length > 0 && now - this.stamps[0]! >= 1000) this.stamps.shift();
        if (this.stamps.length < this.rate) {
          this.stamps.push(now);
          return;
        }
        await this.sleep(1000 - (now - this.stamps[0]!) + 1);
      }
    });
    this.chain = next;
    return next;
  }
}

/** One limiter per key (service/account/region), one cap over all keys, one bucket per rated operation. */
export class Pacer {
  private readonly limits = new Map<string, LimitFunction>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly total: LimitFunction | undefined;
  /** `total`: calls in flight at once over every key (default: no cap beyond the keys'). */
  constructor(
    private readonly concurrency: number,
    total?: number,
  ) {
    this.total = total === undefined ? undefined : pLimit(total);
  }

  /** Runs `fn` when its key and the total cap both have a free slot. */
  run<T>(service: string, accountId: string, region: string, fn: () => Promise<T>): Promise<T> {
    const key = `${service}/${accountId}/${region}`;
    let l = this.limits.get(key);
    if (!l) this.limits.set(key, (l = pLimit(this.concurrency)));
    const total = this.total;
    // The key's slot first: a call waiting on its own service holds no share of the total.
    return l(() => (total ? total(fn) : fn()));
  }

  /** Waits for the operation's rate bucket, if it has a documented rate. */
  async admit(opKey: string, accountId: string, region: string): Promise<void> {
    const rate = DOCUMENTED_RATES[opKey];
    if (rate === undefined) return;
    const key = `${opKey}/${accountId}/${region}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new TokenBucket(rate)));
    await b.take();
  }
}
