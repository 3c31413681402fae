import { editDistance, normalizeText } from "../../classifier/normalize.ts";
import type { EntityCatalog, WorkflowEntity } from "./catalog.ts";
import { conceptOf, isGenericConcept, NAME_STOPWORDS, sameConcept } from "./glossary.ts";

/**
 * Matching names the way people type them: case and accents ignored, a typo allowed in longer
 * words, words translated through the glossary, services ("the Shopify one") counted as the
 * workflow's own words. Pure functions over a catalog.
 */

/**
 * How well a question token matches a name token: 1 the same word or concept, 0.8 one typo away
 * (words of 5 letters or more, same first letter), else 0. `exactOnly` for words of the language
 * ("settimana" is no typo of "settimanale").
 */
export function tokenSimilarity(q: string, n: string, exactOnly = false): number {
  if (q === n || sameConcept(q, n)) return 1;
  if (!exactOnly && q.length >= 5 && n.length >= 5 && q[0] === n[0] && editDistance(q, n, 1) <= 1) return 0.8;
  return 0;
}

interface NameToken {
  readonly token: string;
  readonly distinctive: boolean;
}

interface IndexedWorkflow {
  readonly workflow: WorkflowEntity;
  readonly name: readonly NameToken[];
  /** Each service's words ("google drive" → google, drive). */
  readonly services: readonly (readonly string[])[];
}

const tokensOf = (text: string) =>
  normalizeText(text)
    .split(" ")
    .filter((t) => t !== "" && !NAME_STOPWORDS.has(t));

function indexWorkflow(workflow: WorkflowEntity): IndexedWorkflow {
  return {
    workflow,
    name: tokensOf(workflow.name).map((token) => ({
      token,
      distinctive: !isGenericConcept(conceptOf(token)) && !/^\d+$/.test(token),
    })),
    services: workflow.services.map((s) => tokensOf(s)).filter((s) => s.length > 0),
  };
}

/** A catalogue is loaded once and read by many requests: its workflows are indexed once. */
const indexed = new WeakMap<EntityCatalog, readonly IndexedWorkflow[]>();
function indexedWorkflows(catalog: EntityCatalog): readonly IndexedWorkflow[] {
  let list = indexed.get(catalog);
  if (!list) {
    list = catalog.workflows.map(indexWorkflow);
    indexed.set(catalog, list);
  }
  return list;
}

export interface WorkflowMatch {
  readonly workflow: WorkflowEntity;
  readonly score: number;
  /** Indexes of the question tokens that matched. */
  readonly positions: readonly number[];
  /** Those of them that are generic words ("ordini", "email"): they may be the measure too. */
  readonly generic: readonly number[];
  /** Matched by a distinctive word or a service, not only by generic words. */
  readonly distinctive: boolean;
}

/**
 * The workflows the given question tokens name. A workflow qualifies with one of its distinctive
 * words (a word that is not a kind of work: "solleciti", "shopify"), a service it uses, or two of
 * its words. Distinctive words are placed first; a generic word ("email") is then taken where it
 * stands closest to them ("quante email ha ricevuto lo smistamento email" names the second one).
 * `common(position)` marks words of the language, which match only exactly or by translation.
 */
