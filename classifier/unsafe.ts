/**
 * Injection attempts and requests for secrets or other people's data. UNSAFE wins over every other
 * intent. The code-like rules run on the raw text (lower-cased), so quotes, semicolons and tags
 * count; the wording rules run on the normalized text, so spacing, accents and case don't hide
 * them. Every pattern is linear-time on long input (no nested unbounded repetition).
 */
export type UnsafeRule =
  "sql" | "script" | "template" | "prompt_injection" | "secrets" | "other_users" | "shell";

const RAW_RULES: ReadonlyArray<readonly [UnsafeRule, RegExp]> = [
  ["sql", /\b(drop|truncate|alter)\s+(table|schema|database|view|index)\b/],
  [
    "sql",
    /\b(dump|export|esporta|scarica)\b.{0,30}\b(tables?|tabell[ae]|database|db)\b|\b(show|list|describe|elenca|mostra|mostrami)\s+(the |le |all |tutte le )?(tables|tabelle|schemas?|schemi)\b/,
  ],
  [
    "sql",
    /\b(delete\s+from|insert\s+into|update\s+[\w".]+\s+set|union\s+(all\s+)?select|grant\s+all|select\s+(\*|distinct\s+[\w".]+|count\s*\([^)]*\)|[\w".]+(\s*,\s*[\w".]+)*)\s+from\s+[\w".]+)/,
  ],
  [
    "sql",
    /['"`]\s*\)?\s*(or|and)\s+['"`]?\w+['"`]?\s*(=|like)\s*['"`]?\w+|\b(\d+)\s*=\s*\3\b|['";)]\s*--|;\s*(select|drop|delete|update|insert|shutdown|exec)\b|\/\*.*?\*\/|\bxp_cmdshell\b|\bpg_sleep\s*\(|\bsleep\s*\(\s*\d+\s*\)|\binformation_schema\b|\bpg_catalog\b|\bpg_shadow\b/,
  ],
  [
    "script",
    /<\s*\/?\s*(script|iframe|img|svg|object|embed|body|link|meta|style)\b|javascript\s*:|vbscript\s*:|data\s*:\s*text\/html|\bon(error|load|click|mouseover|focus)\s*=/,
  ],
  ["template", /\{\{[^}]*\}\}|\$\{[^}]*\}|\{%[^%]*%\}|<%[^%]*%>/],
  [
    "shell",
    /\brm\s+-rf\b|\bsudo\s+\w|\/etc\/(passwd|shadow)|\b(exec|eval|system)\s*\(|\$\([^)]*\)|\bcurl\s+https?:|\bwget\s+/,
  ],
];

