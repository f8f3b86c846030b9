/**
 * Identification: quotas per unit and category, the review chain, deadlines, nominations with
 * their history, home verifications, democratic reviews, public notices, objections and public
 * recommendations. Large tables carry unit_id (see the Citus plan).
 */
import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from './migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);
  const ref = isPostgres(db) ? 'bigint' : 'integer';

  await db.schema.alterTable('campaign').addColumn('first_deadline', 'varchar(10)').execute();
  await db.schema.alterTable('campaign').addColumn('final_deadline', 'varchar(10)').execute();
  // share of each unit's quota due by the first deadline, in percent (篇七: 70)
  await db.schema.alterTable('campaign').addColumn('first_deadline_share', 'integer').execute();
  await db.schema
    .alterTable('campaign')
    .addColumn('notice_days', 'integer', (c) => c.notNull().defaultTo(3))
    .execute();
  // the review chain (JSON list of steps: label, unit levels up, roles) and whether names are visited first
  await db.schema.alterTable('campaign').addColumn('review_chain_json', 'text').execute();
  await db.schema
    .alterTable('campaign')
    .addColumn('verification_required', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // which registry category a campaign category draws on (its quota rule and eligibility check)
  await db.schema.alterTable('campaign_category').addColumn('registry_category_id', ref).execute();
  // 百岁老人: a minimum age on the campaign's reference date
  await db.schema.alterTable('campaign_category').addColumn('min_age', 'integer').execute();
  // the eligibility checklist the clerk fills in for this category (篇三, 篇四), JSON list of criteria
  await db.schema.alterTable('campaign_category').addColumn('criteria_json', 'text').execute();

  await db.schema
    .createTable('campaign_quota')
    .addColumn('id', id.type, id.build)
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('category_id', ref, (c) => c.notNull().references('campaign_category.id').onDelete('cascade'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('unit.id'))
    .addColumn('quota', 'integer', (c) => c.notNull())
    .addUniqueConstraint('campaign_quota_unique', ['category_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('campaign_quota_campaign_idx')
    .on('campaign_quota')
    .columns(['campaign_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('nomination')
    .addColumn('id', id.type, id.build)
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('category_id', ref, (c) => c.notNull().references('campaign_category.id'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('unit.id'))
    .addColumn('person_id', ref, (c) => c.notNull().references('person.id'))
    .addColumn('state', 'varchar(30)', (c) => c.notNull())
    .addColumn('step_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('nominated_by', ref, (c) => c.references('account.id'))
    .addColumn('verified_by', ref, (c) => c.references('account.id'))
    .addColumn('verifier', 'varchar(100)')
    .addColumn('consent_at', 'varchar(30)')
    .addColumn('checklist_json', 'text')
    .addColumn('recommendation_id', ref)
    .addColumn('snapshot_json', 'text')
    .addColumn('amount_fen', 'bigint')
    .addColumn('reason', 'varchar(500)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    // a person is on a campaign's list once, whatever the unit
    .addUniqueConstraint('nomination_person_unique', ['campaign_id', 'person_id'])
    .execute();
  // covers the progress view's count per unit, category and state without reading the table
  await db.schema
    .createIndex('nomination_campaign_unit_idx')
    .on('nomination')
    .columns(['campaign_id', 'unit_id', 'category_id', 'state'])
    .execute();
  await db.schema
    .createIndex('nomination_campaign_state_idx')
    .on('nomination')
    .columns(['campaign_id', 'state', 'id'])
    .execute();

  await db.schema
    .createTable('nomination_event')
    .addColumn('id', id.type, id.build)
    .addColumn('nomination_id', ref, (c) => c.notNull().references('nomination.id'))
    .addColumn('unit_id', ref, (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(30)')
    .addColumn('to_state', 'varchar(30)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)')
    .execute();
  await db.schema
    .createIndex('nomination_event_nomination_idx')
    .on('nomination_event')
    .columns(['nomination_id', 'id'])
    .execute();

  await db.schema
    .createTable('verification')
    .addColumn('id', id.type, id.build)
    .addColumn('nomination_id', ref, (c) => c.notNull().references('nomination.id'))
    .addColumn('unit_id', ref, (c) => c.notNull())
    .addColumn('visited_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('visitors', 'varchar(200)', (c) => c.notNull())
    .addColumn('findings_json', 'text', (c) => c.notNull())
    .addColumn('eligible', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)')
    .addColumn('recorded_by', ref, (c) => c.references('account.id'))
    .addColumn('recorded_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verification_nomination_idx').on('verification').column('nomination_id').execute();

  await db.schema
    .createTable('public_notice')
    .addColumn('id', id.type, id.build)
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('unit.id'))
    .addColumn('published_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ends_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('locked_at', 'varchar(30)')
    .addUniqueConstraint('public_notice_unique', ['campaign_id', 'unit_id'])
    .execute();

  // 民主评议 (篇二): a meeting with its date, participants and the decision on each name
  await db.schema
    .createTable('democratic_review')
    .addColumn('id', id.type, id.build)
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('unit.id'))
    .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('participants', 'varchar(1000)', (c) => c.notNull())
    .addColumn('decisions_json', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('recorded_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  // 篇八: anyone may recommend a family; the recommender then leads the visit
  await db.schema
    .createTable('recommendation')
    .addColumn('id', id.type, id.build)
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('unit.id'))
    .addColumn('family_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)', (c) => c.notNull())
    .addColumn('situation', 'text', (c) => c.notNull())
    .addColumn('recommender_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('recommender_contact', 'varchar(100)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('tracking_code', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('handled_by', 'varchar(64)')
    .addColumn('handled_at', 'varchar(30)')
    .execute();
  await db.schema
    .createIndex('recommendation_campaign_unit_idx')
    .on('recommendation')
    .columns(['campaign_id', 'unit_id', 'status'])
    .execute();

  await db.schema
    .createTable('objection')
    .addColumn('id', id.type, id.build)
    .addColumn('notice_id', ref, (c) => c.notNull().references('public_notice.id'))
    .addColumn('unit_id', ref, (c) => c.notNull())
    .addColumn('nomination_id', ref, (c) => c.references('nomination.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('contact', 'varchar(100)')
    .addColumn('tracking_code', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('verification_id', ref)
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('answered_at', 'varchar(30)')
    .addColumn('answered_by', 'varchar(64)')
    .execute();
  await db.schema.createIndex('objection_notice_idx').on('objection').columns(['notice_id', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('wennuan migrations are forward-only');
}
