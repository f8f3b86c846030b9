/**
 * The registry's API: people, categories, possible duplicates, the blacklist and the import batches.
 * Everything goes through apiFetch (language, CSRF, errors), except the file upload, which is
 * multipart and sent with XMLHttpRequest so the page can show how much of a large file has gone up.
 */
import type {
  BlacklistEntry,
  HardshipRecord,
  PersonDetail,
  PersonSummary,
  PossibleDuplicateReason,
} from '../../../../modules/registry/registry.ts';
import { ApiError, apiFetch, queryString, type ApiErrorDetail, type ApiLanguage } from '../../../app/api-client.ts';

export type { BlacklistEntry, HardshipRecord, PersonDetail, PersonSummary, PossibleDuplicateReason };

// ——— categories ———

export interface HardshipCategory {
  id: number;
  name: string;
  sort: number;
  active: boolean;
}

export async function listCategories(signal?: AbortSignal): Promise<HardshipCategory[]> {
  return (await apiFetch<{ categories: HardshipCategory[] }>('/api/registry/categories', { signal })).categories;
}

export async function createCategory(name: string): Promise<void> {
  await apiFetch('/api/registry/categories', { method: 'POST', body: { name } });
}

export async function updateCategory(id: number, patch: { name?: string; active?: boolean }): Promise<void> {
  await apiFetch(`/api/registry/categories/${id}`, { method: 'PATCH', body: patch });
}

// ——— people ———

export type PersonSort = 'name' | 'birthDate' | 'createdAt' | 'unit';
export type SortOrder = 'asc' | 'desc';

export interface PeopleQuery {
  q?: string;
  unitId?: number;
  categoryId?: number;
  sort?: PersonSort;
  order?: SortOrder;
  page?: number;
  pageSize?: number;
}

export interface PeoplePage {
  people: PersonSummary[];
  hasMore: boolean;
  page: number;
  pageSize: number;
}

export async function searchPeople(query: PeopleQuery, signal?: AbortSignal): Promise<PeoplePage> {
  const path = `/api/registry/people${queryString({
    q: query.q?.trim(),
    unitId: query.unitId,
    categoryId: query.categoryId,
    sort: query.sort,
    order: query.order,
    page: query.page,
    pageSize: query.pageSize,
  })}`;
  return apiFetch<PeoplePage>(path, { signal });
}

export interface HardshipInput {
  cause?: string | null;
  monthlyIncomeFen?: number | null;
  illness?: string | null;
  disability?: string | null;
  notes?: string | null;
}

export interface CreatePersonInput {
  name: string;
  idNumber: string;
  phone?: string | null;
  unitId: number;
  relation?: string | null;
  categoryIds: number[];
  address?: string | null;
  householdSize?: number | null;
  hardship?: HardshipInput | null;
}

export async function createPerson(input: CreatePersonInput): Promise<PersonDetail> {
  return (await apiFetch<{ person: PersonDetail }>('/api/registry/people', { method: 'POST', body: input })).person;
}

export async function getPerson(id: number, signal?: AbortSignal): Promise<PersonDetail> {
  return (await apiFetch<{ person: PersonDetail }>(`/api/registry/people/${id}`, { signal })).person;
}

export interface UpdatePersonInput {
  version: number;
  name?: string;
  phone?: string | null;
  relation?: string;
  unitId?: number;
  categoryIds?: number[];
  address?: string | null;
  householdSize?: number | null;
}

export async function updatePerson(id: number, input: UpdatePersonInput): Promise<PersonDetail> {
  return (await apiFetch<{ person: PersonDetail }>(`/api/registry/people/${id}`, { method: 'PATCH', body: input }))
    .person;
}

/** The full ID number; the server writes every call to the audit log. */
export async function revealIdNumber(id: number): Promise<string> {
  return (await apiFetch<{ idNumber: string }>(`/api/registry/people/${id}/id-number`, { method: 'POST' })).idNumber;
}

export async function addHardshipRecord(id: number, input: HardshipInput): Promise<PersonDetail> {
  return (
    await apiFetch<{ person: PersonDetail }>(`/api/registry/people/${id}/hardship`, { method: 'POST', body: input })
  ).person;
}

// ——— possible duplicates and warnings ———

export interface DuplicateSide {
  id: number;
  name: string;
  idMasked: string;
  birthDate: string;
  unitName: string;
  phone: string | null;
  address: string | null;
}

/** `person` is inside the reader's subtree; `other` is null when it is not (otherOutsideScope). */
export interface DuplicatePair {
  id: number;
  reason: PossibleDuplicateReason;
  status: string;
  createdAt: string;
  person: DuplicateSide;
  other: DuplicateSide | null;
  otherOutsideScope: boolean;
}

/** A pair whose two sides the reader may both see: only those can be merged or dismissed. */
export type VisiblePair = DuplicatePair & { other: DuplicateSide };

export function isVisiblePair(pair: DuplicatePair): pair is VisiblePair {
  return pair.other !== null;
}

export async function listDuplicates(signal?: AbortSignal): Promise<DuplicatePair[]> {
  return (await apiFetch<{ duplicates: DuplicatePair[] }>('/api/registry/duplicates?status=open', { signal }))
    .duplicates;
}

export async function resolveDuplicate(id: number, action: 'merge' | 'dismiss', keepId?: number): Promise<void> {
  await apiFetch(`/api/registry/duplicates/${id}`, {
    method: 'POST',
    body: keepId === undefined ? { action } : { action, keepId },
  });
}

export interface HouseholdWarning {
  address: string;
  units: number;
}

