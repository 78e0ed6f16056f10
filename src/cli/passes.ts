// The --passes option: whether passing checks are listed as results or counted, and the
// 'auto' default that decides by the estate's size.
import type { PassMode } from '../engine/evaluate.js';
import { optionError } from './option-error.js';

/** 'auto' is decided per scan by the estate's size (passModeFor). */
export type PassOption = PassMode | 'auto';

export const PASSES_CHOICES: readonly PassOption[] = ['auto', 'all', 'summary'];

export function parsePasses(value: string | undefined): PassOption {
  if (value === undefined) return 'auto';
  if ((PASSES_CHOICES as readonly string[]).includes(value)) return value as PassOption;
  throw optionError('passes', 'unknown-passes', `--passes '${value}' is not one of ${PASSES_CHOICES.join(', ')}`);
}

/**
 * From this many resources on, 'auto' counts passes instead of listing them: listed, they
 * are over nine in ten of the results and make the reports gigabytes (bench/README.md).
 */
export const AUTO_SUMMARY_RESOURCES = 100_000;

export function passModeFor(option: PassOption, resources: number): PassMode {
  if (option !== 'auto') return option;
  return resources >= AUTO_SUMMARY_RESOURCES ? 'summary' : 'all';
}

/** Said when 'auto' chose summary, so nobody looks for the passes in the report. */
export function autoSummaryLine(resources: number): string {
  return `envgate: ${resources} resources: passing checks are counted per rule and environment (passCounts in the JSON report), not listed one by one; --passes all lists every one`;
}
