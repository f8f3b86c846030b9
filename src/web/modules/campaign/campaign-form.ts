/**
 * The campaign editor's form state and its two translations: from the saved campaign into what the
 * inputs show (amounts as yuan text, counts as text), and back into the PUT body (integer fen, exact
 * string parsing). The same state feeds computeBudget for the live budget.
 */
import type {
  Campaign,
  CampaignCategory,
  CampaignStatus,
  CampaignUpdate,
  CatalogueItem,
  CategoryLayer,
} from './api/campaign-api.ts';
import {
  countInputOrZero,
  fenToYuanInput,
  parseCountInput,
  parseYuanInput,
  yuanInputToFenOrZero,
} from '../../app/money-input.ts';

export interface CategoryItemRow {
  itemId?: number;
  quantity?: string;
}

export interface CategoryRow {
  /** saved id, or null for a row added in this editing session */
  id: number | null;
  /** stable while editing, also for new rows: budget lines and chart need one */
  rowKey: string;
  name?: string;
  layer?: CategoryLayer;
  plannedCount?: string;
  countNote?: string;
  cashYuan?: string;
  giftYuan?: string;
  description?: string;
  items?: CategoryItemRow[];
}

export interface PhaseRow {
  name?: string;
  startsOn?: string;
  endsOn?: string;
  description?: string;
}

export interface ActivityRow {
  title?: string;
  description?: string;
  responsibleUnits?: string;
  dueOn?: string;
}

export interface CampaignFormValues {
  name?: string;
  slogan?: string;
  purpose?: string;
  requirements?: string;
  year?: number;
  status?: CampaignStatus;
  phases?: PhaseRow[];
  activities?: ActivityRow[];
  categories?: CategoryRow[];
}

let newRowCounter = 0;

export function newCategoryRow(layer: CategoryLayer = 'general'): CategoryRow {
  newRowCounter += 1;
  return {
    id: null,
    rowKey: `new-${Date.now()}-${newRowCounter}`,
    name: '',
    layer,
    plannedCount: '',
    countNote: '',
    cashYuan: '',
    giftYuan: '',
    description: '',
    items: [],
  };
}

export function toFormValues(campaign: Campaign): CampaignFormValues {
  return {
    name: campaign.name,
    slogan: campaign.slogan ?? '',
    purpose: campaign.purpose ?? '',
    requirements: campaign.requirements ?? '',
    year: campaign.year,
    status: campaign.status,
    phases: [...campaign.phases]
      .sort((a, b) => a.sort - b.sort)
      .map((phase) => ({
        name: phase.name,
        startsOn: phase.startsOn,
        endsOn: phase.endsOn,
        description: phase.description ?? '',
      })),
    activities: [...campaign.activities]
      .sort((a, b) => a.sort - b.sort)
      .map((activity) => ({
        title: activity.title,
        description: activity.description ?? '',
        responsibleUnits: activity.responsibleUnits,
        dueOn: activity.dueOn ?? '',
      })),
    categories: [...campaign.categories]
      .sort((a, b) => a.sort - b.sort)
      .map((category) => ({
        id: category.id,
        rowKey: `saved-${category.id}`,
        name: category.name,
        layer: category.layer,
        plannedCount: String(category.plannedCount),
        countNote: category.countNote ?? '',
        cashYuan: category.cashFen ? fenToYuanInput(category.cashFen) : '',
        giftYuan: category.giftFen ? fenToYuanInput(category.giftFen) : '',
        description: category.description ?? '',
        items: category.items.map((item) => ({ itemId: item.itemId, quantity: String(item.quantity) })),
      })),
  };
}

function textOrNull(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed ? trimmed : null;
}

