/** R2: `XF-2026-000042`, from the counter `XF-2026` (the prefix from the organisation file). */
export function formatCaseNumber(counter: string, value: number): string {
  return `${counter}-${String(value).padStart(6, '0')}`;
}

export function counterOf(prefix: string, year: number): string {
  return `${prefix}-${year}`;
}

/** The holder of the numbers an earlier release gave out from its one counter row (migrated). */
export const beforeBlocks = 'before number blocks';
