/**
 * The part of a registry import that needs no database: read the file, check each row, hash and
 * encrypt its ID number, make its possible-duplicate keys. It is most of an import's CPU time, so a
 * big file is prepared on a worker thread (row-preparation-thread.ts) while the import's own thread
 * writes the rows before; a small one is prepared inline. Both give the same rows in the same order.
 */
import { maskIdNumber } from './id-number.ts';
import { readRegistryRows, type HeaderInfo, type RawRow, type RegistryFileInput } from './import-file.ts';
import { checkImportRow, type ImportCandidate, type RowContext, type RowProblem } from './import-row.ts';
import { nameBirthKey, phoneAddressKey } from './registry.ts';
import type { SensitiveDataCipher } from './sensitive-data.ts';

/** A row that passed every check, with what the database and the duplicate checks need of it. */
export interface AcceptedRow {
  rowNumber: number;
  original: string[];
  candidate: ImportCandidate;
  idHash: string;
  /** null in a dry run: nothing is stored, so nothing is encrypted */
  idCipher: string | null;
  idMasked: string;
  keys: LookalikeKeys;
}

export interface RejectedRow {
  rowNumber: number;
  original: string[];
  problem: RowProblem;
}

export type PreparedRow = AcceptedRow | RejectedRow;

export function isRejected(row: PreparedRow): row is RejectedRow {
  return 'problem' in row;
}

export interface PreparationOptions {
  encrypt: boolean;
  batchSize: number;
}

/** A row's possible-duplicate keys, as the database holds them and as an import's memory does. */
export interface LookalikeKeys {
  name: string;
  contact: string | null;
  nameSlot: number;
  contactSlot: number | null;
}

export async function* prepareRows(
  input: RegistryFileInput,
  context: RowContext,
  cipher: SensitiveDataCipher,
  options: PreparationOptions,
  onHeader?: (info: HeaderInfo) => void,
): AsyncGenerator<PreparedRow[]> {
  let batch: PreparedRow[] = [];
  for await (const row of readRegistryRows(input, onHeader)) {
    batch.push(prepareRow(row, context, cipher, options.encrypt));
    if (batch.length >= options.batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function prepareRow(row: RawRow, context: RowContext, cipher: SensitiveDataCipher, encrypt: boolean): PreparedRow {
  const checked = checkImportRow(row, context);
  if (!checked.ok) return { rowNumber: row.rowNumber, original: row.original, problem: checked.problem };
  const { candidate } = checked;
  return {
    rowNumber: row.rowNumber,
    original: row.original,
    candidate,
    idHash: cipher.lookupHash(candidate.idNumber),
    idCipher: encrypt ? cipher.encrypt(candidate.idNumber) : null,
    idMasked: maskIdNumber(candidate.idNumber),
    keys: lookalikeKeys(candidate),
  };
}

export function lookalikeKeys(candidate: ImportCandidate): LookalikeKeys {
  const name = nameBirthKey(candidate.namePinyin, candidate.birthDate, candidate.unitId);
  const contact = phoneAddressKey(candidate.phone, candidate.addressKey);
  return { name, contact, nameSlot: compactKey(name), contactSlot: contact === null ? null : compactKey(contact) };
}

/**
 * A 52-bit FNV-1a style hash of a key. A collision only ever adds a "possible duplicate" flag for a
 * person to look at, never skips or merges anyone; at a million rows it is about 1 in 10,000 imports.
 */
function compactKey(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i += 1) {
    const code = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x5bd1e995);
  }
  return (h1 >>> 0) * 0x100000 + ((h2 >>> 0) >>> 12);
}
