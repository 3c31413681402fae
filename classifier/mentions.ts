import type { Category, Mention } from "../graph/plan.ts";
import type { EntityCatalog } from "../tools/entities/catalog.ts";
import { conceptOf, NAME_STOPWORDS } from "../tools/entities/glossary.ts";
import {
  groupMentions,
  matchSenders,
  matchWorkflows,
  mentionStrength,
  type QuestionToken,
} from "../tools/entities/match.ts";
import { normalizeText } from "./normalize.ts";

/**
 * Names in a question (docs/query-plans.md, "Naming a workflow", "Naming a sender"): workflows
 * named by their words, a translation of them or a service they use, checked against the live
 * catalog; senders by their names; and explicit names that match nothing ("the payroll workflow",
 * "did Roberto Gallo write?"), which the business tool turns into a clarifying answer.
 */
export interface SpottedNames {
  readonly workflows: readonly Mention[];
  readonly senders: readonly Mention[];
  /** A kind of work named in general ("the email automations"). */
  readonly category: Category | null;
  /** Token positions the names took (not read as periods or measures). */
  readonly taken: ReadonlySet<number>;
  /** Those of them that are generic words of a workflow's name ("ordini" of «Elaborazione ordini Shopify»). */
  readonly generic: ReadonlySet<number>;
  /** Workflow mentions (indexes into `workflows`) matched by generic words only ("email dei clienti"). */
  readonly weak: ReadonlySet<number>;
  /** A workflow named by words that fit none, or several, of them (explicit or by a service). */
  readonly unresolvedWorkflow: boolean;
}

/** Question tokens with their case, aligned with normalizeText(question).split(" "). */
export function questionTokens(question: string): QuestionToken[] {
  const shouting = question === question.toUpperCase() && /\p{L}/u.test(question);
  const out: QuestionToken[] = [];
  for (const word of question.split(/\s+/)) {
    const parts = normalizeText(word).split(" ").filter(Boolean);
    const letters = word.replace(/^[^\p{L}\p{N}]+/u, "");
    const capitalized = !shouting && /^\p{Lu}/u.test(letters);
    const raw = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    parts.forEach((token, i) =>
      out.push({ token, capitalized: capitalized && i === 0, raw: parts.length === 1 ? raw : token }),
    );
  }
  return out;
}

const CATEGORY_WORDS: ReadonlyArray<readonly [Category, RegExp]> = [
  ["email", /^(email|emails|mail|mails|posta|inbox)$/],
  ["order", /^(ordini|ordine|orders|order|vendite|sales|ecommerce|shop|negozio)$/],
  ["lead", /^(lead|leads|contatti|contacts|form)$/],
  ["invoice", /^(fatture|fattura|invoices|invoice|billing|fatturazione)$/],
  ["crm", /^(crm)$/],
  ["report", /^(report|reports|reporting|backup|backups)$/],
];

export function categoryOfWord(token: string): Category | null {
  return CATEGORY_WORDS.find(([, re]) => re.test(token))?.[0] ?? null;
}

const SINGULAR_NOUN =
  /^(workflow|automazione|processo|flusso|automation|process|flow|integrazione|integration|sync|job)$/;
const PLURAL_NOUN =
  /^(workflows|automazioni|processi|flussi|automations|processes|flows|integrazioni|integrations|jobs)$/;
const ONE = /^(one|thing|quello|quella)$/;
/** Determiners before "the X workflow" ("our newsletter workflow"). */
const NAME_DETERMINER = /^(the|our|my|your|that|this)$/;
/** Words that say which workflow by what it does or how it is, never its name ("the busiest workflow"). */
const NOT_A_NAME =
  /^(most|least|busiest|slowest|fastest|longest|shortest|failing|failed|broken|active|inactive|archived|new|old|main|first|last|latest|same|other|each|every|any|which|what|only|single|whole|entire|best|worst|biggest|top|second|third|next|previous|current|daily|weekly|monthly|hourly|scheduled|automated|slow|fast|big|small|own|right|wrong|problem|problematic|unreliable|reliable|system|server|n8n|app|website|site|everything|anything|something|all)$/;

/**
 * The name slot around a workflow noun: "the payroll workflow" (English, before the noun), "il
 * flusso di Instagram", "l'automazione delle fatture" (Italian, after it and a preposition),
 * "quello con Xero". A slot holds words that are not common words: unknown names and kinds of work.
 */
