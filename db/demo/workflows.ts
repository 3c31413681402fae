/**
 * The demo company's n8n workflows: what a small Italian business typically automates. Node types are
 * n8n's real ones, so the ETL can recognise what each workflow does the way it would on real data.
 */
export type DemoKind = "email" | "order" | "invoice" | "lead" | "crm" | "report";

export interface DemoNode {
  readonly name: string;
  readonly type: string;
  readonly typeVersion: number;
}

export interface DemoWorkflow {
  readonly id: string;
  readonly name: string;
  readonly kind: DemoKind;
  readonly active: boolean;
  readonly archived: boolean;
  /** Relative share of all executions. */
  readonly weight: number;
  readonly failureRate: number;
  readonly mode: "trigger" | "webhook";
  readonly nodes: readonly DemoNode[];
  /** Messages of the failures this workflow typically has, with the node that raises them. */
  readonly errors: readonly { readonly node: string; readonly message: string }[];
}

const n = (name: string, type: string, typeVersion = 1): DemoNode => ({ name, type, typeVersion });

export const DEMO_WORKFLOWS: readonly DemoWorkflow[] = [
  {
    id: "Xk3pQ9vLm2TbR7wA",
    name: "Smistamento email clienti",
    kind: "email",
    active: true,
    archived: false,
    weight: 30,
    failureRate: 0.05,
    mode: "trigger",
    nodes: [
      n("Outlook Trigger", "n8n-nodes-base.microsoftOutlookTrigger"),
      n("AI Agent", "@n8n/n8n-nodes-langchain.agent", 1.7),
      n("Google Gemini Chat Model", "@n8n/n8n-nodes-langchain.lmChatGoogleGemini"),
      n("Create Draft", "n8n-nodes-base.microsoftOutlook", 2),
    ],
    errors: [
      { node: "AI Agent", message: "The service is receiving too many requests from you" },
      { node: "Create Draft", message: "Authorization failed - please check your credentials" },
      { node: "Outlook Trigger", message: "Timeout of 30000ms exceeded" },
    ],
  },
  {
    id: "Gm7YtW2cNq8sLd4E",
    name: "Customer support inbox",
    kind: "email",
    active: true,
    archived: false,
    weight: 14,
    failureRate: 0.04,
    mode: "trigger",
    nodes: [
      n("Gmail Trigger", "n8n-nodes-base.gmailTrigger"),
      n("AI Agent", "@n8n/n8n-nodes-langchain.agent", 1.7),
      n("OpenAI Chat Model", "@n8n/n8n-nodes-langchain.lmChatOpenAi"),
      n("Reply", "n8n-nodes-base.gmail", 2.1),
    ],
    errors: [
      { node: "Reply", message: "Request failed with status code 401" },
      { node: "AI Agent", message: "Invalid JSON in response body" },
    ],
  },
  {
    id: "Sh0pF5yOrD3rPr9c",
    name: "Elaborazione ordini Shopify",
    kind: "order",
    active: true,
    archived: false,
    weight: 18,
    failureRate: 0.07,
    mode: "webhook",
    nodes: [
      n("Shopify Trigger", "n8n-nodes-base.shopifyTrigger"),
      n("Check Stock", "n8n-nodes-base.postgres", 2.5),
      n("Create Invoice", "n8n-nodes-base.quickbooks"),
      n("Notify Warehouse", "n8n-nodes-base.slack", 2.2),
    ],
    errors: [
      { node: "Check Stock", message: "connect ECONNREFUSED 10.0.4.12:5432" },
      { node: "Create Invoice", message: "The resource you are requesting could not be found" },
      { node: "Notify Warehouse", message: "The service is receiving too many requests from you" },
    ],
  },
  {
    id: "Wc8mRc3Ord7Ers2K",
    name: "Ordini WooCommerce",
    kind: "order",
    active: true,
    archived: false,
    weight: 8,
    failureRate: 0.09,
    mode: "webhook",
    nodes: [
      n("WooCommerce Trigger", "n8n-nodes-base.wooCommerceTrigger"),
      n("Update Sheet", "n8n-nodes-base.googleSheets", 4.5),
      n("Send Confirmation", "n8n-nodes-base.emailSend", 2.1),
    ],
    errors: [
      { node: "Update Sheet", message: "Invalid input: missing field 'Quantità'" },
      { node: "Send Confirmation", message: "Timeout of 30000ms exceeded" },
    ],
  },
  {
    id: "Inv0ic3R3m1nd3rQ",
    name: "Solleciti fatture scadute",
    kind: "invoice",
    active: true,
    archived: false,
    weight: 5,
    failureRate: 0.06,
    mode: "trigger",
    nodes: [
      n("Every Morning", "n8n-nodes-base.scheduleTrigger", 1.2),
      n("Overdue Invoices", "n8n-nodes-base.xero"),
      n("Send Reminder", "n8n-nodes-base.gmail", 2.1),
    ],
    errors: [{ node: "Overdue Invoices", message: "Authorization failed - please check your credentials" }],
  },
  {
    id: "L3adC4ptur3F0rm1",
    name: "Acquisizione lead dal sito",
    kind: "lead",
    active: true,
    archived: false,
    weight: 9,
    failureRate: 0.03,
    mode: "webhook",
    nodes: [
      n("Form Trigger", "n8n-nodes-base.formTrigger", 2.2),
      n("Create Contact", "n8n-nodes-base.hubspot", 2),
      n("Notify Sales", "n8n-nodes-base.slack", 2.2),
    ],
    errors: [{ node: "Create Contact", message: "Invalid email address: the contact could not be created" }],
  },
  {
    id: "CrmHubSp0tSync77",
    name: "Sincronizzazione CRM HubSpot",
    kind: "crm",
    active: true,
    archived: false,
    weight: 7,
    failureRate: 0.12,
    mode: "trigger",
    nodes: [
      n("Every Hour", "n8n-nodes-base.scheduleTrigger", 1.2),
      n("Get Deals", "n8n-nodes-base.hubspot", 2),
      n("Upsert Rows", "n8n-nodes-base.postgres", 2.5),
    ],
    errors: [
      { node: "Get Deals", message: "The service is receiving too many requests from you" },
      { node: "Get Deals", message: "Request failed with status code 502 - Bad Gateway" },
      { node: "Upsert Rows", message: "Cannot read properties of undefined (reading 'dealname')" },
    ],
  },
  {
    id: "R3p0rtV3nd1t3Wk1",
    name: "Report vendite settimanale",
    kind: "report",
    active: true,
    archived: false,
    weight: 1,
    failureRate: 0.05,
    mode: "trigger",
    nodes: [
      n("Every Monday", "n8n-nodes-base.scheduleTrigger", 1.2),
      n("Sales Data", "n8n-nodes-base.postgres", 2.5),
      n("Send Report", "n8n-nodes-base.emailSend", 2.1),
    ],
    errors: [{ node: "Sales Data", message: "canceling statement due to statement timeout" }],
  },
  {
    id: "B4ckupDr1v3N1ght",
    name: "Backup documenti su Drive",
    kind: "report",
    active: true,
    archived: false,
    weight: 2,
    failureRate: 0.02,
    mode: "trigger",
    nodes: [
      n("Every Night", "n8n-nodes-base.scheduleTrigger", 1.2),
      n("Upload", "n8n-nodes-base.googleDrive", 3),
    ],
    errors: [{ node: "Upload", message: "The user has exceeded their Drive storage quota" }],
  },
  {
    id: "Tr3ll0T4sksOld01",
    name: "Trello task da email (vecchio)",
    kind: "email",
    active: false,
    archived: false,
    weight: 2,
    failureRate: 0.15,
    mode: "trigger",
    nodes: [n("IMAP Email", "n8n-nodes-base.emailReadImap", 2), n("Create Card", "n8n-nodes-base.trello")],
    errors: [{ node: "IMAP Email", message: "getaddrinfo ENOTFOUND imap.example-mail.it" }],
  },
  {
    id: "Ol4Pr0mo2025Arch",
    name: "Promo Natale 2025",
    kind: "lead",
    active: false,
    archived: true,
    weight: 1,
    failureRate: 0.05,
    mode: "webhook",
    nodes: [n("Webhook", "n8n-nodes-base.webhook", 2), n("Add to List", "n8n-nodes-base.mailchimp")],
    errors: [{ node: "Add to List", message: "Member Exists: the contact is already a list member" }],
  },
];

