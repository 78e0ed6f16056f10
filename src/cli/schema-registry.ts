// The JSON Schemas `envgate schema <name>` prints: an explicit map, so each area adds
// its own schema here (snapshot, report, rules, waivers) without import side effects.
import { SNAPSHOT_SCHEMA } from '../collect/snapshot-schema.js';
import { waiversSchema } from '../gate/waiver-schema.js';
import { configSchema } from './config-file.js';
import { REPORT_SCHEMA } from '../report/report-schema.js';
import { ruleSchema } from '../rules/schema.js';
import { specSchema } from '../spec/schema.js';

export interface SchemaEntry {
  describe: string;
  schema: Record<string, unknown>;
}

export const SCHEMAS: Readonly<Record<string, SchemaEntry>> = {
  spec: { describe: 'the environment spec (envgate.yaml)', schema: specSchema },
  report: { describe: 'the JSON report of envgate scan and gate (envgate.json)', schema: REPORT_SCHEMA as unknown as Record<string, unknown> },
  rules: { describe: 'a rule file (rules/<id>.yaml, --rules DIR)', schema: ruleSchema as unknown as Record<string, unknown> },
  snapshot: { describe: 'the snapshot of envgate inventory (snapshot.json)', schema: SNAPSHOT_SCHEMA as unknown as Record<string, unknown> },
  config: { describe: 'the config file of option values (.envgate.yaml, --config)', schema: configSchema },
  waivers: { describe: 'the waivers file of envgate gate (--waivers)', schema: waiversSchema as unknown as Record<string, unknown> },
};

export const DEFAULT_SCHEMA = 'spec';

export function schemaNames(): string[] {
  return Object.keys(SCHEMAS).sort();
}
