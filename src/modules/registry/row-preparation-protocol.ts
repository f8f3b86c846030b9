/**
 * The messages between an import and its row-preparation worker thread, and how an error crosses
 * between them (a worker's errors arrive as plain data; a file's own errors must stay
 * RegistryFileErrors, with their Chinese message, for the user to see them).
 */
import { RegistryFileError, type HeaderInfo, type RegistryFileErrorCode } from './import-file.ts';
import type { PreparationOptions, PreparedRow } from './row-preparation.ts';

export interface PreparationWorkerData {
  kind: 'csv' | 'xlsx';
  keys: { key: Uint8Array; hmacKey: Uint8Array };
  context: { unitIdByCode: [string, number][]; categoryIdByName: [string, number][] };
  options: PreparationOptions;
}

export type ToWorker =
  | { type: 'input'; chunk: Uint8Array }
  | { type: 'input-end' }
  | { type: 'input-error'; message: string }
  | { type: 'batch-taken' }
  /** the import ends early: stop reading, clean up, exit */
  | { type: 'stop' };

export type FromWorker =
  | { type: 'need-input' }
  | { type: 'header'; info: HeaderInfo }
  | { type: 'rows'; rows: PreparedRow[] }
  | { type: 'done' }
  | { type: 'error'; error: SerializedError };

export type SerializedError =
  | { kind: 'registry-file'; code: RegistryFileErrorCode; message: string; messageZh: string }
  | { kind: 'other'; message: string };

export function serializePreparationError(error: unknown): SerializedError {
  if (error instanceof RegistryFileError)
    return { kind: 'registry-file', code: error.code, message: error.message, messageZh: error.messageZh };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

export function deserializePreparationError(error: SerializedError): Error {
  if (error.kind === 'registry-file') return new RegistryFileError(error.code, error.message, error.messageZh);
  return new Error(`preparing the rows failed: ${error.message}`);
}
