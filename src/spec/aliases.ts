// YAML aliases checked before a document is turned into values: every alias must name an
// earlier anchor, must not sit inside the node it names (a cycle), and all aliases together
// may expand to a bounded number of nodes, so an alias bomb is refused in microseconds
// instead of being expanded. Shared by specs, rules and waivers.
import { type Alias, type Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import type { SourcePosition } from '../model/spec.js';

/** Nodes that all aliases of one document may add when expanded (a real spec uses a few dozen). */
export const ALIAS_EXPANSION_LIMIT = 10_000;

type At = (offset: number | undefined) => SourcePosition;

/** Children of a collection node (pair keys and values included), as written. */
function children(node: unknown): unknown[] {
  if (isMap(node) || isSeq(node)) {
    const out: unknown[] = [];
    for (const item of node.items) {
      if (isPair(item)) out.push(item.key, item.value);
      else out.push(item);
    }
    return out;
  }
  return [];
}

/**
 * The node each alias names: the last node anchored with its name before it, in document
 * order (YAML 1.2, and the yaml package's own rule). One walk for the whole document,
 * because `Alias.resolve` walks the document again for every alias: quadratic, seconds of
 * CPU for a file with thousands of aliases.
 */
export function aliasTargets(doc: Document): Map<Alias, Node | undefined> {
  const targets = new Map<Alias, Node | undefined>();
  const latest = new Map<string, Node>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      targets.set(node, latest.get(node.source));
      continue;
    }
    if ((isScalar(node) || isCollection(node)) && node.anchor) latest.set(node.anchor, node);
    stack.push(...children(node).reverse());
  }
  return targets;
}

/** Located problems with the document's aliases; empty when it may be expanded safely. */
export function aliasProblems(doc: Document, at: At, file: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const targets = aliasTargets(doc);
  const sizes = new Map<unknown, number>();
  const open = new Set<unknown>();
  const problem = (node: Node, code: string, message: string, expected: string) =>
    problems.push({ file, ...at(node.range?.[0]), path: '', code, message, expected });

  // Expanded size of a node, aliases counted as their target; NaN marks a cycle found below.
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = targets.get(node);
      if (target === undefined) return 1;
      if (open.has(target)) {
        problem(node, 'alias-cycle', `alias *${node.source} is inside the node its anchor names`, 'an alias outside its anchored node');
        return Number.NaN;
      }
      return size(target);
    }
    const known = sizes.get(node);
    if (known !== undefined) return known;
    open.add(node);
    let n = 1;
    for (const c of children(node)) {
      n += size(c);
      if (!(n <= ALIAS_EXPANSION_LIMIT * 10)) break; // saturated (or a cycle): stop counting
    }
    open.delete(node);
    sizes.set(node, n);
    return n;
  };

  // Every alias as written, in document order (iterative: the document may nest deeply).
  let expanded = 0;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0 && problems.length === 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      const target = targets.get(node);
      if (target === undefined) {
        problem(node, 'unresolved-alias', `alias *${node.source} names no anchor defined before it`, `an anchor &${node.source} earlier in the file`);
        continue;
      }
      let n: number;
      try {
        n = size(node);
      } catch {
        // Only a stack overflow can throw here: an anchored node nested too deeply to count.
        problem(node, 'too-deep', 'the node this alias names is nested too deeply', 'ordinary nesting');
        break;
      }
      if (Number.isNaN(n)) break;
      expanded += n;
      if (expanded > ALIAS_EXPANSION_LIMIT) {
        problem(node, 'alias-limit', `aliases expand to more than ${ALIAS_EXPANSION_LIMIT} nodes here (an alias bomb?)`, `aliases adding at most ${ALIAS_EXPANSION_LIMIT} nodes`);
      }
      continue;
    }
    stack.push(...children(node).reverse());
  }
  return problems;
}