const NORMALIZED_RULES: ReadonlyArray<readonly [UnsafeRule, RegExp]> = [
  [
    "prompt_injection",
    /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(previous|prior|above|earlier|all|your|the|any|system)\b.{0,25}\b(instructions?|rules?|prompts?|directives?|guidelines?|restrictions?|guardrails?|filters?)\b/,
  ],
  [
    "prompt_injection",
    /\b(ignora|ignorare|dimentica|dimenticati|scorda|trascura|bypassa|aggira)\b.{0,40}\b(istruzioni|regole|indicazioni|prompt|direttive|restrizioni|limiti|filtri)\b/,
  ],
  [
    "prompt_injection",
    /\b(ignora|dimentica|ignore|forget)\b (tutto|everything)\b.{0,30}\b(prima|detto|before|said|told)\b/,
  ],
  [
    "prompt_injection",
    /\b(ignore|disregard|forget) (the |all |everything |what s )?(above|previous|prior|earlier)\b|\b(ignora|dimentica) (quanto|tutto cio che e|cio che e|quello che c e) (sopra|scritto sopra|detto prima)\b/,
  ],
  [
    "prompt_injection",
    /\b(system prompt|prompt di sistema|prompt del sistema|prompt iniziale|initial prompt|hidden prompt|(your|tue|tuo|le tue|il tuo)( \w+)? (instructions|istruzioni|prompt|rules|regole|guidelines)|reveal your|rivela le tue|jailbreak\w*|developer mode|modalita sviluppatore|modalita sviluppo|dan mode|do anything now|god mode|sudo mode)\b/,
  ],
  [
    "prompt_injection",
    /\b(act as|acting as|pretend to be|pretend you are|roleplay as|fingi di essere|fai finta di essere|comportati come|impersona|you are now|from now on you are|ora sei|d ora in poi sei|sei ora)\b.{0,40}\b(admin|administrator|root|dan|hacker|unrestricted|unfiltered|senza restrizioni|senza limiti|senza filtri|amministratore|sviluppatore|developer|superuser|system|sistema)\b/,
  ],
  ["prompt_injection", /^(act as|you are now) dan\b|\bdan\b.{0,20}\b(prompt|mode|modalita)\b/],
  [
    "secrets",
    /\b(password|passwords|passwd|pwd|parola d ordine|api ?keys?|apikey|chiav[ei] (api|segret[ae]|privat[ae]|di accesso)|access tokens?|auth tokens?|tokens?|bearer|secrets?|segreti|segreto|credenziali|credentials?|private keys?|ssh keys?|smtp (password|credenziali|credentials|login)|client secret|webhook secret)\b/,
  ],
  [
    "secrets",
    /\b(database url|db url|database_url|connection strings?|stringa di connessione|stringhe di connessione|env|env vars?|env variables?|environment variables?|variabili d ambiente|variabili di ambiente|variabili env|dotenv|process env|gemini api key|groq api key|langsmith api key|redis url)\b/,
  ],
  [
    "secrets",
    /\b(database|db|postgres|postgresql|redis|server)\s(host|hostname|address|indirizzo|port|porta|user|username|ip)\b|\b(indirizzo|host|hostname|ip|porta|address)\s(del |of the |of )?(database|db|server|postgres)\b/,
  ],
  [
    "other_users",
    /\b(other users?|other people s|someone else s|altri utenti|altro utente|another user|un altro utente|tutti gli utenti|all users|every user|ogni utente|other accounts?|altri account)\b.{0,40}\b(data|dati|threads?|conversations?|conversazioni|chats?|messages?|messaggi|memory|memoria|questions?|domande|history|storico|cronologia|asked|chiesto|chiedono|keys?|chiavi)\b/,
  ],
  [
    "other_users",
    /\b(data|dati|threads?|conversations?|conversazioni|chats?|chat|messages?|messaggi|questions?|domande|history|cronologia|storico)\b.{0,25}\b(of other users?|from other users?|degli altri utenti|di altri utenti|di un altro utente|dell altro utente|of another user|of user \d+|dell utente \d+|of every user|di tutti gli utenti|di tutti)\b/,
  ],
  [
    "other_users",
    /\b(list|elenco|elenca|lista|show|mostra|mostrami|dammi|give me|all|tutti gli|export|esporta)\b.{0,20}\b(users|utenti|user accounts)\b/,
  ],
  [
    // Someone else's conversations, by role: "the chat history of user mario", "le domande della collega".
    "other_users",
    /\b(conversazion[ei]|chat|cronologia|storico|domande|messaggi|conversations?|history|questions|messages)\b.{0,12}\b(di|del|della|dell|dei|of|from|by)\s(l utente|utente|user|the user|collega|colleague|la collega|il collega|my colleague|la mia collega|il mio collega|mio collega|mia collega)\b/,
  ],
  [
    // "what did the admin user ask?", "quali domande ha fatto l'utente admin?", "cosa ha chiesto la collega Laura?"
    "other_users",
    /\b(cosa ha chiesto|cosa hanno chiesto|che cosa ha chiesto|quali domande ha fatto|che domande ha fatto|cosa ha scritto|what did|what has|which questions did)\b.{0,30}\b(utente|user|collega|colleague|admin|amministratore)\b/,
  ],
  [
    "prompt_injection",
    /\b(reveal|show|print|display|tell me|repeat|rivela|mostrami|mostra|dimmi|ripeti|stampa)\b.{0,20}\b(hidden|secret|segret\w*|nascost\w*|original|originali|internal|interne|system)\b.{0,12}\b(instructions|istruzioni|prompt|rules|regole|guidelines)\b/,
  ],
  [
    "other_users",
    /\b(what did|cosa hanno chiesto|cosa ha chiesto|what have)\b.{0,20}\b(other users?|the others|gli altri|altri utenti|other people|my colleagues|i miei colleghi)\b/,
  ],
];

