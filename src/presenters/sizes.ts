/** A file's size as people read it: 812 B, 35.2 KB, 4.1 MB (the same in either language). */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [amount, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / 1024 / 1024, 'MB'];
  return `${Math.round(amount * 10) / 10} ${unit}`;
}

/** How much of a file's SHA-256 a chat shows: enough to compare by eye with the trail's. */
export const shownHash = 12;
