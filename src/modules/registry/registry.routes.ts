import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { requireActor } from '../../server/session.ts';
import { DomainError, invalid } from '../shared/errors.ts';
import { IdParamsSchema } from '../shared/schemas.ts';
import { exportRegistryXlsx } from './registry-export.ts';
import { detectFileKind, RegistryFileError, writeTemplateXlsx } from './import-file.ts';
import { checkXlsxArchive } from './xlsx-archive.ts';
import { templateExampleUnitCode } from './registry-import.service.ts';
import {
  createImportBatch,
  getImportBatch,
  latestProgress,
  onBatchProgress,
  renderErrorReport,
  startCommit,
  startPreview,
} from './registry-import-jobs.ts';
import {
  BlacklistInputSchema,
  CategoryInputSchema,
  CategoryUpdateSchema,
  CommitImportSchema,
  CreatePersonSchema,
  HardshipInputSchema,
  ResolveDuplicateSchema,
  SearchQuerySchema,
  UpdatePersonSchema,
} from './registry.schemas.ts';
import * as service from './registry.service.ts';
import type { SensitiveDataCipher } from './sensitive-data.ts';

export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface RegistryRouteDeps {
  db: Db;
  cipher: SensitiveDataCipher;
  dataDir: string;
  uploadLimitBytes?: number;
}

