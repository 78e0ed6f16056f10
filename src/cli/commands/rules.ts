import type { Argv } from 'yargs';
import type { Rule } from '../../engine/rule.js';
import { loadRules } from '../../rules/load.js';
import { didYouMean } from '../../spec/suggest.js';
import { defineCommand, type GlobalArgs } from '../command.js';
import { EXIT } from '../exit-codes.js';

// `envgate rules list|show`: the rule catalogue (built-in plus --rules directories).
// Bad rule files are InputErrors (exit 2, every problem with file:line:col).
export const rulesCommand = defineCommand({
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('action', { choices: ['list', 'show'] as const, default: 'list' as const, describe: 'list every rule (the default), or show one' })
      .positional('id', { type: 'string', describe: 'Rule id (for show)' })
      .option('rules', { type: 'string', array: true, default: [] as string[], describe: 'Directory of extra rule files (repeatable)' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Output format' })
      .example('$0 rules', 'every built-in rule (as rules list)')
      .example('$0 rules show encryption-at-rest', 'one rule in full')
      .example('$0 rules list --rules ./my-rules --format json', 'with your own rules, as JSON'),
  run: async (args, ctx) => {
    const rules = loadRules(args.rules.map(String));
    if (args.action === 'list') {
      if (args.id !== undefined) {
        ctx.out.error('envgate rules list takes no id; use envgate rules show <id>');
        return EXIT.input;
      }
      if (args.format === 'json') {
        ctx.out.result(JSON.stringify(rules.map(describeRule), null, 2));
      } else if (rules.length === 0) {
        ctx.out.info('No rules.');
      } else {
        const w = Math.max(...rules.map((r) => r.meta.id.length));
        const c = Math.max(...rules.map((r) => r.meta.category.length));
        for (const r of rules) ctx.out.result(`${r.meta.id.padEnd(w)}  ${r.meta.category.padEnd(c)}  ${r.meta.severity.padEnd(8)}  ${r.meta.title}`);
        ctx.out.info(`${rules.length} rule${rules.length === 1 ? '' : 's'}`);
      }
      return EXIT.ok;
    }
    if (args.id === undefined) {
      ctx.out.error('envgate rules show: name a rule id (see envgate rules list)');
      return EXIT.input;
    }
    const rule = rules.find((r) => r.meta.id === args.id);
    if (!rule) {
      const hint = didYouMean(args.id, rules.map((r) => r.meta.id));
      ctx.out.error(`envgate rules show: no rule "${args.id}"${hint ? `; did you mean "${hint}"?` : ''}`);
      return EXIT.input;
    }
    if (args.format === 'json') ctx.out.result(JSON.stringify(describeRule(rule), null, 2));
    else ctx.out.result(showText(rule));
    return EXIT.ok;
  },
});

function describeRule(r: Rule): Record<string, unknown> {
  const out: Record<string, unknown> = { ...r.meta };
  if (r.applicability) out.applicability = r.applicability;
  if (r.each) out.each = r.each;
  if (r.check) out.check = r.check;
  if (r.analysis) out.analysis = r.analysis;
  if (r.exempt) out.exempt = r.exempt;
  return out;
}

function showText(r: Rule): string {
  const m = r.meta;
  const lines = [
    `${m.id}: ${m.title}`,
    `  category:     ${m.category}`,
    `  severity:     ${m.severity}`,
    `  types:        ${m.resourceTypes.join(', ')}`,
    `  requirement:  ${m.requirement}`,
    `  origin:       ${m.origin}`,
    `  docs:         ${m.docs}`,
    '',
    m.description,
    '',
    `Remediation: ${m.remediation}`,
  ];
  const logic: [string, unknown][] = [['applicability', r.applicability], ['each', r.each], ['check', r.check], ['analysis', r.analysis], ['exempt', r.exempt]];
  for (const [k, v] of logic) if (v !== undefined) lines.push('', `${k}: ${JSON.stringify(v)}`);
  return lines.join('\n');
}
