/**
 * Text folded for searching: lower case, no diacritics, "đ" as "d", runs of spaces as one, so "pho hien"
 * finds "Phố Hiến". The server folds the same way (api/domain/search.py) for its searches.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether every word of the query occurs in one of the texts, ignoring case and diacritics. */
export function matchesSearch(query: string, ...texts: (string | null | undefined)[]): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldForSearch(texts.filter(Boolean).join(' '));
  return words.every((word) => haystack.includes(word));
}
