// Spill mode of `envgate inventory --spill-dir`: each account's records go to a part file
// as the account is done (collectSpilled), and the parts are merged record by record into
// the snapshot file (mergeSnapshotFiles), so memory holds the accounts in flight, not the
// estate. The parts live in a directory of their own under the one given, removed after
// the merge, also when collection or the merge fails or a signal stops the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { mergeSnapshotFiles, type MergedFile } from '../gate/merge-snapshots.js';
import type { Spec } from '../model/spec.js';
import { trackTemp, forgetTemp } from '../cli/temp-files.js';
import type { CollectOptions } from './index.js';
import { collectSpilledParallel } from './workers.js';

/** Collects into `out` through part files under `spillParent` (an existing directory); the merged file's summary. */
export async function collectToFile(spec: Spec, options: CollectOptions, workers: number, out: string, spillParent: string): Promise<MergedFile> {
  const dir = mkdtempSync(join(spillParent, 'envgate-spill-'));
  trackTemp(dir);
  try {
    const parts = await collectSpilledParallel(spec, options, workers, dir);
    return await mergeSnapshotFiles(parts, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    forgetTemp(dir);
  }
}
