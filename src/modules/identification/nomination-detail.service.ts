/**
 * One nomination as the clerk and the verifier see it: the checklist filled in when nominating, the
 * criteria of its category, the home visits with their findings and photos, the recommendation it
 * came from, and its history. Photos are stored under the data directory, never at a path the
 * uploader chose, and read back only inside the reader's unit subtree.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db, DbOrTx } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { assertCampaignOpen } from '../campaign/campaign.service.ts';
import { can } from '../org/roles.ts';
import { assertCan, type Actor } from '../org/scope.ts';
import { hardshipHistory } from '../registry/registry.repository.ts';
import { notFound } from '../shared/errors.ts';
import type { Criterion, VisitFindings } from './eligibility.ts';
import { householdForVisit, type VisitHousehold } from './identification.repository.ts';
import { nominationFor } from './identification.service.ts';
import type { NominationStatus } from './nomination-state.ts';
import { assertPhoto, assertPhotoCount, photoExtension } from './visit-photo.ts';

export interface VisitPhoto {
  id: number;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
}

export interface VisitRecord {
  id: number;
  visitedOn: string;
  visitors: string;
  findings: VisitFindings;
  eligible: boolean;
  reason: string | null;
  recordedAt: string;
  photos: VisitPhoto[];
}

export interface NominationDetail {
  id: number;
  name: string;
  idMasked: string;
  unitName: string;
  categoryId: number;
  categoryName: string;
  status: NominationStatus;
  reason: string | null;
  verifier: string | null;
  consentAt: string | null;
  criteria: Criterion[];
  checklist: Record<string, boolean>;
  recommendation: { id: number; recommenderName: string; recommenderContact: string } | null;
  /** for the visitor at the door: null for a reader without registry access or outside the person's unit */
  household: (VisitHousehold & { hardship: string | null }) | null;
  visits: VisitRecord[];
  history: { at: string; actor: string; fromState: string | null; toState: string; reason: string | null }[];
}

export async function getNominationDetail(
  db: Db,
  actor: Actor,
  campaignId: number,
  id: number,
): Promise<NominationDetail> {
  assertCan(actor, 'campaigns.read');
  await nominationFor(db, actor, campaignId, id);
  const row = await db
    .selectFrom('nomination')
    .innerJoin('person', 'person.id', 'nomination.person_id')
    .innerJoin('unit', 'unit.id', 'nomination.unit_id')
    .innerJoin('campaign_category', 'campaign_category.id', 'nomination.category_id')
    .leftJoin('recommendation', 'recommendation.id', 'nomination.recommendation_id')
    .select([
      'nomination.id',
      'nomination.person_id',
      'person.name',
      'person.id_masked',
      'unit.name as unit_name',
      'nomination.category_id',
      'campaign_category.name as category_name',
      'campaign_category.criteria_json',
      'nomination.state',
      'nomination.reason',
      'nomination.verifier',
      'nomination.consent_at',
      'nomination.checklist_json',
      'recommendation.id as recommendation_id',
      'recommendation.recommender_name',
      'recommendation.recommender_contact',
    ])
    .where('nomination.id', '=', id)
    .executeTakeFirstOrThrow();
  const [visits, history, household] = await Promise.all([
    visitsOf(db, id),
    historyOf(db, id),
    householdOf(db, actor, row.person_id),
  ]);
  return {
    id: row.id,
    name: row.name,
    idMasked: row.id_masked,
    unitName: row.unit_name,
    categoryId: row.category_id,
    categoryName: row.category_name,
    status: row.state as NominationStatus,
    reason: row.reason,
    verifier: row.verifier,
    consentAt: row.consent_at,
    criteria: row.criteria_json ? (JSON.parse(row.criteria_json) as Criterion[]) : [],
    checklist: row.checklist_json ? (JSON.parse(row.checklist_json) as Record<string, boolean>) : {},
    recommendation:
      row.recommendation_id === null
        ? null
        : {
            id: row.recommendation_id,
            recommenderName: row.recommender_name ?? '',
            recommenderContact: row.recommender_contact ?? '',
          },
    household,
    visits,
    history,
  };
}

async function householdOf(db: DbOrTx, actor: Actor, personId: number): Promise<NominationDetail['household']> {
  if (!can(actor.role, 'registry.read')) return null;
  const [household, [hardship]] = await Promise.all([
    householdForVisit(db, actor, personId),
    hardshipHistory(db, [personId]),
  ]);
  if (!household) return null;
  const situation = hardship ? [hardship.cause, hardship.illness, hardship.disability, hardship.notes] : [];
  return { ...household, hardship: situation.filter(Boolean).join('；') || null };
}

