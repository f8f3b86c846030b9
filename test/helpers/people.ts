import { computeCheckCharacter } from '../../src/modules/registry/id-number.ts';

let sequence = 100;

/** A valid, fictitious resident ID number: the given region and birth date, a fresh sequence number. */
export function makeIdNumber(region = '320684', birth = '19560312', sex: 'male' | 'female' = 'female'): string {
  // odd sequence numbers are men, even ones women (GB 11643); each call takes a fresh pair
  sequence = (sequence + 2) % 1000;
  const seq = sequence + (sex === 'male' ? 1 : 0);
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + computeCheckCharacter(first17);
}

export function csvOf(rows: string[][]): string {
  return rows.map((row) => row.join(',')).join('\n') + '\n';
}

export const HEADER = ['姓名', '身份证号', '联系电话', '单位代码', '类别', '住址', '家庭人口', '困难情况'];

/** A multipart/form-data body with one file, for inject(). */
export function multipartBody(
  fileName: string,
  content: Buffer | string,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----wennuan${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
