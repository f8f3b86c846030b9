/**
 * The beneficiary registry: households, people (ID numbers encrypted, with a keyed hash for lookup),
 * hardship categories, dated hardship records, import batches and their problems, possible-duplicate
 * flags, and the blacklist. Every large table carries unit_id (see the Citus plan).
 */
import { sql, type Kysely } from 'kysely';
import { idColumn, isPostgres } from './migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);
  const ref = isPostgres(db) ? 'bigint' : 'integer';
  // Search is by prefix ranges (name >= '张伟' and name < '张伟\uffff'); on PostgreSQL the "C"
  // collation makes that range exactly "starts with", and lets the btree index answer it.
  const searchable = (length: number): any =>
    isPostgres(db) ? sql`varchar(${sql.raw(String(length))}) collate "C"` : `varchar(${length})`;

  await db.schema
    .createTable('hardship_category')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'varchar(30)', (c) => c.notNull().unique())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('household')
    .addColumn('id', id.type, id.build)
    .addColumn('unit_id', ref, (c) => c.notNull().references('unit.id'))
    .addColumn('address', 'varchar(200)')
    .addColumn('address_key', 'varchar(200)')
    .addColumn('phone', 'varchar(30)')
    .addColumn('size', 'integer')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('person')
    .addColumn('id', id.type, id.build)
    .addColumn('unit_id', ref, (c) => c.notNull().references('unit.id'))
    .addColumn('household_id', ref, (c) => c.notNull().references('household.id'))
    .addColumn('name', searchable(50), (c) => c.notNull())
    .addColumn('name_initials', searchable(50), (c) => c.notNull())
    .addColumn('name_pinyin', searchable(200), (c) => c.notNull())
    .addColumn('id_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('id_cipher', 'varchar(200)', (c) => c.notNull())
    .addColumn('id_masked', 'varchar(18)', (c) => c.notNull())
    .addColumn('id_last4', 'varchar(4)', (c) => c.notNull())
    .addColumn('birth_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('sex', 'varchar(6)', (c) => c.notNull())
    .addColumn('phone', 'varchar(30)')
    .addColumn('relation', 'varchar(20)', (c) => c.notNull())
    // a possible duplicate merged into another record keeps its row (and history) but leaves lists
    .addColumn('merged_into_id', ref)
    // keys of the possible-duplicate checks: name pinyin|birth date|unit, and phone|address
    .addColumn('name_birth_key', 'varchar(250)', (c) => c.notNull())
    .addColumn('phone_address_key', 'varchar(250)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_unit_idx').on('person').columns(['unit_id', 'id']).execute();
  // search indexes end with the sort columns, so a prefix search reads the first page in index order
  await db.schema
    .createIndex('person_initials_idx')
    .on('person')
    .columns(['name_initials', 'name_pinyin', 'id'])
    .execute();
  await db.schema.createIndex('person_pinyin_idx').on('person').columns(['name_pinyin', 'id']).execute();
  await db.schema.createIndex('person_name_idx').on('person').columns(['name', 'id']).execute();
  await db.schema.createIndex('person_name_birth_key_idx').on('person').column('name_birth_key').execute();
  await db.schema.createIndex('person_phone_address_key_idx').on('person').column('phone_address_key').execute();
  await db.schema.createIndex('person_phone_idx').on('person').column('phone').execute();
  await db.schema.createIndex('person_last4_idx').on('person').column('id_last4').execute();
  await db.schema.createIndex('person_household_idx').on('person').column('household_id').execute();
  await db.schema.createIndex('household_unit_idx').on('household').column('unit_id').execute();
  await db.schema.createIndex('household_address_idx').on('household').column('address_key').execute();

  await db.schema
    .createTable('person_category')
    .addColumn('person_id', ref, (c) => c.notNull().references('person.id'))
    .addColumn('category_id', ref, (c) => c.notNull().references('hardship_category.id'))
    .addColumn('unit_id', ref, (c) => c.notNull())
    .addPrimaryKeyConstraint('person_category_pk', ['person_id', 'category_id'])
    .execute();
  await db.schema
    .createIndex('person_category_category_idx')
    .on('person_category')
    .columns(['category_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('hardship_record')
    .addColumn('id', id.type, id.build)
    .addColumn('person_id', ref, (c) => c.notNull().references('person.id'))
    .addColumn('unit_id', ref, (c) => c.notNull())
    .addColumn('cause', 'varchar(200)')
    .addColumn('monthly_income_fen', 'bigint')
    .addColumn('illness', 'varchar(200)')
    .addColumn('disability', 'varchar(200)')
    .addColumn('notes', 'text')
    .addColumn('recorded_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('recorded_by', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('hardship_record_person_idx')
    .on('hardship_record')
    .columns(['person_id', 'id'])
    .execute();

  await db.schema
    .createTable('import_batch')
    .addColumn('id', id.type, id.build)
    .addColumn('unit_id', ref, (c) => c.notNull().references('unit.id'))
    .addColumn('account_id', ref)
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('file_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('stored_path', 'varchar(500)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('duplicate_policy', 'varchar(10)')
    .addColumn('header_json', 'text')
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_code', 'varchar(40)')
    .addColumn('error_message', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(30)')
    .execute();

  await db.schema
    .createTable('import_problem')
    .addColumn('id', id.type, id.build)
    .addColumn('batch_id', ref, (c) => c.notNull().references('import_batch.id'))
    .addColumn('unit_id', ref, (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('reason_en', 'varchar(500)', (c) => c.notNull())
    .addColumn('matches', 'varchar(100)')
    .addColumn('original_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('import_problem_batch_idx')
    .on('import_problem')
    .columns(['batch_id', 'row_number'])
    .execute();

  await db.schema
    .createTable('duplicate_flag')
    .addColumn('id', id.type, id.build)
    .addColumn('unit_id', ref, (c) => c.notNull())
    .addColumn('person_id', ref, (c) => c.notNull().references('person.id'))
    .addColumn('other_person_id', ref, (c) => c.notNull().references('person.id'))
    .addColumn('reason', 'varchar(30)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('resolved_at', 'varchar(30)')
    .addColumn('resolved_by', 'varchar(64)')
    .execute();
  await db.schema.createIndex('duplicate_flag_unit_idx').on('duplicate_flag').columns(['unit_id', 'status']).execute();

  await db.schema
    .createTable('blacklist_entry')
    .addColumn('id', id.type, id.build)
    .addColumn('unit_id', ref, (c) => c.notNull().references('unit.id'))
    .addColumn('subject_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('person_id', ref, (c) => c.references('person.id'))
    .addColumn('target_unit_id', ref, (c) => c.references('unit.id'))
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('until', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('lifted_at', 'varchar(30)')
    .addColumn('lifted_by', 'varchar(64)')
    .execute();
  await db.schema.createIndex('blacklist_person_idx').on('blacklist_entry').column('person_id').execute();
  await db.schema.createIndex('blacklist_target_unit_idx').on('blacklist_entry').column('target_unit_id').execute();

  const defaults = [
    '城市低保',
    '农村低保',
    '低保边缘',
    '特困人员',
    '重点优抚对象',
    '孤儿',
    '残疾人',
    '困难职工',
    '百岁老人',
    '空巢老人',
    '留守儿童',
  ];
  await db
    .insertInto('hardship_category')
    .values(defaults.map((name, sort) => ({ name, sort, active: 1 })))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('wennuan migrations are forward-only');
}