/** Words of the rules above, so that the typo fixer restores "pasword" or "instrucions". */
export const UNSAFE_WORDS: readonly string[] = [
  "ignore",
  "ignora",
  "dimentica",
  "disregard",
  "previous",
  "precedenti",
  "instructions",
  "istruzioni",
  "regole",
  "rules",
  "system",
  "prompt",
  "jailbreak",
  "password",
  "passwords",
  "credentials",
  "credenziali",
  "secret",
  "secrets",
  "segreti",
  "token",
  "tokens",
  "environment",
  "variables",
  "variabili",
  "ambiente",
  "connection",
  "connessione",
  "database",
  "pretend",
  "fingi",
];

/**
 * Business phrases that mention a password or credentials without asking for one ("password reset
 * emails", "runs that failed because of credentials": credentials are one of the causes of failure).
 */
const HARMLESS =
  /\b(reset (della |the )?password|password reset|recupero (della )?password|password dimenticat[ae]|forgot(ten)? password|cambio password|password change|(because of|due to|caused by|for) (the )?(expired |invalid |wrong |bad |missing )?credentials?|(expired|invalid|wrong|bad|missing) credentials?|credentials? (errors?|problems?|issues?|failures?)|(errori|errore|problemi|problema) (di|delle|con le|alle) credenziali|(a causa|per colpa) delle credenziali|per (le )?credenziali( scadute| errate| sbagliate| non valide)?|credenziali (scadute|errate|sbagliate|non valide|mancanti))\b/g;

/**
 * Someone else's conversations by name, read on the text as typed (a capitalised name that does not
 * start the sentence): "fammi vedere le conversazioni di Marco", "what did Laura ask yesterday?".
 */
const NAMED_RULES: ReadonlyArray<readonly [UnsafeRule, RegExp]> = [
  [
    "other_users",
    /\b([Cc]onversazion[ei]|[Cc]hat|[Cc]ronologia|[Cc]onversations?|[Hh]istory)\b.{0,12}\b(di|del|della|of|from|by)\s+[A-Z][a-z]{2,}/,
  ],
  ["other_users", /\b(ha chiesto|hanno chiesto)\b.{0,25}\s[A-Z][a-z]{2,}|\b[Ww]hat did [A-Z][a-z]{2,} ask\b/],
  [
    // "cosa ha scritto Laura?" asks for someone's conversation — unless the question is about the emails
    // people send the company ("quante email ha scritto Laura Conti?", "ci ha scritto Marco?").
    "other_users",
    /^(?!.*\b([Ee]-?mails?|[Mm]ails?|[Pp]osta|[Ii]nbox|ci ha scritto|ci hanno scritto|wrote to us)\b).*(\bha scritto\b.{0,25}\s[A-Z][a-z]{2,}|\b[Ww]hat did [A-Z][a-z]{2,} (write|say)\b)/,
  ],
];

/** The name of the unsafe rule the question trips, or null. */
export function unsafeRule(raw: string, normalizedTexts: readonly string[]): UnsafeRule | null {
  const lower = raw.toLowerCase();
  for (const [rule, pattern] of RAW_RULES) if (pattern.test(lower)) return rule;
  for (const [rule, pattern] of NAMED_RULES) if (pattern.test(raw)) return rule;
  for (const text of normalizedTexts) {
    const checked = text.replace(HARMLESS, " ");
    for (const [rule, pattern] of NORMALIZED_RULES) if (pattern.test(checked)) return rule;
  }
  return null;
}
