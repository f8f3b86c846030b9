/**
 * The demo a newcomer sees on an empty database: 海门区 (320614) with its 22 towns and 307 villages
 * from the GB/T 2260 data, the 篇五 campaign with its 11 + 3 categories spread over the towns, an item
 * catalogue, and an account for every role.
 */
import { Readable } from 'node:stream';
import type { Db } from '../db/database.ts';
import { runRegistryImport } from '../modules/registry/registry-import.service.ts';
import { listHardshipCategories, searchRegistry } from '../modules/registry/registry.service.ts';
import type { SensitiveDataCipher } from '../modules/registry/sensitive-data.ts';
import { demoRegistryCsv } from './demo-people.ts';
import { HAIMEN_CATEGORY_RULES, HAIMEN_DEADLINES, HAIMEN_PLAN } from './haimen-plan.ts';
import { actorFromAccount, createAccount, ensureInitialAdmin } from '../modules/org/account.service.ts';
import type { Role } from '../modules/org/roles.ts';
import { SYSTEM_ACTOR, type Actor } from '../modules/org/scope.ts';
import type { Unit } from '../modules/org/unit.ts';
import { addRegion } from '../modules/org/unit.service.ts';
import { listUnitsInScope } from '../modules/org/unit.repository.ts';
import { createCampaign, createItem, saveUnitPlans } from '../modules/campaign/campaign.service.ts';
import { apportion } from '../modules/campaign/budget.ts';
import type { CampaignCategory } from '../modules/campaign/campaign.ts';
import {
  assignVerifier,
  nominatePerson,
  recordVerification,
  saveIdentificationSettings,
  setQuotas,
  submitNominations,
} from '../modules/identification/identification.service.ts';
import { takeQuotasFromPlan } from '../modules/identification/plan-quotas.service.ts';
import { stepHolder, VILLAGE_TOWN_DISTRICT_CHAIN } from '../modules/identification/review-chain.ts';

export const DEMO_REGION_CODE = '320614';
export const DEMO_PASSWORD = 'wennuan-demo-2027';

export interface DemoAccount {
  username: string;
  role: Role;
  unitName: string;
  password: string;
  /** what the account does in the demo: 申报, 入户核实, 镇街审核 … */
  duty: string;
}

export interface DemoSummary {
  admin: { username: string; password: string } | null;
  accounts: DemoAccount[];
  /** each step of the demo's review chain, with the account that acts on it for the demo village */
  reviewSteps: { label: string; username: string; unitName: string }[];
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
  const actors = new Map<string, Actor>();
  const addAccount = async (
    username: string,
    displayName: string,
    role: Role,
    unit: { id: number; name: string },
    duty: string,
  ) => {
    const { account } = await createAccount(db, SYSTEM_ACTOR, {
      username,
      displayName,
      role,
      unitId: unit.id,
      password: DEMO_PASSWORD,
    });
    accounts.push({ username, role, unitName: unit.name, password: DEMO_PASSWORD, duty });
    actors.set(username, actorFromAccount(account, null));
  };
  const chain = VILLAGE_TOWN_DISTRICT_CHAIN;
  await addAccount('organiser', '区民政局 王科长', 'organiser', district, '方案、名额、公示');
  await addAccount('reviewer', '区民政局 审核 李明', 'reviewer', district, chain[1]!.label);
  await addAccount('supervisor', '区纪检 监督 陈静', 'supervisor', district, '监督（只读）');
  await addAccount('town-reviewer', `${firstTown.name} 审核 孙丽`, 'reviewer', firstTown, chain[0]!.label);
  await addAccount('town-clerk', `${firstTown.name} 经办 张伟`, 'clerk', firstTown, '分配村（社区）名额');
  await addAccount('village-clerk', `${firstVillage.name} 经办 刘芳`, 'clerk', firstVillage, '申报');
  await addAccount('visitor', `${firstTown.name} 走访 赵强`, 'visitor', firstTown, '入户核实');

  for (const item of DEMO_ITEMS) await createItem(db, SYSTEM_ACTOR, item);

