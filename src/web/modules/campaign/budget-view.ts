/**
 * The budget as the editor shows it, computed in the browser from the unsaved form with the same pure
 * module the server uses (src/modules/campaign/budget.ts), so what the clerk sees is what will be saved.
 */
import {
  computeBudget,
  householdsAffordable,
  perPersonFen,
  type Affordability,
  type Budget,
} from '../../../modules/campaign/budget.ts';
import { multiplyFen } from '../../../modules/shared/money.ts';

export { computeBudget, householdsAffordable, perPersonFen, type Affordability, type Budget };

/** count × standard, or 0 when the numbers are absurdly large while being typed */
export function multiplyFenSafe(fen: number, count: number): number {
  try {
    return multiplyFen(fen, count);
  } catch {
    return 0;
  }
}

/** computeBudget, but an overflow while typing gives no budget instead of a crashed page. */
export function computeBudgetSafe(...args: Parameters<typeof computeBudget>): Budget | null {
  try {
    return computeBudget(...args);
  } catch {
    return null;
  }
}
