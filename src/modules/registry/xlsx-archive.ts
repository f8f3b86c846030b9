/**
 * An xlsx file is a zip, and a zip may unpack to a thousand times its size: a 121 kB upload that
 * unpacked to 120 MB held the whole server. Before anything unpacks an upload, its zip's central
 * directory (each part's packed and unpacked size, and where it starts) is read and held to limits a
 * real registry stays far below; then the parts are unpacked once, counting bytes and keeping none,
 * to see that none unpacks to more than the directory declares (a crafted zip lies there).
 *
 * ExcelJS reads a zip two ways: its whole reader (JSZip) by the central directory, its streaming
 * reader (unzipper) part after part from the front. Every byte between the parts is accounted for,
 * so both see the same parts, the ones measured here.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { RegistryFileError } from './registry-file-error.ts';

/**
 * Excel's largest sheet (1,048,576 rows) of the template's eight columns unpacks to about 400 MB with
 * inline strings (the bench's million rows: 388 bytes a row), more with long hardship notes.
 */
export const MAX_XLSX_UNPACKED_BYTES = 1024 * 1024 * 1024;
/** A real sheet unpacks to about 7 times its packed size; 100 is Apache POI's limit too. */
export const MAX_XLSX_PACKING_RATIO = 100;
/** Small parts (styles, themes) may be packed tighter, and cannot do harm. */
const RATIO_CHECKED_FROM_BYTES = 1024 * 1024;
/** A workbook has tens of parts; each one costs a read. */
const MAX_XLSX_PARTS = 10_000;

const END_SIGNATURE = 0x06054b50;
const END_LENGTH = 22;
const MAX_COMMENT = 0xffff;
const DIRECTORY_SIGNATURE = 0x02014b50;
const DIRECTORY_ENTRY_LENGTH = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_LENGTH = 30;
/** What may follow a part's data: its data descriptor (signature, CRC, two sizes; 64-bit sizes). */
const MAX_DESCRIPTOR_LENGTH = 24;
/** A zip's 16- and 32-bit fields at their maximum: the real value is in a ZIP64 record. */
const ZIP64_COUNT = 0xffff;
const ZIP64_SIZE = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;

export interface XlsxPart {
  name: string;
  method: number;
  packedBytes: number;
  unpackedBytes: number;
  /** where the part's packed data starts in the file */
  dataOffset: number;
}

export interface XlsxArchive {
  parts: XlsxPart[];
  unpackedBytes: number;
}

/** The zip's parts, their declared sizes within the limits and their layout sound; nothing is unpacked. */
export async function checkXlsxArchive(file: string): Promise<XlsxArchive> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const directory = await readEndRecord(handle, size);
    const entries = await readDirectory(handle, directory);
    assertDeclaredSizes(entries);
    const parts = await locateParts(handle, entries, directory.offset);
    return { parts, unpackedBytes: parts.reduce((total, part) => total + part.unpackedBytes, 0) };
  } finally {
    await handle.close();
  }
}

/** Unpacks every part once, keeping nothing, and stops at the first byte beyond what it declares. */
export async function assertXlsxUnpacksAsDeclared(file: string, archive: XlsxArchive): Promise<void> {
  for (const part of archive.parts) {
    const unpacked = await measureUnpacked(file, part);
    if (unpacked !== part.unpackedBytes) {
      throw damaged(`${part.name} unpacks to more or fewer bytes than its zip declares (${part.unpackedBytes})`);
    }
  }
}

export function truncatedXlsx(cause?: unknown): RegistryFileError {
  return new RegistryFileError(
    'TRUNCATED',
    'the xlsx file is cut off (incomplete upload or copy)',
    'Excel 文件不完整（可能上传或复制中断），请重新保存后再导入',
    { cause },
  );
}

// ---------------------------------------------------------------------------------------------

interface DirectoryPosition {
  count: number;
  length: number;
  offset: number;
}

interface DirectoryEntry {
  name: string;
  method: number;
  packedBytes: number;
  unpackedBytes: number;
  localHeaderOffset: number;
}

/** A zip ends with its end-of-central-directory record, followed only by its comment. */
async function readEndRecord(handle: FileHandle, size: number): Promise<DirectoryPosition> {
  const length = Math.min(size, END_LENGTH + MAX_COMMENT);
  const tail = await readAt(handle, size - length, length);
  for (let index = length - END_LENGTH; index >= 0; index--) {
    if (tail.readUInt32LE(index) !== END_SIGNATURE) continue;
    if (index + END_LENGTH + tail.readUInt16LE(index + 20) !== length) continue;
    const position = {
      count: tail.readUInt16LE(index + 10),
      length: tail.readUInt32LE(index + 12),
      offset: tail.readUInt32LE(index + 16),
    };
    if (position.count === ZIP64_COUNT) throw tooManyParts(ZIP64_COUNT);
    if (position.offset === ZIP64_SIZE || position.length === ZIP64_SIZE) throw tooLarge(4 * 1024 ** 3);
    if (position.count > MAX_XLSX_PARTS) throw tooManyParts(position.count);
    if (position.offset + position.length > size - length + index) throw damaged('the central directory is cut');
    return position;
  }
  throw truncatedXlsx();
}

