import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, minimalXlsx, zipBombXlsx } from '../../../test/helpers/xlsx-files.ts';
import { writeTemplateXlsx } from './import-file.ts';
import { assertXlsxUnpacksAsDeclared, checkXlsxArchive, MAX_XLSX_UNPACKED_BYTES } from './xlsx-archive.ts';

const END_SIGNATURE = 0x06054b50;
const DIRECTORY_SIGNATURE = 0x02014b50;

describe('checking an xlsx zip before it is unpacked', () => {
  let folder: string;
  let count = 0;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'wennuan-archive-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function stored(bytes: Buffer): Promise<string> {
    count += 1;
    const file = path.join(folder, `${count}.xlsx`);
    await writeFile(file, bytes);
    return file;
  }

  async function problemOf(bytes: Buffer): Promise<string | null> {
    const file = await stored(bytes);
    try {
      await assertXlsxUnpacksAsDeclared(file, await checkXlsxArchive(file));
      return null;
    } catch (error) {
      return (error as { code: string }).code;
    }
  }

  /** The end record's position: where the central directory is. */
  function endRecordAt(zip: Buffer): number {
    return zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  }

  it('passes workbooks as ExcelJS and other tools write them (data descriptors or sizes up front)', async () => {
    const template = await writeTemplateXlsx();
    const file = await stored(template);
    const archive = await checkXlsxArchive(file);
    expect(archive.parts.map((part) => part.name)).toContain('xl/worksheets/sheet1.xml');
    await assertXlsxUnpacksAsDeclared(file, archive);
    expect(await problemOf(minimalXlsx(2000))).toBeNull();
  });

  it('refuses a part that unpacks to more than 100 times its size', async () => {
    expect(await problemOf(zipBombXlsx(20 * 1024 * 1024))).toBe('XLSX_TOO_LARGE_UNPACKED');
  });

  it('refuses a zip declaring more than 1 GiB unpacked in all', async () => {
    const zip = buildZip([
      ['a.xml', 'x'.repeat(1000)],
      ['b.xml', 'y'.repeat(1000)],
    ]);
    const directory = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(zip.readUInt32LE(directory)).toBe(DIRECTORY_SIGNATURE);
    zip.writeUInt32LE(MAX_XLSX_UNPACKED_BYTES + 1, directory + 24);
    expect(await problemOf(zip)).toBe('XLSX_TOO_LARGE_UNPACKED');
  });

  it('refuses a zip whose parts unpack to more than it declares', async () => {
    expect(await problemOf(zipBombXlsx(4 * 1024 * 1024, { understated: true }))).toBe('UNREADABLE');
  });

  it('refuses a part hidden from the central directory, which a reader from the front would still unpack', async () => {
    const zip = buildZip([
      ['hidden.xml', 'z'.repeat(5000)],
      ['seen.xml', '<a/>'],
    ]);
    const end = endRecordAt(zip);
    expect(zip.readUInt32LE(end)).toBe(END_SIGNATURE);
    const directory = zip.readUInt32LE(end + 16);
    const firstRecordLength = 46 + zip.readUInt16LE(directory + 28);
    const withoutHidden = Buffer.concat([
      zip.subarray(0, directory),
      zip.subarray(directory + firstRecordLength, end),
      zip.subarray(end),
    ]);
    const newEnd = endRecordAt(withoutHidden);
    withoutHidden.writeUInt16LE(1, newEnd + 8);
    withoutHidden.writeUInt16LE(1, newEnd + 10);
    withoutHidden.writeUInt32LE(zip.readUInt32LE(end + 12) - firstRecordLength, newEnd + 12);
    expect(await problemOf(withoutHidden)).toBe('UNREADABLE');
  });

  it('tells a cut-off file from a damaged one', async () => {
    const template = await writeTemplateXlsx();
    expect(await problemOf(template.subarray(0, template.length - 100))).toBe('TRUNCATED');
  });
});
