/** The 300 village codes the benchmark registry is spread over. */
export const BENCH_UNIT_CODES: readonly string[] = Array.from(
  { length: 300 },
  (_, index) => `V${String(index + 1).padStart(3, '0')}`,
);
