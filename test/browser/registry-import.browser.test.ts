/**
 * A village clerk imports a spreadsheet in the browser: three good rows and two bad ones (a wrong
 * check digit, an unknown unit code). The preview says 3 to add and 2 refused with the row numbers and
 * reasons; the commit adds the three; the error report holds the two bad rows with a 问题 column; and
 * an imported person can be found by name and opened.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckCharacter } from '../../src/modules/registry/id-number.ts';
import { startBrowserServer, type BrowserServer } from '../helpers/browser-server.ts';
import { expectText, expectTextContaining, launchBrowser, signIn } from './browser-support.ts';

const HEADER = ['姓名', '身份证号', '联系电话', '单位代码', '类别', '住址', '家庭人口', '困难情况'];

function validId(first17: string): string {
  return `${first17}${computeCheckCharacter(first17)}`;
}

function wrongCheckDigit(first17: string): string {
  const right = computeCheckCharacter(first17);
  return `${first17}${right === '0' ? '1' : '0'}`;
}

const GOOD_ROWS = [
  ['周春梅', validId('32068419550312002'), '13812345678', 'VA', '农村低保', '一组1号', '2', '因病致困'],
  ['陆建国', validId('32068419480705001'), '', 'VA', '特困人员', '一组2号', '1', '独居老人'],
  ['施小燕', validId('32068420100120002'), '', 'VA', '留守儿童', '一组3号', '3', ''],
];
const BAD_CHECK_ROW = ['黄大海', wrongCheckDigit('32068419601010003'), '', 'VA', '', '一组4号', '4', ''];
const UNKNOWN_UNIT_ROW = ['钱多多', validId('32068419700202004'), '', 'ZZ', '', '外村5号', '2', ''];
/** rows as the sheet numbers them: the header is row 1 */
const BAD_CHECK_ROW_NUMBER = 5;
const UNKNOWN_UNIT_ROW_NUMBER = 6;

async function writeImportFile(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('困难对象');
  sheet.addRow(HEADER);
  for (const row of [...GOOD_ROWS, BAD_CHECK_ROW, UNKNOWN_UNIT_ROW]) sheet.addRow(row);
  const file = path.join(dir, '三组困难对象.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('');
  return String(value);
}

describe('registry import in the browser', { timeout: 90_000 }, () => {
  let server: BrowserServer;
  let browser: Browser;
  let tempDir: string;

  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wennuan-registry-import-'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('previews, commits, reports the bad rows and finds an imported person', async () => {
    const file = await writeImportFile(tempDir);
    const { page, context } = await signIn(browser, server.baseUrl, server.seed.clerkA, server.seed.password);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.getByTestId('nav-registry-import').click();
    await page.waitForURL(/\/registry\/import$/);
    await page.getByTestId('import-upload').locator('input[type="file"]').setInputFiles(file);

    // the dry run: 5 rows read, 3 to add, 2 refused, each with its row number and reason
    await page.getByTestId('import-preview').waitFor();
    expect(page.url()).toMatch(/\/registry\/import\?batch=\d+$/);
    const count = (key: string) => page.getByTestId(`import-count-${key}`).getAttribute('data-value');
    expect(await count('rows')).toBe('5');
    expect(await count('created')).toBe('3');
    expect(await count('rejected')).toBe('2');
    expect(await count('duplicates')).toBe('0');
    await expect.poll(() => page.locator('tr[data-testid^="import-problem-"]').count()).toBe(2);
    const badCheck = page.getByTestId(`import-problem-${BAD_CHECK_ROW_NUMBER}`);
    expect(await badCheck.getAttribute('data-kind')).toBe('bad-id');
    expect(await badCheck.getAttribute('class')).toContain('wn-problem-row');
    await expectText(page.getByTestId(`import-problem-row-${BAD_CHECK_ROW_NUMBER}`), `第 ${BAD_CHECK_ROW_NUMBER} 行`);
    await expectTextContaining(page.getByTestId(`import-problem-reason-${BAD_CHECK_ROW_NUMBER}`), '身份证号无效');
    const unknownUnit = page.getByTestId(`import-problem-${UNKNOWN_UNIT_ROW_NUMBER}`);
    expect(await unknownUnit.getAttribute('data-kind')).toBe('unknown-unit');
    await expectText(
      page.getByTestId(`import-problem-row-${UNKNOWN_UNIT_ROW_NUMBER}`),
      `第 ${UNKNOWN_UNIT_ROW_NUMBER} 行`,
    );
    await expectTextContaining(page.getByTestId(`import-problem-reason-${UNKNOWN_UNIT_ROW_NUMBER}`), '单位代码“ZZ”');

    // commit, follow the progress, read the result
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
    expect(await count('created')).toBe('3');
    expect(await count('rejected')).toBe('2');
    expect(await count('updated')).toBe('0');

    // the error report: the two bad rows as they were, plus a 问题 column
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-errors-download').click(),
    ]);
    const reportPath = path.join(tempDir, 'errors.xlsx');
    await download.saveAs(reportPath);
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(reportPath);
    const sheet = report.worksheets[0]!;
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
    expect(header.at(-1)).toBe('问题');
    expect(header).toEqual(expect.arrayContaining(HEADER));
    const nameColumn = header.indexOf('姓名') + 1;
    const problemColumn = header.length;
    const dataRows = [];
    for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++) {
      const row = sheet.getRow(rowNumber);
      if (!row.hasValues) continue;
      dataRows.push({
        name: cellText(row.getCell(nameColumn).value),
        problem: cellText(row.getCell(problemColumn).value),
      });
    }
    expect(dataRows.map((row) => row.name)).toEqual([BAD_CHECK_ROW[0], UNKNOWN_UNIT_ROW[0]]);
    expect(dataRows[0]!.problem).toContain('身份证号无效');
    expect(dataRows[1]!.problem).toContain('ZZ');

    // back in the registry: search the imported name and open the person's file
    await page.getByTestId('import-back-to-registry').click();
    await page.waitForURL(/\/registry$/);
    const search = page.getByTestId('registry-search').locator('input');
    await search.fill('周春梅');
    await search.press('Enter');
    await page.waitForURL(/\/registry\?q=/);
    const links = page.locator('[data-testid^="person-link-"]');
    await expect.poll(() => links.count()).toBe(1);
    await expectText(links.first(), '周春梅');
    await links.first().click();
    await page.waitForURL(/\/registry\/people\/\d+$/);
    await expectText(page.getByTestId('person-name'), '周春梅');
    const id = GOOD_ROWS[0]![1]!;
    await expectText(page.getByTestId('person-id-number'), `${id.slice(0, 4)}**********${id.slice(-4)}`);
    await page.getByTestId('hardship-timeline').waitFor();
    await expectTextContaining(page.getByTestId('person-campaigns'), '尚未参加任何慰问活动');

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
