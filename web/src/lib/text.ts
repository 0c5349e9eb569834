/** Folds Vietnamese text for matching typed text without marks: NFD, drop combining marks, đ → d, lower case. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/\u00d0/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether every word typed appears in the text, ignoring marks and case. */
export function matchesFolded(text: string, query: string): boolean {
  const haystack = foldText(text);
  return foldText(query)
    .split(' ')
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

const vietnameseCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Compares two texts in Vietnamese alphabetical order. */
export function compareVietnamese(a: string, b: string): number {
  return vietnameseCollator.compare(a, b);
}