/** The PUT body; call after the form validated, so every amount and count parses. */
export function toCampaignUpdate(values: CampaignFormValues, version: number): CampaignUpdate {
  return {
    version,
    status: values.status ?? 'draft',
    name: (values.name ?? '').trim(),
    slogan: textOrNull(values.slogan),
    purpose: textOrNull(values.purpose),
    requirements: textOrNull(values.requirements),
    year: Number(values.year),
    phases: (values.phases ?? []).map((phase) => ({
      name: (phase.name ?? '').trim(),
      startsOn: phase.startsOn ?? '',
      endsOn: phase.endsOn ?? '',
      description: textOrNull(phase.description),
    })),
    activities: (values.activities ?? []).map((activity) => ({
      title: (activity.title ?? '').trim(),
      description: textOrNull(activity.description),
      responsibleUnits: (activity.responsibleUnits ?? '').trim(),
      dueOn: activity.dueOn ? activity.dueOn : null,
    })),
    categories: (values.categories ?? []).map((category) => ({
      id: category.id ?? null,
      name: (category.name ?? '').trim(),
      layer: category.layer ?? 'general',
      plannedCount: countInputOrZero(category.plannedCount),
      countNote: textOrNull(category.countNote),
      cashFen: yuanInputToFenOrZero(category.cashYuan),
      giftFen: yuanInputToFenOrZero(category.giftYuan),
      description: textOrNull(category.description),
      items: (category.items ?? [])
        .filter((item) => item.itemId !== undefined)
        .map((item) => ({ itemId: item.itemId!, quantity: countInputOrZero(item.quantity) })),
    })),
  };
}

/**
 * The unsaved categories as computeBudget wants them. Items already in the saved standard keep their
 * price snapshot; newly chosen items take today's catalogue price. Unparsable inputs count as 0 while
 * the user is still typing (the field itself shows the error).
 */
export function toBudgetCategories(
  rows: CategoryRow[] | undefined,
  catalogue: CatalogueItem[],
  saved: CampaignCategory[],
): CampaignCategory[] {
  const catalogueById = new Map(catalogue.map((item) => [item.id, item]));
  const savedById = new Map(saved.map((category) => [category.id, category]));
  return (rows ?? []).map((row, index) => {
    const savedCategory = row.id === null ? undefined : savedById.get(row.id);
    return {
      id: row.id ?? -(index + 1),
      name: (row.name ?? '').trim() || `#${index + 1}`,
      layer: row.layer ?? 'general',
      plannedCount: countInputOrZero(row.plannedCount),
      countNote: textOrNull(row.countNote),
      cashFen: yuanInputToFenOrZero(row.cashYuan),
      giftFen: yuanInputToFenOrZero(row.giftYuan),
      description: textOrNull(row.description),
      sort: index,
      items: (row.items ?? []).flatMap((item) => {
        if (item.itemId === undefined) return [];
        const snapshot = savedCategory?.items.find((line) => line.itemId === item.itemId);
        const entry = catalogueById.get(item.itemId);
        const unitPriceFen = snapshot?.unitPriceFen ?? entry?.unitPriceFen ?? 0;
        return [
          {
            itemId: item.itemId,
            name: entry?.name ?? snapshot?.name ?? '',
            spec: entry?.spec ?? snapshot?.spec ?? '',
            unitLabel: entry?.unitLabel ?? snapshot?.unitLabel ?? '',
            quantity: countInputOrZero(item.quantity),
            unitPriceFen,
          },
        ];
      }),
    };
  });
}

/** Server field names → this form's names: the wire says cashFen, the input holds yuan text. */
export function serverFieldToFormName(field: string): (string | number)[] | null {
  const parts = field
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (parts.length === 0) return null;
  const renamed: Record<string, string> = { cashFen: 'cashYuan', giftFen: 'giftYuan' };
  const last = parts[parts.length - 1];
  if (typeof last === 'string' && renamed[last]) parts[parts.length - 1] = renamed[last]!;
  if (parts[0] === 'version' || parts[0] === 'organiserUnitId') return null;
  return parts;
}

/** Which editor tab shows a field: used to jump to the first error. */
export function tabOfField(name: (string | number)[]): EditorTab {
  switch (name[0]) {
    case 'phases':
      return 'phases';
    case 'activities':
      return 'activities';
    case 'categories':
      return 'categories';
    default:
      return 'basic';
  }
}

export type EditorTab = 'basic' | 'phases' | 'activities' | 'categories' | 'budget' | 'units';

/** True when a category row has enough of a standard to count: used for a hint, the server decides. */
export function hasAnyStandard(row: CategoryRow): boolean {
  const cash = parseYuanInput(row.cashYuan);
  const gift = parseYuanInput(row.giftYuan);
  return (
    (cash.isValid && cash.fen > 0) ||
    (gift.isValid && gift.fen > 0) ||
    (row.items ?? []).some((item) => item.itemId !== undefined && parseCountInput(item.quantity).isValid)
  );
}
