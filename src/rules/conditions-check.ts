// Checks on conditions that JSON Schema states poorly: one subject and one operator per
// comparison, `key` only with env/spec, valid patterns, message templates naming known
// fields (only in a check: nothing else makes a finding). Each problem at its position.
import type { Diagnostic } from '../model/diagnostics.js';
import type { SourcePosition } from '../model/spec.js';
import type { Condition } from '../engine/rule.js';
import { OPERATORS } from '../engine/conditions.js';
import { patternProblem } from '../util/patterns.js';
import { TEMPLATE_FIELDS, templateProblems } from '../engine/messages.js';

const SUBJECTS = ['path', 'env', 'spec', 'item', 'relations', 'inbound'] as const;

/** `messages`: whether `message` templates belong here (a check), and whether the rule has `each` items. */
export function checkConditions(c: Condition, pointer: string, file: string, at: (p: string) => SourcePosition, messages?: { hasEach: boolean }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (node: Condition, p: string) => {
    if (node.message !== undefined) out.push(...messageProblems(node.message, `${p}/message`, file, at, messages));
    if ('all' in node) return node.all.forEach((x, i) => visit(x, `${p}/all/${i}`));
    if ('any' in node) return node.any.forEach((x, i) => visit(x, `${p}/any/${i}`));
    if ('not' in node) return visit(node.not, `${p}/not`);
    const rec = node as Record<string, unknown>;
    const subjects = SUBJECTS.filter((k) => rec[k] !== undefined);
    const ops = OPERATORS.filter((k) => rec[k] !== undefined);
    if (subjects.length > 1) {
      out.push({ file, ...at(`${p}/${subjects[1]}`), path: `${p}/${subjects[1]}`, code: 'condition-subjects', message: `a comparison reads one value, but names ${subjects.join(' and ')}`, expected: `one of ${SUBJECTS.join(', ')}` });
    }
    if (ops.length !== 1) {
      out.push({ file, ...at(p), path: p, code: 'condition-operator', message: ops.length === 0 ? 'a comparison needs an operator' : `a comparison takes one operator, found ${ops.join(', ')}`, expected: `one of ${OPERATORS.join(', ')}` });
    }
    if (rec.key !== undefined && !(rec.env !== undefined || rec.spec !== undefined)) {
      out.push({ file, ...at(`${p}/key`), path: `${p}/key`, code: 'condition-key', message: '"key" selects a map entry of an env or spec value', expected: 'env or spec beside key' });
    }
    if (typeof rec.matches === 'string') {
      const problem = patternProblem(rec.matches);
      if (problem) out.push({ file, ...at(`${p}/matches`), path: `${p}/matches`, code: 'pattern', message: `pattern ${problem}`, expected: 'a glob or re: regular expression' });
    }
    for (const q of ['every', 'some', 'none'] as const) {
      if (rec[q] !== undefined) visit(rec[q] as Condition, `${p}/${q}`);
    }
  };
  visit(c, pointer);
  return out;
}

/** A message template's problems: unknown fields, or a template where no finding is made. */
export function messageProblems(text: string, p: string, file: string, at: (p: string) => SourcePosition, messages?: { hasEach: boolean }): Diagnostic[] {
  if (!messages) return [{ file, ...at(p), path: p, code: 'message-outside-check', message: 'a message template belongs to the check (or the rule): only a failing check makes a finding', expected: 'message under check' }];
  return templateProblems(text, messages.hasEach).map((problem) => ({ file, ...at(p), path: p, code: 'message-template', message: `message template: ${problem}`, expected: `fields ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(', ')}${messages.hasEach ? ', {item.<field>}' : ''}` }));
}
