/**
 * Photos of a home visit (入户核实): the files live under the data directory, the rows say whose
 * visit they belong to (unit_id for scoping, like every large table).
 */
import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from './migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);
  const ref = isPostgres(db) ? 'bigint' : 'integer';
  await db.schema
    .createTable('verification_photo')
    .addColumn('id', id.type, id.build)
    .addColumn('verification_id', ref, (c) => c.notNull().references('verification.id'))
    .addColumn('nomination_id', ref, (c) => c.notNull().references('nomination.id'))
    .addColumn('unit_id', ref, (c) => c.notNull())
    .addColumn('content_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    // a random name under <dataDir>/visit-photos/: never a path the uploader chose
    .addColumn('stored_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('uploaded_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('verification_photo_verification_idx')
    .on('verification_photo')
    .columns(['verification_id', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('wennuan migrations are forward-only');
}
