import { InputError } from '../model/diagnostics.js';

/** SOURCE_DATE_EPOCH (seconds) makes every timestamp reproducible; otherwise the wall clock. */
export function clockFromEnv(env: NodeJS.ProcessEnv): () => Date {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return () => new Date();
  if (!/^\d+$/.test(raw)) {
    throw new InputError(`SOURCE_DATE_EPOCH must be a whole number of seconds, got '${raw}'`);
  }
  const fixed = new Date(Number(raw) * 1000);
  return () => new Date(fixed.getTime());
}