function explicitSpans(
  tokens: readonly QuestionToken[],
  slotWord: (token: string) => boolean,
): { at: number; words: number[]; plural: boolean; named: number[] }[] {
  const spans: { at: number; words: number[]; plural: boolean; named: number[] }[] = [];
  const t = tokens.map((q) => q.token);
  t.forEach((word, i) => {
    const singular = SINGULAR_NOUN.test(word);
    const plural = PLURAL_NOUN.test(word);
    const one = ONE.test(word);
    if (!singular && !plural && !one) return;
    const after: number[] = [];
    let k = i + 1;
    if (
      k < t.length &&
      /^(di|del|della|dei|delle|degli|dello|per|su|sul|sulla|con|of|for|called|named|chiamat[oa]|from|da|dal)$/.test(
        t[k]!,
      )
    )
      k++;
    if (k < t.length && /^(il|lo|la|l|the|i|gli|le)$/.test(t[k]!)) k++;
    for (; k < t.length && after.length < 3 && slotWord(t[k]!); k++) after.push(k);
    const before: number[] = [];
    for (let b = i - 1; b >= 0 && before.length < 3 && slotWord(t[b]!) && !NAME_STOPWORDS.has(t[b]!); b--)
      before.unshift(b);
    // "the newsletter workflow": a common word between a determiner and the noun is its name too.
    const named: number[] = [];
    if (singular && before.length === 0 && i >= 2 && NAME_DETERMINER.test(t[i - 2]!)) {
      const candidate = t[i - 1]!;
      if (!NAME_STOPWORDS.has(candidate) && !NOT_A_NAME.test(candidate) && !/^\d/.test(candidate)) {
        before.push(i - 1);
        named.push(i - 1);
      }
    }
    if (word === "quello" || word === "quella") spans.push({ at: i, words: after, plural: false, named });
    // "the Shopify one", "that HubSpot thing": a name only between a determiner and "one".
    else if (one) {
      const determiner = before.length > 0 ? t[before[0]! - 1] : undefined;
      if (determiner && /^(the|that|this|quell[oa]|il|lo|la)$/.test(determiner))
        spans.push({ at: i, words: before, plural: false, named: [] });
    } else spans.push({ at: i, words: [...before, ...after], plural, named });
  });
  return spans;
}

const AUXILIARY = /^(did|does|do|has|have|had|is|was|were|will)$/;
const RUN_VERB =
  /^(fail|failed|fails|run|ran|runs|running|break|broke|broken|stop|stopped|crash|crashed|work|worked|go|went|finish|finished|complete|completed|succeed|succeeded)$/;

/**
 * "did the supplier price list fail", "has the payroll sync run": the one to three words between
 * "the" (after an auxiliary) and a verb of running, when none of them says how or when (the busiest,
 * the last, today) or names a kind of work, nor is a name already taken.
 */
function subjectOfRunVerb(words: readonly string[], taken: ReadonlySet<number>): number[] {
  for (let i = 0; i + 2 < words.length; i++) {
    if (!AUXILIARY.test(words[i]!) || words[i + 1] !== "the") continue;
    const subject: number[] = [];
    let k = i + 2;
    for (; k < words.length && subject.length < 4 && !RUN_VERB.test(words[k]!); k++) subject.push(k);
    if (k >= words.length || subject.length === 0 || subject.length > 3) continue;
    const fits = subject.every((p) => {
      const w = words[p]!;
      return (
        !taken.has(p) &&
        !NAME_STOPWORDS.has(w) &&
        !NOT_A_NAME.test(w) &&
        !SINGULAR_NOUN.test(w) &&
        !PLURAL_NOUN.test(w) &&
        categoryOfWord(w) === null &&
        !/^\d/.test(w)
      );
    });
    if (fits) return subject;
  }
  return [];
}

/** "did the orders fail": a kind of work that failed is its runs that failed. */
const FAIL_VERB = /^(fail|failed|fails|crash|crashed|break|broke)$/;
/** Nouns of a run measure: runs, failures, errors (English and Italian). */
const RUN_NOUN =
  /^(runs|run|executions|execution|esecuzioni|esecuzione|failures|failure|errors|error|errori|errore|fallimenti|crashes)$/;

/**
 * A category word right before a run noun ("email failures") or after one and a preposition ("errori
 * delle fatture", "runs of the invoice workflows" is a span of its own): the kind of work whose runs
 * are meant, and the word's position.
 */
function runsOfKind(
  words: readonly string[],
  taken: ReadonlySet<number>,
): { category: Category; position: number } | null {
  for (let i = 0; i < words.length; i++) {
    if (taken.has(i)) continue;
    const category = categoryOfWord(words[i]!);
    if (category === null) continue;
    const next = words[i + 1];
    let noun: string | undefined =
      next !== undefined && (RUN_NOUN.test(next) || FAIL_VERB.test(next)) ? next : undefined;
    if (
      !noun &&
      i >= 2 &&
      /^(delle|dei|degli|della|del|di)$/.test(words[i - 1]!) &&
      RUN_NOUN.test(words[i - 2]!)
    )
      noun = words[i - 2];
    if (!noun) continue;
    return { category, position: i };
  }
  return null;
}

export interface SpotOptions {
  /** Is this a common word of the language (never a name)? */
  readonly known: (token: string) => boolean;
  /** Does the question speak of emails (a capitalized unknown name is then a sender)? */
  readonly aboutEmails: boolean;
  /** Does it speak of the business data (a capitalized unknown name is then a workflow to ask about)? */
  readonly aboutData: boolean;
  /** Positions that belong to a measure's own phrase ("richieste dal sito"): never a name. */
  readonly excluded?: (position: number) => boolean;
}

