/**
 * The real app on a random port, for browser tests: a fresh SQLite file, the built web app
 * (`npm test` runs `vite build` first), a district with a town and villages A and B, an organiser
 * at the district and a clerk in each village.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { buildApp, DEFAULT_WEB_ROOT } from '../../src/server/app.ts';
import { createSensitiveDataCipher } from '../../src/modules/registry/sensitive-data.ts';
import { makeAccount, makeTree, TEST_PASSWORD } from './factories.ts';

export interface BrowserSeed {
  password: string;
  organiser: string;
  clerkA: string;
  clerkB: string;
  admin: string;
  units: {
    districtId: number;
    townId: number;
    villageAId: number;
    villageBId: number;
    villageACode: string;
    villageBCode: string;
  };
}

export interface BrowserServer {
  baseUrl: string;
  seed: BrowserSeed;
  dataDir: string;
  close(): Promise<void>;
}

/** `now`: the clock the app reads for deadlines and notice periods (a test moves it past a notice's end). */
export async function startBrowserServer(options: { now?: () => Date } = {}): Promise<BrowserServer> {
  if (!fs.existsSync(path.join(DEFAULT_WEB_ROOT, 'index.html'))) {
    throw new Error('the web app is not built: run `npx vite build` (npm test does it first)');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wennuan-browser-'));
  const db = openDatabase({ dialect: 'sqlite', location: path.join(dataDir, 'wennuan.sqlite') });
  await migrateToLatest(db);
  const tree = await makeTree(db);
  await db.updateTable('unit').set({ code: 'VA' }).where('id', '=', tree.villageA.id).execute();
  await db.updateTable('unit').set({ code: 'VB' }).where('id', '=', tree.villageB.id).execute();
  const organiser = await makeAccount(db, { role: 'organiser', unit: tree.district, username: 'organiser' });
  const admin = await makeAccount(db, { role: 'admin', unit: tree.district, username: 'admin' });
  const clerkA = await makeAccount(db, { role: 'clerk', unit: tree.villageA, username: 'clerk-a' });
  const clerkB = await makeAccount(db, { role: 'clerk', unit: tree.villageB, username: 'clerk-b' });
  const app = await buildApp({
    db,
    cipher: createSensitiveDataCipher(randomBytes(32), randomBytes(32)),
    dataDir,
    logLevel: 'silent',
    ...(options.now ? { now: options.now } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    seed: {
      password: TEST_PASSWORD,
      organiser: organiser.username,
      admin: admin.username,
      clerkA: clerkA.username,
      clerkB: clerkB.username,
      units: {
        districtId: tree.district.id,
        townId: tree.town.id,
        villageAId: tree.villageA.id,
        villageBId: tree.villageB.id,
        villageACode: 'VA',
        villageBCode: 'VB',
      },
    },
    close: async () => {
      await app.close();
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launch options for Debian's chromium, headless, without the background traffic this network refuses. */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
};
