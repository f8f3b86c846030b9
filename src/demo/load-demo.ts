/**
 * The demo a newcomer sees on an empty database: 海门区 (320614) with its 22 towns and 307 villages
 * from the GB/T 2260 data, the 篇五 campaign with its 11 + 3 categories spread over the towns, an item
 * catalogue, and an account for every role.
 */
import { Readable } from 'node:stream';
import type { Db } from '../db/database.ts';
import { runRegistryImport } from '../modules/registry/registry-import.service.ts';
import type { SensitiveDataCipher } from '../modules/registry/sensitive-data.ts';
import { demoRegistryCsv } from './demo-people.ts';
import { createAccount, ensureInitialAdmin } from '../modules/org/account.service.ts';
import type { Role } from '../modules/org/roles.ts';
import { SYSTEM_ACTOR } from '../modules/org/scope.ts';
import { addRegion } from '../modules/org/unit.service.ts';
import { listUnitsInScope } from '../modules/org/unit.repository.ts';
import { createCampaign, createItem, saveUnitPlans } from '../modules/campaign/campaign.service.ts';
import { apportion } from '../modules/campaign/budget.ts';
import {
  PIAN_WU_ACTIVITIES,
  PIAN_WU_CATEGORIES,
  PIAN_WU_NAME,
  PIAN_WU_PHASES,
  PIAN_WU_PURPOSE,
  PIAN_WU_REQUIREMENTS,
} from '../modules/campaign/pian-wu.ts';

export const DEMO_REGION_CODE = '320614';
export const DEMO_PASSWORD = 'wennuan-demo-2027';

export interface DemoAccount {
  username: string;
  role: Role;
  unitName: string;
  password: string;
}

export interface DemoSummary {
  admin: { username: string; password: string } | null;
  accounts: DemoAccount[];
  campaignId: number;
  registryPeople: number;
  regionName: string;
  towns: number;
  villages: number;
}

const DEMO_ITEMS = [
  { name: '大米', spec: '20斤/袋', unitLabel: '袋', unitPriceFen: 6000 },
  { name: '食用油', spec: '5L/桶', unitLabel: '桶', unitPriceFen: 7500 },
  { name: '面条', spec: '2.5kg/箱', unitLabel: '箱', unitPriceFen: 3000 },
  { name: '棉被', spec: '2米×2.3米', unitLabel: '床', unitPriceFen: 15000 },
];

export async function loadDemo(db: Db, cipher: SensitiveDataCipher): Promise<DemoSummary> {
  const region = await addRegion(db, SYSTEM_ACTOR, DEMO_REGION_CODE);
  const district = region.root;
  const units = await listUnitsInScope(db, SYSTEM_ACTOR);
  const towns = units.filter((unit) => unit.parentId === district.id);
  const firstTown = towns[0]!;
  const firstVillage = units.find((unit) => unit.parentId === firstTown.id)!;

  const admin = await ensureInitialAdmin(db, district.id);
  const accounts: DemoAccount[] = [];
  const addAccount = async (username: string, displayName: string, role: Role, unit: { id: number; name: string }) => {
    await createAccount(db, SYSTEM_ACTOR, { username, displayName, role, unitId: unit.id, password: DEMO_PASSWORD });
    accounts.push({ username, role, unitName: unit.name, password: DEMO_PASSWORD });
  };
  await addAccount('organiser', '区民政局 王科长', 'organiser', district);
  await addAccount('reviewer', '区民政局 审核 李明', 'reviewer', district);
  await addAccount('supervisor', '区纪检 监督 陈静', 'supervisor', district);
  await addAccount('town-clerk', `${firstTown.name} 经办 张伟`, 'clerk', firstTown);
  await addAccount('village-clerk', `${firstVillage.name} 经办 刘芳`, 'clerk', firstVillage);
  await addAccount('visitor', `${firstTown.name} 走访 赵强`, 'visitor', firstTown);

  for (const item of DEMO_ITEMS) await createItem(db, SYSTEM_ACTOR, item);

  const view = await createCampaign(db, SYSTEM_ACTOR, {
    name: PIAN_WU_NAME,
    slogan: '情暖万家 温暖过年',
    purpose: PIAN_WU_PURPOSE,
    requirements: PIAN_WU_REQUIREMENTS,
    year: 2027,
    organiserUnitId: district.id,
    phases: PIAN_WU_PHASES.map((phase) => ({ ...phase })),
    activities: PIAN_WU_ACTIVITIES.map((activity) => ({ ...activity })),
    categories: PIAN_WU_CATEGORIES.map((category) => ({
      id: null,
      name: category.name,
      layer: category.layer,
      plannedCount: category.plannedCount,
      countNote: category.countNote,
      cashFen: category.cashYuan * 100,
      giftFen: category.giftYuan * 100,
      description: null,
      items: [],
    })),
  });

  // area-wide counts follow the size of each town (its number of villages); point visits are even
  const villagesPerTown = towns.map((town) => ({
    unitId: town.id,
    weight: units.filter((unit) => unit.parentId === town.id).length,
  }));
  const even = towns.map((town) => ({ unitId: town.id, weight: 1 }));
  const plans = view.campaign.categories.flatMap((category) => {
    const shares = apportion(category.plannedCount, category.layer === 'general' ? villagesPerTown : even);
    return [...shares].map(([unitId, plannedCount]) => ({ unitId, categoryId: category.id, plannedCount }));
  });
  const matchingFunds = towns
    .slice(0, 3)
    .map((town, index) => ({ unitId: town.id, amountFen: (index + 1) * 1_000_000, note: '镇财政配套' }));
  await saveUnitPlans(db, SYSTEM_ACTOR, view.campaign.id, { version: view.campaign.version, plans, matchingFunds });

  // a registry of people in hardship for the first two towns' villages, through the real import
  const demoVillages = units.filter((unit) => towns.slice(0, 2).some((town) => town.id === unit.parentId) && unit.code);
  const csv = demoRegistryCsv(
    demoVillages.map((village) => ({ code: village.code!, name: village.name })),
    20,
  );
  const registry = await runRegistryImport(
    db,
    SYSTEM_ACTOR,
    cipher,
    { kind: 'csv', open: () => Readable.from([Buffer.from(csv, 'utf8')]) },
    { dryRun: false, duplicatePolicy: 'skip' },
  );

  return {
    admin,
    accounts,
    registryPeople: registry.counts.created,
    campaignId: view.campaign.id,
    regionName: district.name,
    towns: region.towns,
    villages: region.villages,
  };
}
