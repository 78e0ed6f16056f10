// The JSON Schemas `envgate schema <name>` prints: an explicit map, so each area adds
// its own schema here (snapshot, report, rules, waivers) without import side effects.
import { specSchema } from '../spec/schema.js';

export interface SchemaEntry {
  describe: string;
  schema: Record<string, unknown>;
}

export const SCHEMAS: Readonly<Record<string, SchemaEntry>> = {
  spec: { describe: 'the environment spec (envgate.yaml)', schema: specSchema },
};

export const DEFAULT_SCHEMA = 'spec';

export function schemaNames(): string[] {
  return Object.keys(SCHEMAS).sort();
}
