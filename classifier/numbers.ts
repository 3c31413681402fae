/**
 * Numbers as questions write them, in digits or words of either language ("ventuno", "twenty one",
 * "un paio di", "a few"). Shared by the time parser and the breakdown parser ("top five").
 */
const UNITS_IT = "uno|due|tre|quattro|cinque|sei|sette|otto|nove".split("|");
const UNITS_EN = "one|two|three|four|five|six|seven|eight|nine".split("|");

function buildNumberWords(): Map<string, number> {
  const m = new Map<string, number>();
  const teensIt =
    "dieci|undici|dodici|tredici|quattordici|quindici|sedici|diciassette|diciotto|diciannove".split("|");
  const teensEn = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen".split(
    "|",
  );
  UNITS_IT.forEach((w, i) => m.set(w, i + 1));
  UNITS_EN.forEach((w, i) => m.set(w, i + 1));
  teensIt.forEach((w, i) => m.set(w, i + 10));
  teensEn.forEach((w, i) => m.set(w, i + 10));
  for (const w of ["un", "una", "a", "an"]) m.set(w, 1);
  const tensIt: Array<[string, number]> = [
    ["venti", 20],
    ["trenta", 30],
    ["quaranta", 40],
    ["cinquanta", 50],
    ["sessanta", 60],
    ["settanta", 70],
    ["ottanta", 80],
    ["novanta", 90],
  ];
  const tensEn: Array<[string, number]> = [
    ["twenty", 20],
    ["thirty", 30],
    ["forty", 40],
    ["fifty", 50],
    ["sixty", 60],
    ["seventy", 70],
    ["eighty", 80],
    ["ninety", 90],
  ];
  for (const [tens, value] of tensIt) {
    m.set(tens, value);
    const stem = tens.slice(0, -1); // "venti" → "vent" before "uno" / "otto"
    UNITS_IT.forEach((u, i) => {
      const joined = u === "uno" || u === "otto" ? stem + u : tens + u;
      m.set(joined, value + i + 1);
    });
    m.set(`${stem}un`, value + 1); // "ventun giorni"
  }
  for (const [tens, value] of tensEn) {
    m.set(tens, value);
    UNITS_EN.forEach((u, i) => m.set(`${tens} ${u}`, value + i + 1)); // "twenty-one" normalizes to "twenty one"
  }
  m.set("cento", 100);
  m.set("hundred", 100);
  m.set("a hundred", 100);
  m.set("one hundred", 100);
  m.set("paio di", 2);
  m.set("un paio di", 2);
  m.set("couple of", 2);
  m.set("a couple of", 2);
  m.set("couple", 2);
  m.set("a couple", 2);
  m.set("few", 3);
  m.set("a few", 3);
  m.set("qualche", 3);
  return m;
}

/** Number words of both languages → value ("ventuno" 21, "a couple of" 2, "qualche" 3). */
export const NUMBER_WORDS: ReadonlyMap<string, number> = buildNumberWords();
export const NUMBER_WORD_LIST: readonly string[] = [...NUMBER_WORDS.keys()].flatMap((k) => k.split(" "));

/** A number in digits or words, as a regex group. */
export const NUM = `(\\d{1,4}|${[...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join("|")})`;

/** The value of a number token in digits or words (1 when unknown). */
export const toNumber = (word: string): number =>
  /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS.get(word) ?? 1);