export function matchWorkflows(
  tokens: readonly string[],
  catalog: EntityCatalog,
  common: (position: number) => boolean = () => false,
  excluded: (position: number) => boolean = () => false,
): WorkflowMatch[] {
  const out: WorkflowMatch[] = [];
  const similarity = (i: number, word: string) =>
    excluded(i) ? 0 : tokenSimilarity(tokens[i]!, word, common(i));
  // Words as typed, and adjacent pairs joined ("woo commerce" is "woocommerce", "hub spot" "hubspot").
  const candidates: { text: string; at: number[] }[] = tokens.map((text, i) => ({ text, at: [i] }));
  for (let i = 0; i + 1 < tokens.length; i++)
    candidates.push({ text: tokens[i]! + tokens[i + 1]!, at: [i, i + 1] });
  for (const wf of indexedWorkflows(catalog)) {
    const positions = new Set<number>();
    let score = 0;
    let distinctive = 0;
    let matchedNameTokens = 0;
    const place = (word: string, weight: number): boolean => {
      let best = 0;
      let at: number[] | null = null;
      let distance = Infinity;
      for (const c of candidates) {
        if (c.at.some((i) => positions.has(i) || excluded(i))) continue;
        const s =
          c.at.length === 1 ? similarity(c.at[0]!, word) : tokenSimilarity(c.text, word) >= 0.8 ? 1 : 0;
        if (s === 0) continue;
        const d =
          positions.size === 0
            ? 0
            : Math.min(...[...positions].flatMap((p) => c.at.map((i) => Math.abs(p - i))));
        if (s > best || (s === best && d < distance)) {
          best = s;
          at = c.at;
          distance = d;
        }
      }
      if (!at) return false;
      for (const i of at) positions.add(i);
      score += best * weight;
      return true;
    };
    for (const nameToken of wf.name.filter((t) => t.distinctive)) {
      if (place(nameToken.token, 2)) {
        matchedNameTokens++;
        distinctive++;
      }
    }
    for (const service of wf.services) {
      // A service is named by its last word ("drive" for google drive, "shopify"), typos allowed.
      if (!place(service.at(-1)!, 1.5)) continue;
      for (const word of service.slice(0, -1)) place(word, 0);
      distinctive++;
    }
    const strong = new Set(positions);
    for (const nameToken of wf.name.filter((t) => !t.distinctive)) {
      if (place(nameToken.token, 1)) matchedNameTokens++;
    }
    const coverage = wf.name.length ? matchedNameTokens / wf.name.length : 0;
    if (distinctive >= 1 || matchedNameTokens >= 2) {
      const sorted = [...positions].sort((a, b) => a - b);
      out.push({
        workflow: wf.workflow,
        score: score + coverage,
        positions: sorted,
        generic: sorted.filter((p) => !strong.has(p)),
        distinctive: distinctive >= 1,
      });
    }
  }
  return out.sort((a, b) => b.score - a.score || a.workflow.name.localeCompare(b.workflow.name));
}

/** Matches grouped into mentions: matches sharing a question token name the same thing. */
export interface WorkflowMention {
  readonly positions: readonly number[];
  /** Best first; more than one when the words fit several workflows equally. */
  readonly matches: readonly WorkflowMatch[];
}

/** Positions of a mention's generic words, and whether any match had a distinctive word. */
export const mentionStrength = (m: WorkflowMention) => ({
  generic: [...new Set(m.matches.flatMap((x) => x.generic))].filter((p) =>
    m.matches.every((x) => !x.positions.includes(p) || x.generic.includes(p)),
  ),
  distinctive: m.matches.some((x) => x.distinctive),
});

/** Two scores this close are a tie: the words do not tell the workflows apart. */
const TIE = 0.35;

export function groupMentions(matches: readonly WorkflowMatch[]): WorkflowMention[] {
  const mentions: { positions: Set<number>; key: Set<number>; matches: WorkflowMatch[] }[] = [];
  // Matches name the same thing when they share a telling word; sharing only a generic word
  // ("ordini" in "ordini Shopify e WooCommerce") does not make them one mention.
  const telling = (m: WorkflowMatch) => {
    const own = m.positions.filter((p) => !m.generic.includes(p));
    return own.length > 0 ? own : m.positions;
  };
  for (const m of matches) {
    const overlapping = mentions.find((g) => telling(m).some((p) => g.key.has(p)));
    if (overlapping) {
      overlapping.matches.push(m);
      for (const p of m.positions) overlapping.positions.add(p);
      for (const p of telling(m)) overlapping.key.add(p);
    } else {
      mentions.push({ positions: new Set(m.positions), key: new Set(telling(m)), matches: [m] });
    }
  }
  return mentions.map((g) => {
    const best = g.matches[0]!.score;
    // A workflow matched by a subset of another's words does not compete with it.
    const close = g.matches.filter((m) => best - m.score < TIE);
    return { positions: [...g.positions].sort((a, b) => a - b), matches: close };
  });
}

