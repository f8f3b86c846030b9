/**
 * Hand-made xlsx files for tests: a minimal workbook, and a big one read by ExcelJS's streaming
 * reader, with the zip entries in the order the test needs.
 */
import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';

function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// A minimal xlsx whose shared strings come before the sheet, as some tools write it: ExcelJS then
// streams the sheet straight from the zip instead of parking it in a temporary file.

export function minimalXlsx(rowCount: number): Buffer {
  const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const rows = [`<row r="1">${inline('A1', '姓名')}${inline('B1', '身份证号')}${inline('C1', '单位代码')}</row>`];
  for (let index = 2; index <= rowCount + 1; index++) {
    rows.push(
      `<row r="${index}">${inline(`A${index}`, `张伟${index}`)}${inline(`B${index}`, '11010519491231002X')}${inline(`C${index}`, 'U001')}</row>`,
    );
  }
  return buildZip([
    ...WORKBOOK_PARTS,
    ['xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst ${MAIN_NS} count="0" uniqueCount="0"></sst>`],
    [
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0" encoding="UTF-8"?><worksheet ${MAIN_NS}><sheetData>${rows.join('')}</sheetData></worksheet>`,
    ],
  ]);
}

/**
 * Over 8 MB (an incompressible picture), so it is read by the streaming reader. Names and unit
 * codes are shared strings, ID numbers inline strings; `sheetFirst` puts the sheet before the
 * shared strings in the zip, which is the order Excel writes.
 */
export function bigXlsx(rowCount: number, sheetFirst: boolean): Buffer {
  const strings = ['姓名', '身份证号', '单位代码', 'U001'];
  const shared = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
  const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const rows = [`<row r="1">${shared('A1', 0)}${shared('B1', 1)}${shared('C1', 2)}</row>`];
  for (let index = 2; index <= rowCount + 1; index++) {
    strings.push(`张伟${index}`);
    const name = shared(`A${index}`, strings.length - 1);
    rows.push(`<row r="${index}">${name}${inline(`B${index}`, '11010519491231002X')}${shared(`C${index}`, 3)}</row>`);
  }
  const sheet: ZipEntry = [
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet ${MAIN_NS}><sheetData>${rows.join('')}</sheetData></worksheet>`,
  ];
  const sharedStrings: ZipEntry = [
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8"?><sst ${MAIN_NS}>${strings.map((text) => `<si><t>${text}</t></si>`).join('')}</sst>`,
  ];
  return buildZip([
    ...WORKBOOK_PARTS,
    ['xl/media/image1.png', randomBytes(8.5 * 1024 * 1024)],
    ...(sheetFirst ? [sheet, sharedStrings] : [sharedStrings, sheet]),
  ]);
}

/**
 * A zip bomb: a workbook of `unpackedBytes` (a header row, then one long row repeated) that deflates
 * to about a thousandth of that. `understated`: its zip declares every part as small as its
 * compressed bytes, as a crafted bomb would to get past a check of the declared sizes.
 */
export function zipBombXlsx(unpackedBytes: number, options: { understated?: boolean } = {}): Buffer {
  const inline = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${MAIN_NS}><sheetData><row>${['姓名', '身份证号', '单位代码'].map(inline).join('')}</row>`;
  const tail = '</sheetData></worksheet>';
  const row = `<row>${inline('张'.repeat(600))}${inline('11010519491231002X')}${inline('U001')}</row>`;
  const rows = Buffer.alloc(unpackedBytes - head.length - tail.length, row);
  const sheet = Buffer.concat([utf8(head), rows.subarray(0, rows.length - (rows.length % row.length)), utf8(tail)]);
  return buildZip(
    [
      ...WORKBOOK_PARTS,
      ['xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst ${MAIN_NS}></sst>`],
      ['xl/worksheets/sheet1.xml', sheet],
    ],
    { understated: options.understated === true },
  );
}

type ZipEntry = [name: string, content: string | Buffer];

const MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** What every workbook here has before its sheet and shared strings. */
const WORKBOOK_PARTS: ZipEntry[] = [
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
  ],
  [
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook ${MAIN_NS} xmlns:r="${REL_NS}"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ],
];

/** A zip archive of deflated entries, sizes in the local headers; `understated`: see zipBombXlsx. */
export function buildZip(entries: ZipEntry[], options: { understated?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = utf8(name);
    const data = typeof content === 'string' ? utf8(content) : content;
    const compressed = deflateRawSync(data);
    const checksum = crc32(data);
    const declaredSize = options.understated ? compressed.length : data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declaredSize, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(declaredSize, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
