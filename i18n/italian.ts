/**
 * Small rules of Italian grammar the answer templates need: elided articles before numbers that
 * are read with a vowel ("l'80%", "dall'11 novembre"), and the gender of the nouns Milhena counts
 * ("ci sono stati 12 ordini", "ci sono state 12 email").
 */

/** Numbers read starting with a vowel: 1 (uno), 8 (otto), 11 (undici), 80–89, 800–899, 8.000… */
export function startsWithVowelSound(written: string): boolean {
  // The first number written, without thousands dots ("8.000" is ottomila): its whole part.
  const whole = (/\d[\d.]*/.exec(written)?.[0] ?? "").replace(/\./g, "");
  return whole === "1" || whole === "11" || whole.startsWith("8");
}

/** "il 50%", "l'80%", "l'11%". */
export function ilNumber(written: string): string {
  return startsWithVowelSound(written) ? `l'${written}` : `il ${written}`;
}

/** "dal 3", "dall'8", "dall'11" (followed by the rest of the date). */
export function dalNumber(written: string): string {
  return startsWithVowelSound(written) ? `dall'${written}` : `dal ${written}`;
}

/** "al 10", "all'11". */
export function alNumber(written: string): string {
  return startsWithVowelSound(written) ? `all'${written}` : `al ${written}`;
}

/** Whether an Italian noun phrase is feminine, from its first word ("esecuzioni", "email", "durata"). */
export function isFeminine(noun: string): boolean {
  const head = noun.split(" ")[0] ?? noun;
  return /(a|e|ione|ioni|ità|email|mail)$/.test(head) && !/(ente|enti|ine|ini|ore|ori)$/.test(head);
}

/** "tutti gli ordini", "tutti i mittenti", "tutte le email". */
export function allOf(pluralNoun: string): string {
  if (isFeminine(pluralNoun)) return `tutte le ${pluralNoun}`;
  return /^([aeiou]|s[^aeiou]|z|gn|ps|x|y)/.test(pluralNoun)
    ? `tutti gli ${pluralNoun}`
    : `tutti i ${pluralNoun}`;
}

/** "c'è stato" / "c'è stata" / "ci sono stati" / "ci sono state". */
export function thereWas(count: number, feminine: boolean): string {
  if (count === 1) return feminine ? "c'è stata" : "c'è stato";
  return feminine ? "ci sono state" : "ci sono stati";
}

/** A past participle agreeing with its subject: participle("eseguit", plural, feminine) → "eseguite". */
export function participle(stem: string, plural: boolean, feminine: boolean): string {
  return stem + (plural ? (feminine ? "e" : "i") : feminine ? "a" : "o");
}
