// --region values are checked like the spec's regions (the SDK's partition data), so a
// typo exits 2 before any AWS call instead of collecting a region that does not exist.
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import { regionProblem } from '../spec/aws-values/index.js';

export function checkRegionOption(regions: readonly string[] | undefined): void {
  const diagnostics: Diagnostic[] = (regions ?? []).flatMap((r) => {
    const problem = regionProblem(r);
    return problem ? [{ file: '--region', line: 1, column: 1, path: '', code: 'region', message: `'${r}' ${problem}`, expected: 'an AWS region, e.g. us-west-2' }] : [];
  });
  if (diagnostics.length > 0) throw new InputError(`--region: ${diagnostics.map((d) => d.message).join('; ')}`, diagnostics);
}
