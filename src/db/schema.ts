/**
 * Row types of every table, as Kysely sees them. Modules keep their own row-to-domain mapping; row
 * types do not leave the repositories.
 */
import type { Generated } from 'kysely';

export interface UnitTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string | null;
  name: string;
  kind: string;
  region_code: string | null;
  path: string;
  depth: number;
  closed_at: string | null;
  created_at: string;
}

export interface AccountTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  unit_id: number;
  password_hash: string;
  must_change_password: Generated<number>;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  disabled_at: string | null;
  created_at: string;
}

export interface SessionTable {
  token_hash: string;
  account_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  account_id: number | null;
  actor: string;
  unit_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
}

export interface ItemTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  spec: string;
  unit_label: string;
  unit_price_fen: number;
  created_at: string;
}

export interface CampaignTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  slogan: string | null;
  purpose: string | null;
  requirements: string | null;
  year: number;
  status: string;
  opens_on: string | null;
  first_deadline: string | null;
  final_deadline: string | null;
  first_deadline_share: number | null;
  notice_days: Generated<number>;
  review_chain_json: string | null;
  verification_required: Generated<number>;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CampaignPhaseTable {
  id: Generated<number>;
  campaign_id: number;
  name: string;
  starts_on: string;
  ends_on: string;
  description: string | null;
  sort: number;
}

export interface CampaignActivityTable {
  id: Generated<number>;
  campaign_id: number;
  title: string;
  description: string | null;
  responsible_units: string;
  due_on: string | null;
  sort: number;
}

export interface CampaignCategoryTable {
  id: Generated<number>;
  campaign_id: number;
  name: string;
  layer: string;
  planned_count: number;
  count_note: string | null;
  cash_fen: number;
  gift_fen: number;
  description: string | null;
  sort: number;
  registry_category_id: Generated<number | null>;
  min_age: Generated<number | null>;
  criteria_json: Generated<string | null>;
}

export interface CampaignCategoryItemTable {
  id: Generated<number>;
  category_id: number;
  item_id: number;
  quantity: number;
  unit_price_fen: number;
}

export interface CampaignUnitPlanTable {
  id: Generated<number>;
  campaign_id: number;
  category_id: number;
  unit_id: number;
  planned_count: number;
}

export interface CampaignMatchingFundTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  amount_fen: number;
  note: string | null;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

export interface HardshipCategoryTable {
  id: Generated<number>;
  name: string;
  sort: number;
  active: Generated<number>;
}

