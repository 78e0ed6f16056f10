// CIDRs and zones: vpc_cidr / subnet_cidrs / availability_zones in HCL, a VPC row of an
// environment table, and "Custom VPC" (no default VPC) in prose.
import type { Fact, Recogniser } from '../types.js';
import { codeSpans, envColumns, fact, scopeOf } from './util.js';
import { plain } from '../envs.js';

const CIDR = /\b\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}\b/g;
const FIELDS: readonly [RegExp, string][] = [
  [/^vpc_cidrs?(_blocks?)?$/, 'network/vpcCidrs'],
  [/^(private_|public_)?subnet_cidrs?(_blocks?)?$/, 'network/subnetCidrs'],
  [/^(availability_zones|azs)$/, 'network/availabilityZones'],
];

export const network: Recogniser = {
  kind: 'network',
  recognise(docs) {
    const facts: Fact[] = [];
    for (const d of docs) {
      for (const a of d.hcl) {
        const field = FIELDS.find(([re]) => re.test(a.key))?.[1];
        if (!field) continue;
        for (const v of Array.isArray(a.value) ? a.value : [a.value]) {
          if (typeof v === 'string') facts.push(fact(scopeOf(a), field, v, a, { list: true }));
        }
        // A VPC range of the environment's own (not the default VPC's 172.31.0.0/16): a custom VPC.
        if (field === 'network/vpcCidrs' && a.env && typeof a.value === 'string' && !a.value.startsWith('172.31.')) {
          facts.push(fact(a.env, 'network/forbidDefaultVpc', true, a));
        }
      }
      for (const t of d.tables) {
        const cols = envColumns(t);
        for (const row of t.rows) {
          if (!/^vpcs?$/i.test(plain(row.cells[0] ?? ''))) continue;
          for (const [i, env] of cols) {
            for (const c of codeSpans(row.cells[i] ?? '')) {
              if (CIDR.test(c)) facts.push(fact(env, 'network/vpcCidrs', c, { doc: d.name, line: row.line, text: row.text }, { list: true }));
              CIDR.lastIndex = 0;
            }
          }
        }
      }
      for (const t of d.texts) {
        if (/\b(custom|multi-az) vpc\b/i.test(t.text) && t.env) facts.push(fact(t.env, 'network/forbidDefaultVpc', true, t));
      }
    }
    return { facts };
  },
};
