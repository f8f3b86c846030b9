/**
 * The web app's files: compressed copies to browsers that accept them, hashed assets cached for good,
 * index.html checked on every visit (so a new release reaches everyone at once).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp } from '../helpers/build-app.ts';

describe('serving the web app', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let webRoot: string;
  const script = 'console.log("温暖");'.repeat(200);

  beforeAll(async () => {
    webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'wennuan-web-'));
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>温暖</title>');
    fs.writeFileSync(
      path.join(webRoot, 'index.html.br'),
      zlib.brotliCompressSync('<!doctype html><title>温暖</title>'),
    );
    fs.writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js'), script);
    fs.writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js.gz'), zlib.gzipSync(script));
    database = await createTestDatabase('sqlite');
    app = await buildTestApp(database.db, { webRoot });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  it('sends the Brotli copy to a browser that accepts it, gzip to one that only takes gzip, and plain text otherwise', async () => {
    const br = await app.inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gzip = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('lets browsers keep hashed assets for good, but checks index.html every time', async () => {
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await app.inject({ url: '/' });
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('answers a client-side route with the page itself', async () => {
    const route = await app.inject({ url: '/campaigns/3/identification', headers: { 'accept-encoding': 'identity' } });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<title>温暖</title>');
    const compressed = await app.inject({ url: '/campaigns/3/identification', headers: { 'accept-encoding': 'br' } });
    expect(compressed.headers['content-type']).toMatch(/^text\/html/);
    expect(zlib.brotliDecompressSync(compressed.rawPayload).toString()).toContain('<title>温暖</title>');
  });
});
