import { runClusterBench } from './cluster.bench';
import { runEngineBench } from './engine.bench';
import { runImportBench } from './import.bench';
import { runXlsxImportBench } from './import-xlsx.bench';
import { runJudgingBench } from './judging.bench';
import { runLiveBoardBench } from './live-board.bench';
import { runPanelsBench } from './panels.bench';
import { runRegistrationBench } from './registration.bench';
import { runSignInBench } from './signin.bench';
import { runSoakBench } from './soak.bench';
import { runUploadBench } from './upload.bench';
import { runWebBench } from './web.bench';
import { runS3UploadBench } from './s3-upload.bench';

/** `npm run bench`: every benchmark in turn; each prints its figures, targets and ratios. */
async function main() {
  const only = process.argv[2];
  if (!only || only === 'engine') await runEngineBench();
  if (!only || only === 'upload') await runUploadBench();
  if (!only || only === 'import') await runImportBench();
  if (!only || only === 'panels') await runPanelsBench();
  if (!only || only === 'import-xlsx') await runXlsxImportBench();
  if (!only || only === 'judging') await runJudgingBench();
  if (!only || only === 'live') await runLiveBoardBench();
  if (!only || only === 'signin') await runSignInBench();
  if (!only || only === 'soak') await runSoakBench();
  if (!only || only === 'registration') await runRegistrationBench();
  if (!only || only === 'web') await runWebBench();
  if (!only || only === 'cluster') await runClusterBench();
  if (!only || only === 's3-upload') await runS3UploadBench();
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
