/**
 * Identification gaps (issue 9): the day applications open (篇七: 12-21), the democratic review's
 * verdict on each name (篇二: a name voted down is not sent up unless overridden), and the history of
 * a campaign's status (closing freezes it; reopening is recorded with its reason).
 */
import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from './migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);
  const ref = isPostgres(db) ? 'bigint' : 'integer';

  await db.schema.alterTable('campaign').addColumn('opens_on', 'varchar(10)').execute();
  // the last democratic review's verdict on the name: agreed, disagreed, or overridden (a disagreement
  // a reviewer above set aside, with the reason in the name's history); null: not reviewed
  await db.schema.alterTable('nomination').addColumn('democratic_vote', 'varchar(20)').execute();

  await db.schema
    .createTable('campaign_status_event')
    .addColumn('id', id.type, id.build)
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('unit_id', ref, (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('to_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)')
    .execute();
  await db.schema
    .createIndex('campaign_status_event_campaign_idx')
    .on('campaign_status_event')
    .columns(['campaign_id', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('wennuan migrations are forward-only');
}
