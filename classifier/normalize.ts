/**
 * Text normalization and typo tolerance for the rule classifier. Pure functions; the spell fixer
 * precomputes its index once, so a lookup costs a handful of Map reads.
 */

/**
 * Lower case, accents stripped, apostrophes and punctuation folded to single spaces, digits kept and
 * split from letters ("7gg" → "7 gg"), "e-mail" joined to "email", English "n't" written "not".
 * `%` is kept (it means a rate).
 */
export function normalizeText(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/\be[-‐‑–]mail/g, "email")
      // English negations keep their "not": "didn't run" is "did not run", never a word "didn".
      .replace(/\b(can|won)['’]t\b/g, (_, w: string) => (w === "can" ? "can not" : "will not"))
      .replace(/n['’]t\b/g, " not")
      .replace(/[^\p{L}\p{N}%]+/gu, " ")
      .replace(/(\p{N})(\p{L})/gu, "$1 $2")
      .replace(/(\p{L})(\p{N})/gu, "$1 $2")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Every string obtained by deleting one character ("email" → "mail", "eail", "emil", "emal", "emai"). */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Shortest token the fixer tries to correct (shorter words have too many neighbours). */
export const MIN_TYPO_LENGTH = 5;

export interface SpellFixer {
  /** The vocabulary word one typo away from `token`, the token itself when known, short or ambiguous. */
  fix(token: string): string;
  /** Is this a word the fixer knows (a keyword or a protected common word)? */
  knows(token: string): boolean;
}

/**
 * A typo fixer over `vocabulary` (its words of 5+ letters): a token of 5+ letters that is not a
 * known word and is exactly one edit (insertion, deletion, substitution or adjacent swap) away from exactly one vocabulary word is
 * replaced by it ("emial" → "email", "yesteday" → "yesterday", "erori" → "errori"). Words in
 * `protectedWords` are real words that merely look like typos of a keyword ("sotto" is not "rotto").
 * The index maps each word and each of its one-deletion forms to the words it came from
 * (the symmetric-delete method), so a lookup never scans the vocabulary.
 */
export function createSpellFixer(
  vocabulary: Iterable<string>,
  protectedWords: Iterable<string> = [],
): SpellFixer {
  const targets = new Set<string>();
  for (const w of vocabulary) if (w.length >= MIN_TYPO_LENGTH && /^\p{L}+$/u.test(w)) targets.add(w);
  const known = new Set<string>([...targets, ...protectedWords]);
  // One edit changes a length by at most one: a longer token cannot be a typo of any word (and its
  // deletions would cost time quadratic in its length, up to 10,000 characters).
  let longest = 0;
  for (const w of targets) longest = Math.max(longest, w.length);
  const index = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = index.get(key);
    if (!list) index.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  for (const w of targets) {
    add(w, w);
    for (const d of deletions(w)) add(d, w);
  }
  const memo = new Map<string, string>();

  function lookup(token: string): string {
    const candidates = new Set<string>();
    for (const key of [token, ...deletions(token)]) {
      for (const w of index.get(key) ?? []) candidates.add(w);
    }
    // People rarely mistype the first letter ("emial", "yesteday", "erori"): a different first
    // letter is a different word ("taken" is not "token", "bitter" is not "better").
    const near = [...candidates].filter((w) => w[0] === token[0] && editDistance(token, w, 1) === 1);
    if (near.length <= 1) return near[0] ?? token;
    // Nor the last: "succeso" is "successo", not "success".
    const sameEnd = near.filter((w) => w.at(-1) === token.at(-1));
    return sameEnd.length === 1 ? sameEnd[0]! : token; // still ambiguous: leave it alone
  }

  return {
    knows: (token) => known.has(token),
    fix(token) {
      if (token.length < MIN_TYPO_LENGTH || token.length > longest + 1) return token;
      if (known.has(token) || /\P{L}/u.test(token)) return token;
      let fixed = memo.get(token);
      if (fixed === undefined) {
        fixed = lookup(token);
        if (memo.size < 10_000) memo.set(token, fixed);
      }
      return fixed;
    },
  };
}