export type Resolution<T> =
  | { readonly kind: "match"; readonly values: readonly T[] }
  | { readonly kind: "ambiguous"; readonly candidates: readonly T[] }
  | { readonly kind: "unknown"; readonly closest: readonly T[] };

/** Workflows closest to some words, best first (for a clarifying answer). */
export function closestWorkflows(text: string, catalog: EntityCatalog, limit = 3): WorkflowEntity[] {
  const q = tokensOf(text);
  const scored = catalog.workflows
    .filter((w) => !w.archived)
    .map((w) => {
      const name = tokensOf(`${w.name} ${w.services.join(" ")}`);
      let score = 0;
      for (const t of q) {
        let best = 0;
        for (const n of name) {
          const d = editDistance(t, n, 3);
          best = Math.max(
            best,
            tokenSimilarity(t, n),
            d <= 3 ? (3 - d) / 6 : 0,
            n.startsWith(t) && t.length >= 3 ? 0.6 : 0,
          );
        }
        score += best;
      }
      return { w, score };
    })
    .sort((a, b) => b.score - a.score || a.w.name.localeCompare(b.w.name));
  return scored.slice(0, limit).map((s) => s.w);
}

/**
 * Resolves a workflow mention (as the rules or an LLM wrote it) against the catalog: its exact
 * name, else the best match of its words; ties are ambiguous; nothing is unknown.
 */
export function resolveWorkflowMention(text: string, catalog: EntityCatalog): Resolution<WorkflowEntity> {
  const wanted = normalizeText(text);
  const exact = catalog.workflows.filter((w) => normalizeText(w.name) === wanted);
  if (exact.length === 1) return { kind: "match", values: exact };
  const tokens = tokensOf(text);
  const mentions = groupMentions(matchWorkflows(tokens, catalog));
  if (mentions.length === 0) return { kind: "unknown", closest: closestWorkflows(text, catalog) };
  const best = mentions.sort((a, b) => b.matches[0]!.score - a.matches[0]!.score)[0]!;
  if (best.matches.length > 1) return { kind: "ambiguous", candidates: best.matches.map((m) => m.workflow) };
  return { kind: "match", values: [best.matches[0]!.workflow] };
}

// ---------------------------------------------------------------------------------------------------
// Senders

interface IndexedSender {
  readonly name: string;
  readonly tokens: readonly string[];
}

interface SenderIndex {
  readonly senders: readonly IndexedSender[];
  /** How many senders each name word belongs to. */
  readonly owners: ReadonlyMap<string, number>;
}

/** Indexed once per list of senders (the catalogue's list is shared by every request). */
const senderIndexes = new WeakMap<readonly string[], SenderIndex>();
function senderIndex(list: readonly string[]): SenderIndex {
  let index = senderIndexes.get(list);
  if (!index) {
    const senders = list.map((name) => ({ name, tokens: tokensOf(name.replace(/@.*$/, "")) }));
    const owners = new Map<string, number>();
    for (const s of senders) for (const t of new Set(s.tokens)) owners.set(t, (owners.get(t) ?? 0) + 1);
    index = { senders, owners };
    senderIndexes.set(list, index);
  }
  return index;
}

/** A question token as the sender matcher sees it. */
export interface QuestionToken {
  readonly token: string;
  /** Written with a capital letter (and the question is not all capitals). */
  readonly capitalized: boolean;
  /** The word as typed (for names that the data does not have: "Roberto Gallo"). */
  readonly raw?: string;
}