export function spotNames(
  tokens: readonly QuestionToken[],
  catalog: EntityCatalog,
  options: SpotOptions,
): SpottedNames {
  const words = tokens.map((q) => q.token);
  const taken = new Set<number>();
  const generic = new Set<number>();
  const weak = new Set<number>();
  const workflows: Mention[] = [];
  let unresolvedWorkflow = false;

  const matches = matchWorkflows(words, catalog, (p) => options.known(words[p]!), options.excluded);
  for (const mention of groupMentions(matches)) {
    for (const p of mention.positions) taken.add(p);
    const strength = mentionStrength(mention);
    for (const p of strength.generic) generic.add(p);
    if (!strength.distinctive) weak.add(workflows.length);
    if (mention.matches.length === 1) {
      workflows.push({ text: mention.matches[0]!.workflow.name, explicit: true });
    } else {
      // Words that fit several workflows equally ("quello di Gmail"): the business tool asks which.
      workflows.push({ text: mention.positions.map((p) => words[p]).join(" "), explicit: true });
      unresolvedWorkflow = true;
    }
  }

  const senderCue = (p: number) =>
    p > 0 && /^(da|dal|di|from|by|la|il|mr|mrs|ms|signor|signora|dott)$/.test(words[p - 1]!);
  const senders: Mention[] = [];
  for (const s of matchSenders(tokens, catalog.senders, (p) => !taken.has(p), senderCue)) {
    for (const p of s.positions) taken.add(p);
    senders.push({ text: s.sender, explicit: true });
  }

  let category: Category | null = null;
  const slotWord = (token: string) => categoryOfWord(token) !== null || !options.known(token);
  for (const span of explicitSpans(tokens, slotWord)) {
    const free = span.words.filter((k) => !taken.has(k));
    if (free.length === 0) continue;
    const kinds = free.map((k) => categoryOfWord(words[k]!)).filter((c): c is Category => c !== null);
    const names = free.filter(
      (k) =>
        span.named.includes(k) ||
        (!options.known(words[k]!) && categoryOfWord(words[k]!) === null && !/^\d+$/.test(words[k]!)),
    );
    if (names.length > 0 && span.words.every((k) => !taken.has(k))) {
      // A name that matches no workflow ("the payroll workflow", "l'automazione di Instagram").
      workflows.push({ text: names.map((k) => tokens[k]!.raw ?? words[k]).join(" "), explicit: true });
      unresolvedWorkflow = true;
      for (const k of names) taken.add(k);
    } else if (kinds.length > 0 && workflows.length === 0) {
      if (span.plural) {
        category = kinds[0]!;
        // "le automazioni email": the word names the kind of workflows, not the measure.
        for (const k of free) if (categoryOfWord(words[k]!) !== null) taken.add(k);
      } else {
        // "the email workflow": one of several, unless only one does that kind of work.
        workflows.push({
          text: words[free.find((k) => categoryOfWord(words[k]!) !== null)!]!,
          explicit: true,
        });
        unresolvedWorkflow = true;
      }
    }
  }

  // "did the supplier price list fail?", "has the payroll sync run?": only a workflow runs or fails,
  // so the words between "the" and the verb name one (a question back when none is called so).
  if (workflows.length === 0 && category === null) {
    const subject = subjectOfRunVerb(words, taken);
    if (subject.length > 0) {
      workflows.push({ text: subject.map((k) => tokens[k]!.raw ?? words[k]).join(" "), explicit: true });
      unresolvedWorkflow = true;
      for (const k of subject) taken.add(k);
    }
  }

  // A kind of work naming whose runs are meant: "email failures", "invoice runs", "lead runs today",
  // "errori delle fatture" are the runs (or failures) of those workflows, not the emails, invoices or
  // leads themselves.
  if (category === null && workflows.length === 0) {
    const modified = runsOfKind(words, taken);
    if (modified) {
      category = modified.category;
      taken.add(modified.position);
    }
  }

  // A capitalized name nobody has: in a question about emails a sender the data does not know, in
  // any other a workflow ("orders from Germany", "gli ordini di Mario Bianchi"). Either way the
  // business tool asks about it; dropping it would answer a question that was not asked.
  if (senders.length === 0 && (options.aboutEmails || (options.aboutData && workflows.length === 0))) {
    const unknown: number[] = [];
    tokens.forEach((q, i) => {
      if (!q.capitalized || taken.has(i) || options.excluded?.(i) || options.known(q.token)) return;
      if (conceptOf(q.token) !== q.token) return;
      if (i === 0 && !tokens[1]?.capitalized) return;
      if (/^\d/.test(q.token) || q.token.length < 3) return;
      unknown.push(i);
    });
    if (unknown.length > 0) {
      const first = unknown[0]!;
      const run = unknown.filter((k, j) => k === first + j);
      const mention = { text: run.map((k) => tokens[k]!.raw ?? words[k]).join(" "), explicit: true };
      if (options.aboutEmails) senders.push(mention);
      else {
        workflows.push(mention);
        unresolvedWorkflow = true;
      }
      for (const k of run) taken.add(k);
    }
  }

  return { workflows, senders, category, taken, generic, weak, unresolvedWorkflow };
}