async function readDirectory(handle: FileHandle, position: DirectoryPosition): Promise<DirectoryEntry[]> {
  const bytes = await readAt(handle, position.offset, position.length);
  const entries: DirectoryEntry[] = [];
  let at = 0;
  for (let index = 0; index < position.count; index++) {
    if (at + DIRECTORY_ENTRY_LENGTH > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_SIGNATURE) {
      throw damaged('the central directory is broken');
    }
    const nameLength = bytes.readUInt16LE(at + 28);
    const entry = {
      name: bytes.toString('utf8', at + DIRECTORY_ENTRY_LENGTH, at + DIRECTORY_ENTRY_LENGTH + nameLength),
      method: bytes.readUInt16LE(at + 10),
      packedBytes: bytes.readUInt32LE(at + 20),
      unpackedBytes: bytes.readUInt32LE(at + 24),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
    };
    // a part of 4 GB or more: its sizes are in a ZIP64 field, and far beyond any limit here
    if ([entry.packedBytes, entry.unpackedBytes, entry.localHeaderOffset].includes(ZIP64_SIZE)) {
      throw tooLarge(4 * 1024 ** 3);
    }
    entries.push(entry);
    at += DIRECTORY_ENTRY_LENGTH + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

function assertDeclaredSizes(entries: DirectoryEntry[]): void {
  const total = entries.reduce((sum, entry) => sum + entry.unpackedBytes, 0);
  if (total > MAX_XLSX_UNPACKED_BYTES) throw tooLarge(total);
  for (const entry of entries) {
    if (entry.unpackedBytes < RATIO_CHECKED_FROM_BYTES) continue;
    const ratio = entry.unpackedBytes / Math.max(entry.packedBytes, 1);
    if (ratio > MAX_XLSX_PACKING_RATIO) throw packedTooTight(ratio);
  }
}

/**
 * Finds each part's data after its local header, and checks that the parts follow one another up
 * to the central directory with nothing between them but data descriptors: no hidden part that a
 * reader going from the front would unpack, and no two parts sharing bytes.
 */
async function locateParts(
  handle: FileHandle,
  entries: DirectoryEntry[],
  directoryOffset: number,
): Promise<XlsxPart[]> {
  const inFileOrder = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const parts: XlsxPart[] = [];
  let end = 0;
  for (const entry of inFileOrder) {
    if (!followsClosely(end, entry.localHeaderOffset)) throw damaged(`unexpected bytes before ${entry.name}`);
    const header = await readAt(handle, entry.localHeaderOffset, LOCAL_HEADER_LENGTH);
    if (header.length < LOCAL_HEADER_LENGTH || header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
      throw damaged(`${entry.name} has no local header`);
    }
    const dataOffset =
      entry.localHeaderOffset + LOCAL_HEADER_LENGTH + header.readUInt16LE(26) + header.readUInt16LE(28);
    end = dataOffset + entry.packedBytes;
    if (end > directoryOffset) throw damaged(`${entry.name} runs into the central directory`);
    parts.push({ ...entry, dataOffset });
  }
  if (!followsClosely(end, directoryOffset)) throw damaged('unexpected bytes before the central directory');
  return parts;
}

function followsClosely(previousEnd: number, nextStart: number): boolean {
  return nextStart >= previousEnd && nextStart - previousEnd <= MAX_DESCRIPTOR_LENGTH;
}

/** The bytes a part unpacks to, counted up to one beyond what it declares. */
async function measureUnpacked(file: string, part: XlsxPart): Promise<number> {
  if (part.method === STORED) return part.packedBytes;
  if (part.method !== DEFLATED) throw damaged(`${part.name} uses compression method ${part.method}`);
  if (part.packedBytes === 0) return 0;
  let unpacked = 0;
  const counter = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      unpacked += chunk.length;
      callback(unpacked > part.unpackedBytes ? new UnpackedBeyondDeclared() : null);
    },
  });
  try {
    await pipeline(
      createReadStream(file, { start: part.dataOffset, end: part.dataOffset + part.packedBytes - 1 }),
      createInflateRaw({ chunkSize: 64 * 1024 }),
      counter,
    );
  } catch (error) {
    if (error instanceof UnpackedBeyondDeclared) return unpacked;
    throw damaged(`${part.name} cannot be unpacked: ${error instanceof Error ? error.message : String(error)}`);
  }
  return unpacked;
}

class UnpackedBeyondDeclared extends Error {}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function megabytes(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}

function tooLarge(unpackedBytes: number): RegistryFileError {
  const size = megabytes(unpackedBytes);
  const limit = megabytes(MAX_XLSX_UNPACKED_BYTES);
  return new RegistryFileError(
    'XLSX_TOO_LARGE_UNPACKED',
    `the xlsx file unpacks to ${size} MB, more than the ${limit} MB accepted: split it into smaller files`,
    `该 Excel 文件解压后有${size}MB，超过${limit}MB的上限，请拆分成几个较小的文件后分批导入`,
  );
}

function packedTooTight(ratio: number): RegistryFileError {
  const times = Math.round(ratio);
  return new RegistryFileError(
    'XLSX_TOO_LARGE_UNPACKED',
    `the xlsx file unpacks to ${times} times its size (an ordinary workbook stays well under ${MAX_XLSX_PACKING_RATIO}): refused as a possible zip bomb; if it is a real workbook, open it in Excel or WPS and save it again`,
    `该 Excel 文件解压后是原文件的${times}倍（正常表格远低于${MAX_XLSX_PACKING_RATIO}倍），疑似恶意压缩文件，已拒绝；如确为正常表格，请用 Excel 或 WPS 打开后重新保存再导入`,
  );
}

function tooManyParts(count: number): RegistryFileError {
  return new RegistryFileError(
    'NOT_A_TABLE',
    `the xlsx file has ${count} parts or more, which no workbook has`,
    `该文件内含${count}个以上的部件，不是正常的 Excel 表格文件，请用 Excel 或 WPS 重新保存后再导入`,
  );
}

function damaged(detail: string): RegistryFileError {
  return new RegistryFileError(
    'UNREADABLE',
    `the xlsx file is damaged: ${detail}`,
    'Excel 文件已损坏（压缩包内部记录不一致），请用 Excel 或 WPS 打开后重新保存再导入',
  );
}