export const SENDERS: readonly { readonly name: string; readonly address: string }[] = [
  { name: "Giulia Bianchi", address: "giulia.bianchi@studiobianchi.it" },
  { name: "Marco Rossi", address: "m.rossi@rossiforniture.it" },
  { name: "Laura Conti", address: "laura.conti@gmail.com" },
  { name: "Francesca Romano", address: "f.romano@romanoarredi.it" },
  { name: "Luca Ferrari", address: "luca@ferrariauto.it" },
  { name: "Anna Esposito", address: "anna.esposito@outlook.it" },
  { name: "Paolo Ricci", address: "paolo.ricci@ricciedili.com" },
  { name: "Sara Colombo", address: "sara.colombo@libero.it" },
  { name: "John Miller", address: "john.miller@acme-imports.com" },
  { name: "Emma Schneider", address: "e.schneider@schneider-gmbh.de" },
];

export const SUBJECTS: readonly string[] = [
  "Richiesta preventivo",
  "Stato del mio ordine",
  "Fattura n. 2026/318",
  "Reso prodotto danneggiato",
  "Disponibilità articolo",
  "Appuntamento la prossima settimana",
  "Question about delivery times",
  "Modifica indirizzo di spedizione",
  "Info prezzi all'ingrosso",
  "Problema con il pagamento",
];

export const REPLIES: readonly string[] = [
  "Gentile cliente, grazie per il messaggio: le invieremo il preventivo entro domani.",
  "Buongiorno, il suo ordine è in preparazione e partirà entro 48 ore.",
  "Grazie per la segnalazione, abbiamo avviato la pratica di reso.",
  "Thank you for reaching out: your order will ship within two working days.",
  "Gentile cliente, l'articolo è disponibile in magazzino.",
];
