/**
 * The application form (申请表, 篇七) for one nominated household, printed for the family to read and
 * sign: who they are, the household, the hardship, the category and standard applied for, the
 * statement that they know and agree, and lines for the signatures and opinions up the chain.
 * An A4 spreadsheet, so any office can print or fill it in Excel or WPS.
 */
import ExcelJS from 'exceljs';
import { formatFen } from '../shared/money.ts';
import { safeCell } from '../registry/import-file.ts';

export interface ApplicationFormData {
  campaignName: string;
  organiserName: string;
  unitName: string;
  categoryName: string;
  amountFen: number;
  person: { name: string; idMasked: string; sex: 'male' | 'female'; birthDate: string; phone: string | null };
  household: { address: string | null; size: number | null; members: { name: string; relation: string }[] };
  hardship: {
    cause: string | null;
    illness: string | null;
    disability: string | null;
    monthlyIncomeFen: number | null;
    notes: string | null;
  } | null;
  checklist: { label: string; ticked: boolean }[];
  consentAt: string | null;
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function renderApplicationForm(data: ApplicationFormData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('申请表', {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 1,
      horizontalCentered: true,
    },
  });
  sheet.columns = [{ width: 16 }, { width: 22 }, { width: 16 }, { width: 22 }];
  const title = sheet.addRow([safeCell(`${data.campaignName}申请表`)]);
  sheet.mergeCells(title.number, 1, title.number, 4);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  title.height = 30;
  line(sheet, ['申请人', data.person.name, '性别', data.person.sex === 'male' ? '男' : '女']);
  line(sheet, ['身份证号', data.person.idMasked, '出生日期', data.person.birthDate]);
  line(sheet, ['联系电话', data.person.phone ?? '', '所在村（居）', data.unitName]);
  wide(sheet, '家庭住址', data.household.address ?? '');
  line(sheet, [
    '家庭人口',
    data.household.size === null ? '' : String(data.household.size),
    '家庭成员',
    data.household.members.map((member) => `${member.name}（${member.relation}）`).join('、'),
  ]);
  wide(sheet, '申请类别', `${data.categoryName}（慰问标准：${formatFen(data.amountFen)}元/人）`);
  const hardship = data.hardship;
  wide(
    sheet,
    '困难情况',
    hardship
      ? [
          hardship.cause && `致困原因：${hardship.cause}`,
          hardship.illness && `疾病：${hardship.illness}`,
          hardship.disability && `残疾：${hardship.disability}`,
          hardship.monthlyIncomeFen !== null && `家庭月收入：${formatFen(hardship.monthlyIncomeFen)}元`,
          hardship.notes,
        ]
          .filter(Boolean)
          .join('；')
      : '',
    60,
  );
  wide(
    sheet,
    '条件核对',
    data.checklist.map((item) => `${item.ticked ? '☑' : '☐'} ${item.label}`).join('\n'),
    20 * Math.max(1, data.checklist.length),
  );
  wide(
    sheet,
    '本人声明',
    '以上情况属实，本人知情并自愿申请；如有虚报，愿意承担相应责任。\n\n申请人（签字或按手印）：                    日期：',
    60,
  );
  wide(sheet, '村（居）委会意见', '\n\n（盖章）                    日期：', 60);
  wide(sheet, '入户核实情况', '\n核实人：                    日期：', 50);
  wide(sheet, '审核意见', '\n\n（盖章）                    日期：', 50);
  const footer = sheet.addRow([
    safeCell(
      `${data.organiserName} 制 ${data.consentAt ? `（本人知情、自愿已于${data.consentAt.slice(0, 10)}登记）` : ''}`,
    ),
  ]);
  sheet.mergeCells(footer.number, 1, footer.number, 4);
  footer.alignment = { horizontal: 'right' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function line(sheet: ExcelJS.Worksheet, values: string[]): void {
  const row = sheet.addRow(values.map(safeCell));
  row.height = 24;
  row.eachCell((cell, column) => {
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', wrapText: true, horizontal: column % 2 === 1 ? 'center' : 'left' };
    if (column % 2 === 1) cell.font = { bold: true };
  });
}

function wide(sheet: ExcelJS.Worksheet, label: string, text: string, height = 24): void {
  const row = sheet.addRow([label, safeCell(text)]);
  sheet.mergeCells(row.number, 2, row.number, 4);
  row.height = height;
  row.getCell(1).font = { bold: true };
  row.getCell(1).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.getCell(2).alignment = { vertical: 'top', wrapText: true };
  for (let column = 1; column <= 4; column += 1) row.getCell(column).border = BORDER;
}
