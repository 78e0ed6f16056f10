// --region values are checked like the spec's regions (the SDK's partition data), so a
// typo exits 2 before any AWS call instead of collecting a region that does not exist.
import { optionError } from './option-error.js';
import { regionProblem } from '../spec/aws-values/index.js';

export function checkRegionOption(regions: readonly string[] | undefined): void {
  const problems = (regions ?? []).flatMap((r) => {
    const problem = regionProblem(r);
    return problem ? [`'${r}' ${problem}`] : [];
  });
  if (problems.length > 0) throw optionError('region', 'region', problems.join('; '), 'an AWS region, e.g. us-west-2');
}
