// A value per environment (or per "no environment", null), in a short list scanned by
// identity. A spec has a handful of environments and the engine asks per resource and
// rule, hundreds of thousands of times: comparing a few pointers beats hashing a key
// (environment names are the spec's own strings, so the comparison is a pointer test).

export class EnvMemo<V> {
  private readonly envs: (string | null)[] = [];
  private readonly values: V[] = [];

  /** Position of `env`'s value, or -1. */
  index(env: string | null): number {
    const { envs } = this;
    for (let i = 0; i < envs.length; i++) if (envs[i] === env) return i;
    return -1;
  }

  at(i: number): V {
    return this.values[i]!;
  }

  /** Every (environment, value), in the order they were added. */
  entries(): [string | null, V][] {
    return this.envs.map((env, i) => [env, this.values[i]!]);
  }

  /** Stores `value` for `env` (not yet present) and returns it. */
  add(env: string | null, value: V): V {
    this.envs.push(env);
    this.values.push(value);
    return value;
  }
}
