// Pacing: bounded concurrency per service, account and region, and token buckets for
// APIs with a documented request rate (Tagging GetResources: 15 requests per second).
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

/** Hands out one limiter per key (service/account/region) and one bucket per rated operation. */
export class Pacer {
  private readonly limits = new Map<string, LimitFunction>();
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(private readonly concurrency: number) {}

  limiter(service: string, accountId: string, region: string): LimitFunction {
    const key = `${service}/${accountId}/${region}`;
    let l = this.limits.get(key);
    if (!l) this.limits.set(key, (l = pLimit(this.concurrency)));
    return l;
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
