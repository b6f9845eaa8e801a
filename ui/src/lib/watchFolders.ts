// Watch folders' tags as typed in Settings: one text box, names separated by commas.

/** `a, b ,c` → `['a', 'b', 'c']` (a Chinese comma separates too); the host cleans each name as
 * it does any tag. */
export function parseTags(text: string): string[] {
  return text
    .split(/[,，]/u)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}
