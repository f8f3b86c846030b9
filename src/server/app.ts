/**
 * Builds the whole application as a Fastify instance without listening: tests use inject(), the
 * server entry point (server.ts) adds the port and the shutdown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Db } from '../db/database.ts';
import { registerAuditRoutes } from '../modules/audit/audit.routes.ts';
import { registerCampaignRoutes } from '../modules/campaign/campaign.routes.ts';
import { registerIdentificationRoutes } from '../modules/identification/identification.routes.ts';
import { registerOrgRoutes } from '../modules/org/org.routes.ts';
import { registerRegistryRoutes } from '../modules/registry/registry.routes.ts';
import type { SensitiveDataCipher } from '../modules/registry/sensitive-data.ts';
import { healthReport } from '../ops/health.ts';
import { handleError } from './error-handler.ts';
import { serializeRequestForLog } from './request-log.ts';
import { registerSessionHook } from './session.ts';

export interface BuildAppOptions {
  db: Db;
  /** encrypts ID numbers at rest and computes their lookup hash */
  cipher: SensitiveDataCipher;
  /** where uploads wait between preview and commit */
  dataDir: string;
  /** the largest registry file accepted (default 512 MiB) */
  uploadLimitBytes?: number;
  logLevel?: string;
  /** where log lines go (default stdout); tests pass a stream to read them */
  logStream?: NodeJS.WritableStream;
  /** the built web app (vite build output); absent or missing: the API only */
  webRoot?: string | null;
  /**
   * The reverse proxies (addresses, CIDR ranges) whose X-Forwarded-For is believed. Without one the
   * client address is the connection's: anyone can write that header, and believed from anyone it
   * would dodge the rate limits and put a false address in the audit log.
   */
  trustProxy?: readonly string[];
  /** the clock for deadlines and notice periods; tests pass one they can move on */
  now?: () => Date;
  /** where backups are kept, for the health report's last backup */
  backupDir?: string | null;
}

export const DEFAULT_WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * On every answer, page and API alike. Scripts only from the app's own files (the built index.html
 * has no inline script); styles inline too, which Ant Design and ECharts set; images from the app,
 * data: and blob: (photo previews); never framed. No upgrade-insecure-requests and no HSTS for
 * subdomains: the app is also run over plain http on a LAN, next to other services.
 */
const SECURITY_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 180 * 24 * 3600, includeSubDomains: false },
} as const;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      serializers: { req: serializeRequestForLog },
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy?.length ? [...options.trustProxy] : false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(fastifyHelmet, SECURITY_HEADERS);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'wennuan API',
        description: '温暖 — holiday relief campaigns. Money is integer fen; times are UTC ISO 8601.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'wennuan_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });

  registerSessionHook(app, options.db);
  app.get('/api/health', { schema: { tags: ['system'] } }, async (_request, reply) => {
    const report = await healthReport(options.db, { dataDir: options.dataDir, backupDir: options.backupDir ?? null });
    // a monitor reads the status: 503 when the database does not answer or its schema is behind
    return reply.status(report.database.ok && report.migrations?.pending === 0 ? 200 : 503).send(report);
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerOrgRoutes(app, options.db);
  registerCampaignRoutes(app, options.db);
  registerAuditRoutes(app, options.db);
  registerIdentificationRoutes(app, options.db, { now: options.now, dataDir: options.dataDir });
  registerRegistryRoutes(app, {
    db: options.db,
    cipher: options.cipher,
    dataDir: options.dataDir,
    uploadLimitBytes: options.uploadLimitBytes,
  });

  await registerWebApp(app, options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot);
  return app;
}

/**
 * Built assets carry a content hash in their names (assets/index-C75IO28a.js): a browser may keep
 * them for good. index.html names the current ones, so it is checked on every visit.
 */
export function cacheControlFor(filePath: string): string {
  return /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

async function registerWebApp(app: FastifyInstance, webRoot: string | null): Promise<void> {
  const indexFile = webRoot ? path.join(webRoot, 'index.html') : null;
  const hasWeb = indexFile !== null && fs.existsSync(indexFile);
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webRoot!,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      setHeaders: (reply, filePath) => reply.header('cache-control', cacheControlFor(filePath)),
    });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !hasWeb || request.method !== 'GET') {
      return reply.status(404).send({
        code: 'NOT_FOUND',
        message: /^en/i.test(request.headers['accept-language'] ?? '') ? 'not found' : '页面或接口不存在',
      });
    }
    // client-side routes (/campaigns/3) all load the single page
    return reply.type('text/html').sendFile('index.html');
  });
}
