// Reading a raw (parsed, not yet validated) spec value defensively: checks that run on
// schema-invalid input too use these instead of trusting its shape.
export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
export const entries = (v: unknown): [string, unknown][] => (isObj(v) ? Object.entries(v) : []);
export const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const get = (v: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((cur, k) => (isObj(cur) ? cur[k] : undefined), v);
export const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
