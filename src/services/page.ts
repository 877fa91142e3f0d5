/** Lists in pages: every list a person reads comes a page at a time. */

/** How many cases a list shows at once: what a chat message or a card holds well. */
export const pageSize = 10;

/** One page of a list, numbered from 1, with how many there are in all. */
export interface Page<T> {
  items: T[];
  page: number;
  /** At least 1: an empty list is one empty page. */
  pages: number;
  total: number;
}

/** The page asked for, within the list: a stale "next" after cases closed shows the last page. */
export function pageWithin(
  total: number,
  page: number,
  size = pageSize,
): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  return { page: Math.min(Math.max(1, Math.floor(page) || 1), pages), pages };
}

/** Every item of a list, page by page, for a job that reads it whole (the weekly digest). */
export async function everyPage<T>(list: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const next = await list(page);
    items.push(...next.items);
    if (next.page >= next.pages) return items;
  }
}
