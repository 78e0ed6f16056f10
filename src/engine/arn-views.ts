// The context's ARN-keyed lookups (`byArn`, `attribution`) as read-only views over one
// ARN -> position Map and parallel arrays: one hash insert per resource instead of one
// per index, and passes that already know a resource's position never hash its ARN.
// Positions 0..n-1 are snapshot.resources (the last of duplicate ARNs wins, as Map.set
// would), n.. are principals whose ARN is not a resource's. Iteration order is the
// order in which each ARN was first inserted, as with the Maps these views replace.

export class ArnView<V> implements ReadonlyMap<string, V> {
  /**
   * `valueAt(i)` is the value at position i; positions >= `limit` are not in the view
   * (principals are in `attribution` but not in `byArn`).
   */
  constructor(
    private readonly positions: ReadonlyMap<string, number>,
    private readonly valueAt: (i: number) => V,
    private readonly limit: number,
    readonly size: number,
  ) {}

  get(arn: string): V | undefined {
    const i = this.positions.get(arn);
    return i !== undefined && i < this.limit ? this.valueAt(i) : undefined;
  }

  /** The position of the ARN's value (the last resource with it), or undefined. */
  position(arn: string): number | undefined {
    const i = this.positions.get(arn);
    return i !== undefined && i < this.limit ? i : undefined;
  }

  has(arn: string): boolean {
    const i = this.positions.get(arn);
    return i !== undefined && i < this.limit;
  }

  *entries(): MapIterator<[string, V]> {
    for (const [arn, i] of this.positions) if (i < this.limit) yield [arn, this.valueAt(i)];
  }

  *keys(): MapIterator<string> {
    for (const [arn, i] of this.positions) if (i < this.limit) yield arn;
  }

  *values(): MapIterator<V> {
    for (const i of this.positions.values()) if (i < this.limit) yield this.valueAt(i);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [arn, v] of this.entries()) fn.call(thisArg, v, arn, this);
  }
}