export interface SenderMatch {
  readonly sender: string;
  readonly positions: readonly number[];
  /** Every word of the sender's name was there (not only a first or last name). */
  readonly full: boolean;
}

/**
 * Senders the question names: the full name (typos allowed), or a first or last name that only one
 * sender has. A lone name must be written with a capital or follow `cue(position)` ("da", "from").
 */
export function matchSenders(
  tokens: readonly QuestionToken[],
  senders: readonly string[],
  usable: (position: number) => boolean = () => true,
  cue: (position: number) => boolean = () => false,
): SenderMatch[] {
  const { senders: indexed, owners } = senderIndex(senders);
  const out: SenderMatch[] = [];
  for (const s of indexed) {
    const positions: number[] = [];
    for (const word of s.tokens) {
      const i = tokens.findIndex(
        (q, k) =>
          usable(k) &&
          !positions.includes(k) &&
          q.token.length >= 3 &&
          (q.token === word || tokenSimilarity(q.token, word) >= 0.8),
      );
      if (i >= 0) positions.push(i);
    }
    if (positions.length === 0) continue;
    const full = positions.length === s.tokens.length && s.tokens.length > 1;
    if (full) {
      out.push({ sender: s.name, positions: positions.sort((a, b) => a - b), full });
      continue;
    }
    // One word of the name: it must belong to this sender only, be spelt exactly and stand out, and
    // not sit next to another capitalised word ("Roberto Rossi" is not Marco Rossi).
    const [p] = positions;
    const q = tokens[p!]!;
    const word = s.tokens.find((w) => w === q.token);
    // A neighbour one typo away from the name's other word is that word ("Jon Miller" is John Miller).
    const nextToName = [p! - 1, p! + 1].some((k) => {
      const t = tokens[k];
      if (t === undefined || !t.capitalized || t.token.length < 2 || !usable(k)) return false;
      return !s.tokens.some((w) => w !== word && editDistance(t.token, w, 1) <= 1);
    });
    if (
      positions.length === 1 &&
      word &&
      owners.get(word) === 1 &&
      !nextToName &&
      (q.capitalized || cue(p!))
    ) {
      out.push({ sender: s.name, positions, full: false });
    }
  }
  return out;
}

/** Senders closest to a name, best first. */
export function closestSenders(text: string, senders: readonly string[], limit = 3): string[] {
  const q = tokensOf(text);
  return senderIndex(senders)
    .senders.map((s) => ({
      name: s.name,
      score: q.reduce((sum, t) => {
        let best = 0;
        for (const n of s.tokens) {
          const d = editDistance(t, n, 3);
          best = Math.max(best, d <= 3 ? (4 - d) / 4 : 0);
        }
        return sum + best;
      }, 0),
    }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}

/** Resolves a sender mention: the exact name, else the one sender whose name fits the words. */
export function resolveSenderMention(text: string, senders: readonly string[]): Resolution<string> {
  const wanted = normalizeText(text);
  const exact = senders.filter((s) => normalizeText(s) === wanted);
  if (exact.length >= 1) return { kind: "match", values: [exact[0]!] };
  const tokens = tokensOf(text).map((token) => ({ token, capitalized: true }));
  const found = matchSenders(tokens, senders);
  const full = found.filter((f) => f.full);
  const pool = full.length > 0 ? full : found;
  if (pool.length === 1) return { kind: "match", values: [pool[0]!.sender] };
  if (pool.length > 1) return { kind: "ambiguous", candidates: pool.map((f) => f.sender) };
  // "Laura" when two senders are called Laura: which one?
  if (tokens.length === 1) {
    const sharing = senderIndex(senders).senders.filter((s) => s.tokens.includes(tokens[0]!.token));
    if (sharing.length > 1) return { kind: "ambiguous", candidates: sharing.map((s) => s.name) };
  }
  return { kind: "unknown", closest: closestSenders(text, senders) };
}
