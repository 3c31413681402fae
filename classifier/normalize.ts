/** Lower case, no accents, apostrophes split, punctuation folded to spaces, spaces collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’'`´]/g, " ")
    .replace(/[^\p{L}\p{N}%]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * Corrects words of 5+ letters that are one typo away from exactly one vocabulary word
 * ("emial" → "email", "yesteday" → "yesterday"). Known words and short words are left alone.
 */
export function createSpellFixer(vocabulary: Iterable<string>) {
  const words = new Set(vocabulary);
  const byLength = new Map<number, string[]>();
  for (const w of words) {
    if (w.length < 4) continue;
    const list = byLength.get(w.length) ?? [];
    list.push(w);
    byLength.set(w.length, list);
  }
  const memo = new Map<string, string>();
  return (token: string): string => {
    if (token.length < 5 || words.has(token) || /\d/.test(token)) return token;
    const cached = memo.get(token);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    let ambiguous = false;
    for (const len of [token.length - 1, token.length, token.length + 1]) {
      for (const w of byLength.get(len) ?? []) {
        if (editDistance(token, w, 1) <= 1) {
          if (found !== null && found !== w) ambiguous = true;
          found = w;
        }
      }
    }
    const fixed = found !== null && !ambiguous ? found : token;
    if (memo.size < 10_000) memo.set(token, fixed);
    return fixed;
  };
}
