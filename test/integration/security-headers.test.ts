/**
 * The headers that keep a browser from running someone else's script in the app, framing it
 * (clickjacking), guessing content types, or sending the app's URLs to other sites.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp } from '../helpers/build-app.ts';

describe('security headers', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'wennuan-web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>温暖</title>');
    database = await createTestDatabase('sqlite');
    app = await buildTestApp(database.db, { webRoot });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  function directives(response: LightMyRequestResponse): Map<string, string> {
    const policy = String(response.headers['content-security-policy'] ?? '');
    return new Map(
      policy
        .split(';')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => {
          const [name = '', ...values] = part.split(/\s+/);
          return [name, values.join(' ')] as const;
        }),
    );
  }

  function expectSecurityHeaders(response: LightMyRequestResponse): void {
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const csp = directives(response);
    expect(csp.get('default-src')).toBe("'self'");
    // scripts only from the app's own files: no inline script, no eval
    expect(csp.get('script-src')).toBe("'self'");
    // Ant Design and ECharts set inline styles
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('img-src')).toBe("'self' data: blob:");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    // the app is also served over plain http on a LAN: nothing may be upgraded to https
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  }

  it('sends them with the web page, and with a client-side route', async () => {
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expectSecurityHeaders(page);
    expectSecurityHeaders(await app.inject({ url: '/campaigns/3' }));
  });

  it('sends them with API answers, errors included', async () => {
    const health = await app.inject({ url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expectSecurityHeaders(health);
    const unauthenticated = await app.inject({ url: '/api/units' });
    expect(unauthenticated.statusCode).toBe(401);
    expectSecurityHeaders(unauthenticated);
    expectSecurityHeaders(await app.inject({ url: '/api/no-such-thing' }));
  });

  it('needs no inline script in the web app page (the CSP would block it)', () => {
    const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../src/web/index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
  });
});
