/** Opening the database at start: migrate, make sure there is a root unit and an admin, load the demo. */
import { migrateToLatest, openDatabase, type Db } from '../db/database.ts';
import { migrateWithBackup, type UpgradeResult } from '../ops/upgrade.ts';
import { optimizeOnStart, type DatabaseTarget } from '../db/dialect.ts';
import { ensureInitialAdmin } from '../modules/org/account.service.ts';
import { SYSTEM_ACTOR } from '../modules/org/scope.ts';
import { createUnit } from '../modules/org/unit.service.ts';
import { countUnits } from '../modules/org/unit.repository.ts';
import { loadDemo, type DemoSummary } from '../demo/load-demo.ts';
import { encryptPlainImportProblems } from '../modules/registry/registry-import-jobs.ts';
import {
  createSensitiveDataCipher,
  loadOrCreateKeys,
  type SensitiveDataCipher,
} from '../modules/registry/sensitive-data.ts';

export interface BootResult {
  db: Db;
  cipher: SensitiveDataCipher;
  initialAdmin: { username: string; password: string } | null;
  demo: DemoSummary | null;
  /** what the start upgraded, and the backup made first */
  upgrade?: UpgradeResult | null;
}

export async function openAndPrepare(
  target: DatabaseTarget,
  options: { loadDemo: boolean; dataDir: string; upgradeBackup?: { dir: string; skip: boolean } },
): Promise<BootResult> {
  const keys = loadOrCreateKeys({ env: process.env, dataDir: options.dataDir });
  const cipher = createSensitiveDataCipher(keys.key, keys.hmacKey);
  const db = openDatabase(target);
  let upgrade: UpgradeResult | null = null;
  if (options.upgradeBackup) {
    upgrade = await migrateWithBackup(db, {
      target,
      dataDir: options.dataDir,
      keys,
      backupDir: options.upgradeBackup.dir,
      skipBackup: options.upgradeBackup.skip,
    });
  } else await migrateToLatest(db);
  await optimizeOnStart(db);
  await encryptPlainImportProblems(db, cipher);
  const isEmpty = (await countUnits(db)) === 0;
  if (isEmpty && options.loadDemo) {
    const demo = await loadDemo(db, cipher);
    return { db, cipher, initialAdmin: demo.admin, demo, upgrade };
  }
  if (isEmpty) await createUnit(db, SYSTEM_ACTOR, { parentId: null, name: '本级单位', kind: 'other' });
  const root = await db.selectFrom('unit').select('id').where('depth', '=', 0).orderBy('id').executeTakeFirstOrThrow();
  const initialAdmin = await ensureInitialAdmin(db, root.id);
  return { db, cipher, initialAdmin, demo: null, upgrade };
}
