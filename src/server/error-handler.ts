/**
 * One error handler for the whole API: domain errors map to HTTP by kind in one exhaustive switch,
 * schema errors name their fields, 5xx details are logged and hidden. Messages follow the request's
 * language (zh-CN unless the client asks for English).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isTransactionConflict } from '../db/limit-guard.ts';
import { DomainError, type ErrorKind } from '../modules/shared/errors.ts';
import { urlForLog } from './request-log.ts';

export type Locale = 'zh' | 'en';

export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'] ?? '';
  return /^en/i.test(header) ? 'en' : 'zh';
}

export function statusOfKind(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return 422;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'locked':
      return 423;
    case 'too-many':
      return 429;
  }
}

interface ErrorBody {
  code: string;
  message: string;
  details?: { field?: string; message: string }[];
}

const zhLocale = z.locales.zhCN();

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Our schema messages are English; in Chinese, zod's zh-CN locale words the same check. */
function describeItem(item: ValidationItem, locale: Locale): string {
  const english = item.message ?? 'is invalid';
  if (locale === 'en') return english;
  const issue = {
    code: item.keyword,
    path: [],
    message: english,
    input: undefined,
    ...item.params,
  } as unknown as Parameters<NonNullable<typeof zhLocale.localeError>>[0];
  const zh = zhLocale.localeError?.(issue);
  return (typeof zh === 'string' ? zh : zh?.message) ?? english;
}

function validationBody(error: FastifyError, locale: Locale): ErrorBody {
  const part = (error as { validationContext?: string }).validationContext ?? 'body';
  const items = (error.validation ?? []) as unknown as ValidationItem[];
  const details = items.map((item) => {
    const path = item.instancePath.split('/').filter(Boolean).join('.');
    const field = part === 'body' ? path : [part, path].filter(Boolean).join('.');
    return { field, message: `${field || part}: ${describeItem(item, locale)}` };
  });
  const first = details[0]?.message ?? (locale === 'en' ? 'invalid request' : '请求内容不正确');
  return { code: 'VALIDATION_FAILED', message: first, details };
}

function domainBody(error: DomainError, locale: Locale): ErrorBody {
  return {
    code: error.code,
    message: locale === 'en' ? error.message : error.messageZh,
    details: error.details.map((detail) => ({
      field: detail.field,
      message: locale === 'en' ? detail.message : (detail.messageZh ?? detail.message),
    })),
  };
}

const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; en: string; zh: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 400, en: 'the request body is too large', zh: '请求内容过大' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    en: 'the request body is not valid JSON',
    zh: '请求内容不是有效的JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, en: 'the request body is empty', zh: '请求内容为空' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, en: 'unsupported content type', zh: '不支持的内容类型' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, en: 'the request body is cut off', zh: '请求内容不完整' },
};

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const locale = requestLocale(request);
  if (error instanceof DomainError) {
    if (error.kind === 'forbidden') request.log.warn({ code: error.code, url: urlForLog(request.url) }, 'forbidden');
    void reply.status(statusOfKind(error.kind)).send(domainBody(error, locale));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    void reply.status(400).send(validationBody(error, locale));
    return;
  }
  const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
  if (known) {
    void reply.status(known.status).send({ code: error.code, message: locale === 'en' ? known.en : known.zh });
    return;
  }
  if (isTransactionConflict(error)) {
    // PostgreSQL aborted this transaction to let a concurrent one through; nothing of it was kept
    request.log.warn({ code: (error as { code?: string }).code, url: request.url }, 'transaction conflict');
    void reply.status(409).send({
      code: 'TRY_AGAIN',
      message:
        locale === 'en'
          ? 'someone else changed the same data at the same moment: try again'
          : '数据正被他人同时修改，请重试',
    });
    return;
  }
  if (error.statusCode === 429) {
    void reply.status(429).send({
      code: 'TOO_MANY_REQUESTS',
      message: locale === 'en' ? 'too many requests, try again later' : '请求过于频繁，请稍后再试',
    });
    return;
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    void reply.status(error.statusCode).send({ code: error.code ?? 'BAD_REQUEST', message: error.message });
    return;
  }
  request.log.error({ err: error, url: urlForLog(request.url), method: request.method }, 'unhandled error');
  void reply.status(500).send({
    code: 'INTERNAL',
    message:
      locale === 'en'
        ? 'internal error, the administrator can find it in the log'
        : '服务器内部错误，请联系管理员查看日志',
  });
}