export async function listHouseholdWarnings(signal?: AbortSignal): Promise<HouseholdWarning[]> {
  return (await apiFetch<{ householdsInTwoUnits: HouseholdWarning[] }>('/api/registry/warnings', { signal }))
    .householdsInTwoUnits;
}

// ——— blacklist ———

export async function listBlacklist(activeOnly: boolean, signal?: AbortSignal): Promise<BlacklistEntry[]> {
  return (
    await apiFetch<{ entries: BlacklistEntry[] }>(`/api/registry/blacklist${activeOnly ? '?active=1' : ''}`, {
      signal,
    })
  ).entries;
}

export interface BlacklistInput {
  subjectKind: 'person' | 'unit';
  personId?: number;
  unitId?: number;
  reason: string;
  until: string;
}

export async function addBlacklistEntry(input: BlacklistInput): Promise<BlacklistEntry> {
  return (await apiFetch<{ entry: BlacklistEntry }>('/api/registry/blacklist', { method: 'POST', body: input })).entry;
}

export async function liftBlacklistEntry(id: number): Promise<void> {
  await apiFetch(`/api/registry/blacklist/${id}/lift`, { method: 'POST' });
}

// ——— downloads (plain links: the browser sends the session cookie) ———

export function exportUrl(options: { unitId?: number; fullIdNumbers?: boolean } = {}): string {
  return `/api/registry/export.xlsx${queryString({
    unitId: options.unitId,
    fullIdNumbers: options.fullIdNumbers ? 1 : undefined,
  })}`;
}

export const IMPORT_TEMPLATE_URL = '/api/registry/import-template.xlsx';

export function importErrorsUrl(batchId: number): string {
  return `/api/registry/imports/${batchId}/errors.xlsx`;
}

// ——— import batches ———

export type BatchStatus = 'uploaded' | 'previewing' | 'previewed' | 'committing' | 'committed' | 'failed';
export type DuplicatePolicy = 'skip' | 'update';

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  duplicates: number;
  rejected: number;
  flagged: number;
}

export type ImportProblemKind =
  | 'bad-cell'
  | 'missing-name'
  | 'bad-id'
  | 'unknown-unit'
  | 'unknown-category'
  | 'bad-phone'
  | 'bad-household-size'
  | 'too-long'
  | 'duplicate-in-file'
  | 'duplicate-in-registry'
  | 'duplicate-updated';

export interface ImportProblem {
  rowNumber: number;
  kind: ImportProblemKind;
  reason: string;
  reasonEn: string;
  /** "person 12" (a record the importer can see), "row 3" (earlier row of the file), "another unit" */
  matches: string | null;
}

export interface ImportBatch {
  id: number;
  fileName: string;
  status: BatchStatus;
  duplicatePolicy: DuplicatePolicy | null;
  counts: ImportCounts;
  extraColumns: string[];
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
  problems: ImportProblem[];
}

export interface ImportProgressEvent {
  status: BatchStatus;
  counts: ImportCounts;
}

export function isRunning(status: BatchStatus): boolean {
  return status === 'uploaded' || status === 'previewing' || status === 'committing';
}

export async function getImportBatch(id: number, signal?: AbortSignal): Promise<ImportBatch> {
  return (await apiFetch<{ batch: ImportBatch }>(`/api/registry/imports/${id}`, { signal })).batch;
}

export async function commitImport(
  id: number,
  duplicatePolicy: DuplicatePolicy,
  choices: Record<string, DuplicatePolicy>,
): Promise<ImportBatch> {
  return (
    await apiFetch<{ batch: ImportBatch }>(`/api/registry/imports/${id}/commit`, {
      method: 'POST',
      body: { duplicatePolicy, choices },
    })
  ).batch;
}

export function importEventsUrl(id: number): string {
  return `/api/registry/imports/${id}/events`;
}

/** The session's CSRF token, for the one request that does not go through apiFetch. */
async function currentCsrfToken(): Promise<string> {
  return (await apiFetch<{ csrfToken: string }>('/api/auth/me')).csrfToken;
}

export interface UploadHandlers {
  language: ApiLanguage;
  onProgress?(percent: number): void;
  signal?: AbortSignal;
}

const UPLOAD_FAILED: Record<ApiLanguage, string> = {
  zh: '文件上传失败，请检查网络后重新上传',
  en: 'the upload failed: check the network and upload again',
};

/** POST /api/registry/imports as multipart/form-data (field "file"); the preview then runs on the server. */
export async function uploadImportFile(file: File, handlers: UploadHandlers): Promise<ImportBatch> {
  const csrfToken = await currentCsrfToken();
  return new Promise<ImportBatch>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/registry/imports');
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Accept-Language', handlers.language === 'en' ? 'en-US' : 'zh-CN');
    request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) handlers.onProgress?.((event.loaded / event.total) * 100);
    };
    request.onerror = () => reject(new ApiError(0, 'NETWORK', UPLOAD_FAILED[handlers.language]));
    request.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    request.onload = () => {
      let payload: unknown;
      try {
        payload = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        payload = null;
      }
      if (request.status >= 200 && request.status < 300 && payload && typeof payload === 'object') {
        resolve((payload as { batch: ImportBatch }).batch);
        return;
      }
      const body = (payload ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
      const details = Array.isArray(body.details)
        ? (body.details as ApiErrorDetail[]).filter((detail) => typeof detail?.message === 'string')
        : [];
      reject(
        new ApiError(
          request.status,
          typeof body.code === 'string' ? body.code : `HTTP_${request.status}`,
          typeof body.message === 'string' ? body.message : UPLOAD_FAILED[handlers.language],
          details,
        ),
      );
    };
    handlers.signal?.addEventListener('abort', () => request.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}
