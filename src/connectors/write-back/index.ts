export { WRITE_BACKS, writeBackFor } from './registry';
export { composeWriteBack, noteHtml, writeBackTags, type WriteBackContent } from './note';
export type { WriteBackProvider, WriteBackRequest, WriteStep } from './provider';
export {
  createWriteBackService,
  createWriteBackTrigger,
  WRITEBACK_JOB_NAME,
  writeBackJob,
  type WriteBackJob,
  type WriteBackService,
  type WriteBackTrigger,
} from './writeback.service';
export { writeBackModel, type WriteBackDoc, type WriteBackState } from './writeback.model';
