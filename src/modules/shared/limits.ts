/**
 * The largest figures a campaign takes, far above any real one (篇五's biggest line is 3,726 people at
 * 500 yuan) and low enough to catch a slip of the keyboard. They do not make overflow impossible: 1,000
 * items at the dearest price for the most people is still past Number.MAX_SAFE_INTEGER fen, so budget
 * totals are checked as well (campaign-rules.ts).
 */
export const MAX_PEOPLE = 10_000_000;
/** 100,000.00 yuan: cash or gift value for one person */
export const MAX_FEN_PER_PERSON = 10_000_000;
/** 100,000.00 yuan: one in-kind item of the catalogue */
export const MAX_UNIT_PRICE_FEN = 10_000_000;
export const MAX_ITEM_QUANTITY = 1_000;
