/**
 * Similarity of two Chinese (or any) texts without a model: Jaccard overlap of character bigrams
 * after dropping white space and punctuation. Good enough to notice "the same matter again" and
 * clusters of alike petitions.
 */
export function bigrams(text: string): Set<string> {
  const chars = [...text.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '')];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  if (chars.length === 1) grams.add(chars[0]);
  return grams;
}

export function jaccard(x: Set<string>, y: Set<string>): number {
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / (x.size + y.size - shared);
}

export function similarity(a: string, b: string): number {
  return jaccard(bigrams(a), bigrams(b));
}
