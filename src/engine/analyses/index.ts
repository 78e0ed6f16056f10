// The explicit registry of analyses that rule files invoke by name (`analysis: {name}`).
// One import and one entry per analysis; nothing registers itself by being imported.
import type { Analysis } from '../context.js';
import { accessMatrixAnalysis } from './access-matrix.js';
import { attributionConflictAnalysis, attributionMissingAnalysis } from './attribution.js';
import { costCeiling } from './cost-ceiling.js';
import { isolationAnalysis } from './isolation.js';
import { parity } from './parity.js';

export const ANALYSES: Readonly<Record<string, Analysis<never>>> = {
  [attributionConflictAnalysis.name]: attributionConflictAnalysis as Analysis<never>,
  [attributionMissingAnalysis.name]: attributionMissingAnalysis as Analysis<never>,
  [isolationAnalysis.name]: isolationAnalysis as Analysis<never>,
  [accessMatrixAnalysis.name]: accessMatrixAnalysis as Analysis<never>,
  [costCeiling.name]: costCeiling as Analysis<never>,
  [parity.name]: parity as Analysis<never>,
};
