import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type BuildAppOptions } from '../../src/server/app.ts';
import { createSensitiveDataCipher } from '../../src/modules/registry/sensitive-data.ts';
import type { Db } from '../../src/db/database.ts';
import type { TestAccount } from './factories.ts';
import { multipartBody } from './people.ts';

/** The app without a port, for inject(); no web root so tests never depend on a build. */
export const TEST_CIPHER = createSensitiveDataCipher(randomBytes(32), randomBytes(32));

export async function buildTestApp(
  db: Db,
  options: Pick<BuildAppOptions, 'uploadLimitBytes' | 'now' | 'webRoot' | 'logLevel' | 'logStream' | 'trustProxy'> = {},
): Promise<FastifyInstance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wennuan-test-'));
  const app = await buildApp({ db, cipher: TEST_CIPHER, dataDir, logLevel: 'silent', webRoot: null, ...options });
  app.addHook('onClose', async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  await app.ready();
  return app;
}

export interface Client {
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  upload(url: string, fileName: string, content: Buffer | string): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** Signs in through the API and returns a client that sends the session cookie and CSRF token. */
export async function signedInClient(
  app: FastifyInstance,
  account: Pick<TestAccount, 'username' | 'password'>,
  locale = 'en-US',
): Promise<Client> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { username: account.username, password: account.password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'wennuan_session')!;
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  return clientWith(app, {
    cookie: `wennuan_session=${cookie.value}`,
    'x-csrf-token': csrfToken,
    'accept-language': locale,
  });
}

export function anonymousClient(app: FastifyInstance, locale = 'en-US'): Client {
  return clientWith(app, { 'accept-language': locale });
}

function clientWith(app: FastifyInstance, baseHeaders: Record<string, string>): Client {
  const request: Client['request'] = (method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { ...baseHeaders, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    request,
    upload: (url, fileName, content) => {
      const body = multipartBody(fileName, content);
      return request('POST', url, body.payload, body.headers);
    },
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    put: (url, body) => request('PUT', url, body),
    patch: (url, body) => request('PATCH', url, body),
  };
}