  const view = await createCampaign(db, SYSTEM_ACTOR, {
    name: HAIMEN_PLAN.name,
    slogan: HAIMEN_PLAN.slogan,
    purpose: HAIMEN_PLAN.purpose,
    requirements: HAIMEN_PLAN.requirements,
    year: 2027,
    organiserUnitId: district.id,
    phases: HAIMEN_PLAN.phases.map((phase) => ({ ...phase })),
    activities: HAIMEN_PLAN.activities.map((activity) => ({ ...activity })),
    categories: HAIMEN_PLAN.categories.map((category) => ({
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
  const campaignId = view.campaign.id;
  const { categories } = view.campaign;

  // area-wide counts follow the size of each town (its number of villages); point visits are even
  const villagesOf = (town: Unit) => units.filter((unit) => unit.parentId === town.id && !unit.closedAt);
  const villagesPerTown = towns.map((town) => ({ unitId: town.id, weight: villagesOf(town).length }));
  const even = towns.map((town) => ({ unitId: town.id, weight: 1 }));
  const plans = categories.flatMap((category) => {
    const shares = apportion(category.plannedCount, category.layer === 'general' ? villagesPerTown : even);
    return [...shares].map(([unitId, plannedCount]) => ({ unitId, categoryId: category.id, plannedCount }));
  });
  const matchingFunds = towns
    .slice(0, 3)
    .map((town, index) => ({ unitId: town.id, amountFen: (index + 1) * 1_000_000, note: '镇财政配套' }));
  await saveUnitPlans(db, SYSTEM_ACTOR, campaignId, { version: view.campaign.version, plans, matchingFunds });

  await configureIdentification(db, campaignId, categories);
  // the towns' quotas are the plan's 单位分配; each town's places are shared among its villages
  await takeQuotasFromPlan(db, SYSTEM_ACTOR, campaignId);
  const villageQuotas = towns.flatMap((town) =>
    plans
      .filter((plan) => plan.unitId === town.id)
      .flatMap((plan) =>
        [
          ...apportion(
            plan.plannedCount,
            villagesOf(town).map((village) => ({ unitId: village.id, weight: 1 })),
          ),
        ]
          .filter(([, quota]) => quota > 0)
          .map(([unitId, quota]) => ({ unitId, categoryId: plan.categoryId, quota })),
      ),
  );
  await setQuotas(db, SYSTEM_ACTOR, campaignId, villageQuotas);

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

  await startTheList(db, cipher, {
    campaignId,
    categories,
    village: firstVillage,
    quotas: villageQuotas.filter((quota) => quota.unitId === firstVillage.id),
    clerk: actors.get('village-clerk')!,
    visitor: actors.get('visitor')!,
  });

  const reviewSteps = chain.map((step, index) => {
    const holder = stepHolder(chain, index, firstVillage.path, district.path)!;
    const account = accounts.find(
      (candidate) => candidate.duty === step.label && actors.get(candidate.username)!.unitPath === holder.unitPath,
    )!;
    return { label: step.label, username: account.username, unitName: account.unitName };
  });

  return {
    admin,
    accounts,
    reviewSteps,
    registryPeople: registry.counts.created,
    campaignId,
    regionName: district.name,
    towns: region.towns,
    villages: region.villages,
  };
}

/** Deadlines, the review chain, and per category its registry category, minimum age and checklist. */
async function configureIdentification(db: Db, campaignId: number, categories: CampaignCategory[]): Promise<void> {
  const registryIds = new Map((await listHardshipCategories(db)).map((category) => [category.name, category.id]));
  await saveIdentificationSettings(db, SYSTEM_ACTOR, campaignId, {
    ...HAIMEN_DEADLINES,
    noticeDays: 3,
    verificationRequired: true,
    reviewChain: VILLAGE_TOWN_DISTRICT_CHAIN,
    categories: categories.map((category) => {
      const rule = HAIMEN_CATEGORY_RULES[category.name];
      return {
        categoryId: category.id,
        registryCategoryId: rule?.registryCategory ? (registryIds.get(rule.registryCategory) ?? null) : null,
        minAge: rule?.minAge ?? null,
        criteria: rule?.criteria ?? [],
      };
    }),
  });
}

/**
 * The first village's list under way, so every screen has something to show: names waiting at the
 * town's review, one visited, one being visited, one just put forward. Acted out by the demo's own
 * accounts, the clerk nominating and the visitor visiting, so separation of duties holds.
 */
async function startTheList(
  db: Db,
  cipher: SensitiveDataCipher,
  input: {
    campaignId: number;
    categories: CampaignCategory[];
    village: Unit;
    quotas: { categoryId: number; quota: number }[];
    clerk: Actor;
    visitor: Actor;
  },
): Promise<void> {
  // inside the plan's preparation phase, whenever the demo is loaded
  const now = new Date(Math.min(Date.now(), Date.parse(`${HAIMEN_DEADLINES.firstDeadline}T00:00:00Z`) - 86_400_000));
  const { people } = await searchRegistry(db, input.clerk, cipher, { unitId: input.village.id, pageSize: 50 });
  const left = new Map(input.quotas.map((quota) => [quota.categoryId, quota.quota]));
  const general = input.categories.filter((category) => category.layer === 'general');
  const picked: { personId: number; name: string; category: CampaignCategory }[] = [];
  for (const person of people) {
    const category = general.find((candidate) => {
      const wanted = HAIMEN_CATEGORY_RULES[candidate.name]?.registryCategory;
      return wanted && person.categories.includes(wanted) && (left.get(candidate.id) ?? 0) > 0;
    });
    if (!category || picked.length >= 6) continue;
    left.set(category.id, left.get(category.id)! - 1);
    picked.push({ personId: person.id, name: person.name, category });
  }
  const ids: number[] = [];
  for (const { personId, category } of picked) {
    const criteria = HAIMEN_CATEGORY_RULES[category.name]?.criteria ?? [];
    const nomination = await nominatePerson(
      db,
      input.clerk,
      input.campaignId,
      {
        personId,
        categoryId: category.id,
        unitId: input.village.id,
        consent: true,
        checklist: Object.fromEntries(criteria.map((criterion) => [criterion.key, true])),
      },
      now,
    );
    ids.push(nomination.id);
  }
  const visitorName = '走访 赵强';
  for (const [index, id] of ids.entries()) {
    if (index > 4) break;
    await assignVerifier(db, input.clerk, input.campaignId, id, visitorName);
    if (index > 3) continue;
    const criteria = HAIMEN_CATEGORY_RULES[picked[index]!.category.name]?.criteria ?? [];
    await recordVerification(db, input.visitor, input.campaignId, id, {
      visitedOn: '2026-12-05',
      visitors: `${visitorName}、村委会 刘芳`,
      findings: {
        ...Object.fromEntries(criteria.map((criterion) => [criterion.key, true])),
        note: '入户核实，情况属实',
      },
      eligible: true,
    });
  }
  await submitNominations(db, input.clerk, input.campaignId, ids.slice(0, 3), now);
}
