/**
 * Injection attempts and requests for secrets. Checked on the raw text (lower-cased) and on the
 * normalized text, so spacing and punctuation tricks don't hide them. Returns the rule that matched.
 */
const RAW_RULES: ReadonlyArray<readonly [string, RegExp]> = [
  ["sql", /\b(drop|truncate|alter)\s+(table|schema|database)\b/],
  [
    "sql",
    /\b(delete\s+from|insert\s+into|update\s+\w+\s+set|union\s+(all\s+)?select|select\s+[\w*,\s"()]+\s+from)\b/,
  ],
  [
    "sql",
    /('|")\s*(or|and)\s+('?\w+'?)\s*=\s*('?\w+'?)|\b1\s*=\s*1\b|;\s*--|'\s*--|\/\*.*\*\/|\bxp_cmdshell\b|\bpg_sleep\s*\(/,
  ],
  ["script", /<\s*\/?\s*(script|iframe|img|svg|object|embed)\b|javascript\s*:|\bon(error|load|click)\s*=/],
  ["template", /\{\{.*\}\}|\$\{.*\}/],
];

const NORMALIZED_RULES: ReadonlyArray<readonly [string, RegExp]> = [
  [
    "prompt_injection",
    /\b(ignore|disregard|forget|override)\b.{0,30}\b(previous|prior|above|all|your|earlier)\b.{0,20}\b(instructions?|rules?|prompts?|directives?)\b/,
  ],
  [
    "prompt_injection",
    /\b(ignora|dimentica|scorda|trascura)\b.{0,30}\b(istruzioni|regole|indicazioni|prompt)\b/,
  ],
  [
    "prompt_injection",
    /\b(system prompt|prompt di sistema|prompt iniziale|your instructions|le tue istruzioni|jailbreak|developer mode|modalita sviluppatore|dan mode|do anything now)\b/,
  ],
  [
    "prompt_injection",
    /\b(act as|pretend to be|fingi di essere|comportati come|you are now|ora sei)\b.{0,40}\b(admin|root|dan|hacker|unrestricted|senza restrizioni|amministratore)\b/,
  ],
  [
    "secrets",
    /\b(password|passwd|passwords|api ?keys?|apikey|access tokens?|auth tokens?|bearer|secrets?|segreti|credenziali|credentials?|chiavi api|chiave api|private key|chiave privata)\b/,
  ],
  [
    "secrets",
    /\b(database url|database_url|connection string|stringa di connessione|env vars?|environment variables?|variabili d ambiente|dotenv|gemini api key|groq api key)\b/,
  ],
  [
    "other_users",
    /\b(other users?|altri utenti|another user|un altro utente|tutti gli utenti|all users)\b.{0,30}\b(data|dati|threads?|conversations?|conversazioni|messages?|messaggi|memory|memoria)\b/,
  ],
  [
    "other_users",
    /\b(data|dati|threads?|conversations?|conversazioni|messages?|messaggi)\b.{0,20}\b(of other users?|degli altri utenti|di altri utenti|di un altro utente)\b/,
  ],
  ["shell", /\b(rm -rf|sudo|\/etc\/passwd|cat \/etc|exec\(|eval\()\b/],
];

export function unsafeRule(raw: string, normalized: string): string | null {
  const lower = raw.toLowerCase();
  for (const [rule, pattern] of RAW_RULES) if (pattern.test(lower)) return rule;
  for (const [rule, pattern] of NORMALIZED_RULES) if (pattern.test(normalized)) return rule;
  return null;
}
