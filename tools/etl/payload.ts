/**
 * Business facts read from one item that a node produced, wherever common n8n workflows put them: at
 * the top of `json` (Gmail, Outlook, IMAP, Shopify and WooCommerce nodes, Set and Code nodes), under
 * `json.body` (Webhook and Form triggers), and in the usual envelopes of posted payloads (`data`,
 * `payload`, `order`, `email`, `message`, `data.object` of Stripe events).
 */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export const asText = (v: unknown, max = 500): string | null =>
  typeof v === "string" && v.trim() !== ""
    ? v.trim().slice(0, max)
    : typeof v === "number" && Number.isFinite(v)
      ? String(v)
      : null;

const ENVELOPES = ["body", "data", "payload", "order", "email", "message", "object", "resource"] as const;

/** The item itself and the objects nested in it under the usual envelope keys, outermost first (depth 3). */
export function candidateObjects(json: Json): Json[] {
  const out: Json[] = [json];
  for (let i = 0; i < out.length && out.length < 12; i++) {
    const current = out[i]!;
    for (const key of ENVELOPES) {
      const inner = current[key];
      if (isObject(inner) && !out.includes(inner)) out.push(inner);
    }
  }
  return out;
}

const pick = (o: Json, keys: readonly string[]): unknown => {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null && o[k] !== "") return o[k];
  return undefined;
};

/** "Laura Conti <laura@x.it>" → "Laura Conti"; a bare address stays as it is. */
function displayName(text: string): string | null {
  const named = /^\s*"?([^"<]*?)"?\s*<[^>]*>\s*$/.exec(text);
  if (named && named[1]!.trim() !== "") return asText(named[1]);
  return asText(text.replace(/[<>]/g, ""));
}

/** A sender: Gmail `from.value[0]`, Outlook `from.emailAddress`, IMAP or webhook text, `sender` objects. */
function senderFrom(v: unknown): string | null {
  if (typeof v === "string") return displayName(v);
  if (Array.isArray(v)) return senderFrom(v[0]);
  if (!isObject(v)) return null;
  if (isObject(v.emailAddress)) return senderFrom(v.emailAddress);
  if (Array.isArray(v.value)) return senderFrom(v.value[0]);
  const name = asText(v.name) ?? asText(v.displayName);
  if (name) return name;
  const address = asText(v.address) ?? asText(v.email);
  return address ?? (typeof v.text === "string" ? displayName(v.text) : null);
}

const SENDER_KEYS = ["from", "sender", "From", "fromAddress", "from_email", "email_from", "replyTo"] as const;
const SUBJECT_KEYS = ["subject", "Subject", "title"] as const;

export interface EmailShape {
  readonly sender: string;
  readonly subject: string | null;
}

/** An email's sender and subject; a sender with no subject is kept (subject null) when nothing better is found. */
export function emailOf(json: Json): EmailShape | null {
  let senderOnly: EmailShape | null = null;
  for (const o of candidateObjects(json)) {
    const sender = senderFrom(pick(o, SENDER_KEYS));
    const subject = asText(pick(o, SUBJECT_KEYS), 300);
    if (sender && subject) return { sender, subject };
    if (sender && !senderOnly) senderOnly = { sender, subject: null };
  }
  return senderOnly;
}

/** Keys that name an order by themselves; `number` and `id` only do with a total beside them. */
const EXPLICIT_ORDER_ID_KEYS = ["order_number", "orderNumber", "order_id", "orderId"] as const;
const ORDER_ID_KEYS = [...EXPLICIT_ORDER_ID_KEYS, "number", "id"] as const;
const AMOUNT_KEYS = [
  "total_price",
  "totalPrice",
  "grand_total",
  "grandTotal",
  "total",
  "amount_total",
  "amount",
  "order_total",
] as const;

/** Stripe objects count money in the currency's minor unit. */
const MINOR_UNIT_OBJECTS = new Set(["checkout.session", "payment_intent", "charge", "invoice"]);
const ZERO_DECIMAL = new Set(["JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "UGX", "XOF", "XAF"]);

const SYMBOLS: Readonly<Record<string, string>> = { "€": "EUR", $: "USD", "£": "GBP", "¥": "JPY" };

/** An ISO 4217 code from "usd", " EUR ", "€"; null for anything else. */
export function currencyCode(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const raw = v.trim();
  const symbol = SYMBOLS[raw];
  if (symbol) return symbol;
  const code = raw.toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

/** 49.9, "49.90", "49,90", "1.234,50", "1,234.50", "€ 12" → a number of the currency's units. */
export function amountValue(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  let s = v.replace(/[^\d.,-]/g, "");
  if (s === "" || s === "-") return null;
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  if (lastComma > lastDot) s = s.replace(/\./g, "").replace(",", ".");
  else s = s.replace(/,/g, "");
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export interface OrderShape {
  readonly id: string;
  /** Null when the order names no readable total (it still came in). */
  readonly amount: number | null;
  readonly currency: string | null;
}

/** An order: an explicit order id, or an id with a total; the total and currency when given. */
export function orderOf(json: Json): OrderShape | null {
  for (const o of candidateObjects(json)) {
    const rawAmount = pick(o, AMOUNT_KEYS);
    const amount = isObject(rawAmount)
      ? amountValue(pick(rawAmount, ["amount", "value", "total"]))
      : amountValue(rawAmount);
    const explicit = asText(pick(o, EXPLICIT_ORDER_ID_KEYS), 100);
    const id = explicit ?? asText(pick(o, ORDER_ID_KEYS), 100);
    if (!id || (amount === null && !explicit)) continue;
    const currency =
      currencyCode(o.currency) ??
      currencyCode(o.currency_code) ??
      currencyCode(o.currencyCode) ??
      (isObject(rawAmount) ? currencyCode(rawAmount.currency ?? rawAmount.currency_code) : null);
    const minor =
      typeof o.object === "string" && MINOR_UNIT_OBJECTS.has(o.object) && !ZERO_DECIMAL.has(currency ?? "");
    return {
      id,
      amount: amount === null ? null : Math.round((minor ? amount / 100 : amount) * 100) / 100,
      currency,
    };
  }
  return null;
}

const CONTACT_KEYS = [
  "email",
  "Email",
  "e-mail",
  "mail",
  "name",
  "Name",
  "full_name",
  "fullName",
  "nome",
] as const;

/** A contact from a form or a posted lead: an email address or a name. */
export function contactOf(json: Json): string | null {
  for (const o of candidateObjects(json)) {
    const contact = asText(pick(o, CONTACT_KEYS), 200);
    if (contact) return contact;
  }
  return null;
}