async function visitsOf(db: DbOrTx, nominationId: number): Promise<VisitRecord[]> {
  const [visits, photos] = await Promise.all([
    db.selectFrom('verification').selectAll().where('nomination_id', '=', nominationId).orderBy('id').execute(),
    db
      .selectFrom('verification_photo')
      .select(['id', 'verification_id', 'content_type', 'size_bytes', 'uploaded_at'])
      .where('nomination_id', '=', nominationId)
      .orderBy('id')
      .execute(),
  ]);
  return visits.map((visit) => ({
    id: visit.id,
    visitedOn: visit.visited_on,
    visitors: visit.visitors,
    findings: JSON.parse(visit.findings_json) as VisitFindings,
    eligible: visit.eligible === 1,
    reason: visit.reason,
    recordedAt: visit.recorded_at,
    photos: photos
      .filter((photo) => photo.verification_id === visit.id)
      .map((photo) => ({
        id: photo.id,
        contentType: photo.content_type,
        sizeBytes: photo.size_bytes,
        uploadedAt: photo.uploaded_at,
      })),
  }));
}

async function historyOf(db: DbOrTx, nominationId: number) {
  const rows = await db
    .selectFrom('nomination_event')
    .select(['at', 'actor', 'from_state', 'to_state', 'reason'])
    .where('nomination_id', '=', nominationId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    at: row.at,
    actor: row.actor,
    fromState: row.from_state,
    toState: row.to_state,
    reason: row.reason,
  }));
}

const PHOTO_DIR = 'visit-photos';

/** Adds a photo to a visit already recorded; the file is checked by its content and stored under a random name. */
export async function addVisitPhoto(
  db: Db,
  actor: Actor,
  dataDir: string,
  target: { campaignId: number; nominationId: number; verificationId: number },
  upload: { bytes: Buffer; truncated: boolean },
): Promise<VisitPhoto> {
  assertCan(actor, 'nominations.verify');
  const type = assertPhoto(upload.bytes, upload.truncated);
  const nomination = await nominationFor(db, actor, target.campaignId, target.nominationId);
  const directory = path.join(dataDir, PHOTO_DIR);
  const storedName = `${randomUUID()}.${photoExtension(type)}`;
  await fs.promises.mkdir(directory, { recursive: true });
  await fs.promises.writeFile(path.join(directory, storedName), upload.bytes, { mode: 0o600 });
  try {
    return await db.transaction().execute(async (trx) => {
      await assertCampaignOpen(trx, actor, target.campaignId);
      const visit = await trx
        .selectFrom('verification')
        .select('id')
        .where('id', '=', target.verificationId)
        .where('nomination_id', '=', nomination.id)
        .executeTakeFirst();
      if (!visit) throw notFound('verification', '核实记录');
      const count = await trx
        .selectFrom('verification_photo')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('verification_id', '=', visit.id)
        .executeTakeFirstOrThrow();
      assertPhotoCount(Number(count.n));
      const uploadedAt = nowIso();
      const row = await trx
        .insertInto('verification_photo')
        .values({
          verification_id: visit.id,
          nomination_id: nomination.id,
          unit_id: nomination.unitId,
          content_type: type,
          size_bytes: upload.bytes.length,
          stored_name: storedName,
          uploaded_by: actor.username,
          uploaded_at: uploadedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, actor, {
        action: 'add-visit-photo',
        entity: 'verification',
        entityId: visit.id,
        unitId: nomination.unitId,
        after: { photoId: row.id, contentType: type, sizeBytes: upload.bytes.length },
      });
      return { id: row.id, contentType: type, sizeBytes: upload.bytes.length, uploadedAt };
    });
  } catch (error) {
    await fs.promises.rm(path.join(directory, storedName), { force: true });
    throw error;
  }
}

/** A visit photo, read only by someone whose subtree holds the nomination. */
export async function readVisitPhoto(
  db: Db,
  actor: Actor,
  dataDir: string,
  target: { campaignId: number; nominationId: number; photoId: number },
): Promise<{ contentType: string; bytes: Buffer }> {
  assertCan(actor, 'campaigns.read');
  const nomination = await nominationFor(db, actor, target.campaignId, target.nominationId);
  const photo = await db
    .selectFrom('verification_photo')
    .select(['content_type', 'stored_name'])
    .where('id', '=', target.photoId)
    .where('nomination_id', '=', nomination.id)
    .executeTakeFirst();
  if (!photo) throw notFound('photo', '照片');
  const bytes = await fs.promises
    .readFile(path.join(dataDir, PHOTO_DIR, path.basename(photo.stored_name)))
    .catch(() => null);
  if (!bytes) throw notFound('photo', '照片');
  return { contentType: photo.content_type, bytes };
}