function attachment(fileName: string): string {
  return `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function registerRegistryRoutes(root: FastifyInstance, deps: RegistryRouteDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, cipher } = deps;

  app.get('/api/registry/categories', { schema: { tags: ['registry'] } }, async (request) => {
    requireActor(request);
    return { categories: await service.listHardshipCategories(db) };
  });
  app.post(
    '/api/registry/categories',
    { schema: { tags: ['registry'], body: CategoryInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send({ category: await service.createHardshipCategory(db, requireActor(request), request.body.name) }),
  );
  app.patch(
    '/api/registry/categories/:id',
    { schema: { tags: ['registry'], params: IdParamsSchema, body: CategoryUpdateSchema } },
    async (request) => {
      await service.updateHardshipCategory(db, requireActor(request), request.params.id, request.body);
      return { ok: true };
    },
  );

  app.get('/api/registry/people', { schema: { tags: ['registry'], querystring: SearchQuerySchema } }, async (request) =>
    service.searchRegistry(db, requireActor(request), cipher, request.query),
  );
  app.post(
    '/api/registry/people',
    { schema: { tags: ['registry'], body: CreatePersonSchema } },
    async (request, reply) =>
      reply.status(201).send({ person: await service.createPerson(db, requireActor(request), cipher, request.body) }),
  );
  app.get('/api/registry/people/:id', { schema: { tags: ['registry'], params: IdParamsSchema } }, async (request) => ({
    person: await service.getPerson(db, requireActor(request), request.params.id),
  }));
  app.patch(
    '/api/registry/people/:id',
    { schema: { tags: ['registry'], params: IdParamsSchema, body: UpdatePersonSchema } },
    async (request) => ({
      person: await service.updatePerson(db, requireActor(request), request.params.id, request.body),
    }),
  );
  app.post(
    '/api/registry/people/:id/id-number',
    { schema: { tags: ['registry'], params: IdParamsSchema } },
    async (request) => ({
      idNumber: await service.revealIdNumber(db, requireActor(request), cipher, request.params.id),
    }),
  );
  app.post(
    '/api/registry/people/:id/hardship',
    { schema: { tags: ['registry'], params: IdParamsSchema, body: HardshipInputSchema } },
    async (request) => ({
      person: await service.addHardshipRecord(db, requireActor(request), request.params.id, request.body),
    }),
  );

  app.get(
    '/api/registry/duplicates',
    {
      schema: {
        tags: ['registry'],
        querystring: z.object({ status: z.enum(['open', 'merged', 'dismissed']).optional() }),
      },
    },
    async (request) => ({
      duplicates: await service.listDuplicateFlags(db, requireActor(request), request.query.status),
    }),
  );
  app.post(
    '/api/registry/duplicates/:id',
    { schema: { tags: ['registry'], params: IdParamsSchema, body: ResolveDuplicateSchema } },
    async (request) => {
      await service.resolveDuplicateFlag(
        db,
        requireActor(request),
        request.params.id,
        request.body.action,
        request.body.keepId,
      );
      return { ok: true };
    },
  );
  app.get('/api/registry/warnings', { schema: { tags: ['registry'] } }, async (request) => ({
    householdsInTwoUnits: await service.householdsInTwoUnits(db, requireActor(request)),
  }));

  app.get(
    '/api/registry/blacklist',
    { schema: { tags: ['registry'], querystring: z.object({ active: z.enum(['0', '1']).optional() }) } },
    async (request) => ({
      entries: await service.listBlacklist(db, requireActor(request), request.query.active === '1'),
    }),
  );
  app.post(
    '/api/registry/blacklist',
    { schema: { tags: ['registry'], body: BlacklistInputSchema } },
    async (request, reply) =>
      reply.status(201).send({ entry: await service.addToBlacklist(db, requireActor(request), request.body) }),
  );
  app.post(
    '/api/registry/blacklist/:id/lift',
    { schema: { tags: ['registry'], params: IdParamsSchema } },
    async (request) => {
      await service.liftBlacklistEntry(db, requireActor(request), request.params.id);
      return { ok: true };
    },
  );

  app.get(
    '/api/registry/export.xlsx',
    {
      schema: {
        tags: ['registry'],
        querystring: z.object({
          unitId: z.coerce.number().int().positive().optional(),
          fullIdNumbers: z.enum(['0', '1']).optional(),
        }),
      },
    },
    async (request, reply) => {
      const buffer = await exportRegistryXlsx(
        db,
        requireActor(request),
        request.query.unitId,
        request.query.fullIdNumbers === '1' ? { cipher } : undefined,
      );
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment('困难对象登记表.xlsx'))
        .send(buffer);
    },
  );

  app.get('/api/registry/import-template.xlsx', { schema: { tags: ['registry'] } }, async (request, reply) => {
    const exampleUnitCode = await templateExampleUnitCode(db, requireActor(request));
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachment('困难对象导入模板.xlsx'))
      .send(await writeTemplateXlsx({ exampleUnitCode }));
  });

  registerImportRoutes(root, deps);
}

function registerImportRoutes(root: FastifyInstance, deps: RegistryRouteDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, cipher } = deps;
  const importDir = path.join(deps.dataDir, 'imports');

  /** Upload (multipart, field "file"), then the preview starts in the background. */
  app.post(
    '/api/registry/imports',
    { schema: { tags: ['registry'], consumes: ['multipart/form-data'] } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart())
        throw invalid('UPLOAD_REQUIRED', 'upload the file as multipart/form-data, field "file"', '请上传文件', 'file');
      const limit = deps.uploadLimitBytes ?? MAX_UPLOAD_BYTES;
      const file = await request.file({ limits: { fileSize: limit, files: 1 } });
      if (!file) throw invalid('UPLOAD_REQUIRED', 'no file in the upload', '没有收到文件', 'file');
      const kind = kindOf(file.filename);
      await fs.promises.mkdir(importDir, { recursive: true });
      const storedPath = path.join(importDir, `${randomUUID()}.${kind}`);
      const megabytes = Math.round((limit / 1024 / 1024) * 10) / 10;
      const tooLarge = () =>
        invalid(
          'FILE_TOO_LARGE',
          `the file is larger than ${megabytes} MB`,
          `文件超过${megabytes}MB，请拆分后分批导入`,
          'file',
        );
      try {
        await pipeline(file.file, fs.createWriteStream(storedPath));
      } catch (error) {
        await fs.promises.rm(storedPath, { force: true });
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw invalid(
          'UPLOAD_CUT_OFF',
          `the upload was cut off: ${error instanceof Error ? error.message : ''}`,
          '文件上传中断，请重新上传',
          'file',
        );
      }
      if (file.file.truncated) {
        await fs.promises.rm(storedPath, { force: true });
        throw tooLarge();
      }
      const content = await detectFileKind(storedPath);
      if (content === 'xlsx') await refuseUnsafeWorkbook(storedPath);
      const batchId = await createImportBatch(db, actor, { fileName: file.filename, kind: content, storedPath });
      const done = await startPreview({ db, cipher }, actor, batchId);
      if ((request.query as { wait?: string }).wait === '1') await done;
      return reply.status(201).send({ batch: await getImportBatch(db, actor, batchId) });
    },
  );

  app.get('/api/registry/imports/:id', { schema: { tags: ['registry'], params: IdParamsSchema } }, async (request) => ({
    batch: await getImportBatch(db, requireActor(request), request.params.id),
  }));

  app.post(
    '/api/registry/imports/:id/commit',
    {
      schema: {
        tags: ['registry'],
        params: IdParamsSchema,
        body: CommitImportSchema,
        querystring: z.object({ wait: z.enum(['0', '1']).optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const choices = new Map(Object.entries(request.body.choices).map(([row, choice]) => [Number(row), choice]));
      const done = await startCommit({ db, cipher }, actor, request.params.id, request.body.duplicatePolicy, choices);
      if (request.query.wait === '1') await done;
      return { batch: await getImportBatch(db, actor, request.params.id) };
    },
  );

  /** Live progress as server-sent events, until the batch finishes. */
  app.get(
    '/api/registry/imports/:id/events',
    { schema: { tags: ['registry'], params: IdParamsSchema } },
    async (request, reply) => {
      const actor = requireActor(request);
      const batch = await getImportBatch(db, actor, request.params.id);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      const send = (event: { status: string; counts: unknown }) => raw.write(`data: ${JSON.stringify(event)}\n\n`);
      const isFinal = (status: string) => status !== 'previewing' && status !== 'committing';
      send(latestProgress(batch.id) ?? { status: batch.status, counts: batch.counts });
      if (isFinal(batch.status)) return raw.end();
      const stop = onBatchProgress(batch.id, (event) => {
        send(event);
        if (isFinal(event.status)) {
          stop();
          raw.end();
        }
      });
      request.raw.on('close', stop);
    },
  );

  app.get(
    '/api/registry/imports/:id/errors.xlsx',
    { schema: { tags: ['registry'], params: IdParamsSchema } },
    async (request, reply) => {
      const buffer = await renderErrorReport(db, cipher, requireActor(request), request.params.id);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(`导入问题行-${request.params.id}.xlsx`))
        .send(buffer);
    },
  );
}

/**
 * A workbook's zip is checked as soon as it is stored (its central directory: a few small reads), so
 * one that would unpack beyond the limits (a zip bomb) is refused in the upload's answer. A damaged
 * or cut-off one is left to the preview, which reports it as it always has.
 */
async function refuseUnsafeWorkbook(storedPath: string): Promise<void> {
  try {
    await checkXlsxArchive(storedPath);
  } catch (error) {
    if (!(error instanceof RegistryFileError) || error.code !== 'XLSX_TOO_LARGE_UNPACKED') return;
    await fs.promises.rm(storedPath, { force: true });
    throw invalid(error.code, error.message, error.messageZh, 'file');
  }
}

function kindOf(fileName: string): 'csv' | 'xlsx' {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  throw new DomainError(
    'invalid',
    'FILE_TYPE_UNSUPPORTED',
    `"${fileName}" is not a .xlsx or .csv file`,
    `“${fileName}”不是 .xlsx 或 .csv 文件（旧版 .xls 请另存为 .xlsx）`,
    [{ field: 'file', message: 'xlsx or csv only', messageZh: '仅支持 xlsx 或 csv' }],
  );
}