export interface HouseholdTable {
  id: Generated<number>;
  unit_id: number;
  address: string | null;
  address_key: string | null;
  phone: string | null;
  size: number | null;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  unit_id: number;
  household_id: number;
  name: string;
  name_initials: string;
  name_pinyin: string;
  id_hash: string;
  id_cipher: string;
  id_masked: string;
  id_last4: string;
  birth_date: string;
  sex: string;
  phone: string | null;
  relation: string;
  merged_into_id: number | null;
  name_birth_key: string;
  phone_address_key: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface PersonCategoryTable {
  person_id: number;
  category_id: number;
  unit_id: number;
}

export interface HardshipRecordTable {
  id: Generated<number>;
  person_id: number;
  unit_id: number;
  cause: string | null;
  monthly_income_fen: number | null;
  illness: string | null;
  disability: string | null;
  notes: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface ImportBatchTable {
  id: Generated<number>;
  unit_id: number;
  account_id: number | null;
  actor: string;
  file_name: string;
  file_kind: string;
  stored_path: string | null;
  status: string;
  duplicate_policy: string | null;
  header_json: string | null;
  rows: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  duplicates: Generated<number>;
  rejected: Generated<number>;
  flagged: Generated<number>;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface ImportProblemTable {
  id: Generated<number>;
  batch_id: number;
  unit_id: number;
  row_number: number;
  kind: string;
  reason: string;
  reason_en: string;
  matches: string | null;
  original_json: string;
}

export interface DuplicateFlagTable {
  id: Generated<number>;
  unit_id: number;
  person_id: number;
  other_person_id: number;
  reason: string;
  status: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface BlacklistEntryTable {
  id: Generated<number>;
  unit_id: number;
  subject_kind: string;
  person_id: number | null;
  target_unit_id: number | null;
  reason: string;
  until: string;
  created_by: string;
  created_at: string;
  lifted_at: string | null;
  lifted_by: string | null;
}

export interface CampaignQuotaTable {
  id: Generated<number>;
  campaign_id: number;
  category_id: number;
  unit_id: number;
  quota: number;
}

export interface NominationTable {
  id: Generated<number>;
  campaign_id: number;
  category_id: number;
  unit_id: number;
  person_id: number;
  state: string;
  step_index: Generated<number>;
  nominated_by: number | null;
  verified_by: number | null;
  verifier: string | null;
  consent_at: string | null;
  checklist_json: string | null;
  recommendation_id: number | null;
  snapshot_json: string | null;
  amount_fen: number | null;
  reason: string | null;
  democratic_vote: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface NominationEventTable {
  id: Generated<number>;
  nomination_id: number;
  unit_id: number;
  at: string;
  actor: string;
  from_state: string | null;
  to_state: string;
  reason: string | null;
}

export interface VerificationTable {
  id: Generated<number>;
  nomination_id: number;
  unit_id: number;
  visited_on: string;
  visitors: string;
  findings_json: string;
  eligible: number;
  reason: string | null;
  recorded_by: number | null;
  recorded_at: string;
}

export interface PublicNoticeTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  published_at: string;
  ends_at: string;
  status: string;
  locked_at: string | null;
}

export interface ObjectionTable {
  id: Generated<number>;
  notice_id: number;
  unit_id: number;
  nomination_id: number | null;
  kind: string;
  text: string;
  contact: string | null;
  tracking_code: string;
  status: string;
  answer: string | null;
  verification_id: number | null;
  created_at: string;
  answered_at: string | null;
  answered_by: string | null;
}

export interface DemocraticReviewTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  held_on: string;
  participants: string;
  decisions_json: string;
  recorded_by: string;
  recorded_at: string;
}

export interface VerificationPhotoTable {
  id: Generated<number>;
  verification_id: number;
  nomination_id: number;
  unit_id: number;
  content_type: string;
  size_bytes: number;
  stored_name: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface RecommendationTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  family_name: string;
  address: string;
  situation: string;
  recommender_name: string;
  recommender_contact: string;
  status: string;
  note: string | null;
  tracking_code: string;
  created_at: string;
  handled_by: string | null;
  handled_at: string | null;
}

export interface CampaignStatusEventTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  at: string;
  actor: string;
  from_status: string;
  to_status: string;
  reason: string | null;
}

export interface Database {
  unit: UnitTable;
  account: AccountTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  item: ItemTable;
  campaign: CampaignTable;
  campaign_phase: CampaignPhaseTable;
  campaign_activity: CampaignActivityTable;
  campaign_category: CampaignCategoryTable;
  campaign_category_item: CampaignCategoryItemTable;
  campaign_unit_plan: CampaignUnitPlanTable;
  campaign_matching_fund: CampaignMatchingFundTable;
  app_setting: AppSettingTable;
  hardship_category: HardshipCategoryTable;
  household: HouseholdTable;
  person: PersonTable;
  person_category: PersonCategoryTable;
  hardship_record: HardshipRecordTable;
  import_batch: ImportBatchTable;
  import_problem: ImportProblemTable;
  duplicate_flag: DuplicateFlagTable;
  blacklist_entry: BlacklistEntryTable;
  campaign_quota: CampaignQuotaTable;
  nomination: NominationTable;
  nomination_event: NominationEventTable;
  verification: VerificationTable;
  public_notice: PublicNoticeTable;
  objection: ObjectionTable;
  recommendation: RecommendationTable;
  democratic_review: DemocraticReviewTable;
  verification_photo: VerificationPhotoTable;
  campaign_status_event: CampaignStatusEventTable;
}
