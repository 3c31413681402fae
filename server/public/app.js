// @ts-check
import { renderChart } from "./chart.js";
import { STRINGS, browserLanguage } from "./i18n.js";
import { readEvents } from "./sse.js";

/** @typedef {"it" | "en"} Lang */
/** @typedef {{ threadId: string, title: string | null, createdAt: string, updatedAt: string }} ThreadSummary */
/** @typedef {{ kind: "trend" | "forecast", subject: string, points: { day: string, value: number, low?: number, high?: number }[] }} Series */

const KEY_STORAGE = "milhena.key";
const THREAD_STORAGE = "milhena.thread";
const LANG_STORAGE = "milhena.lang";
const MAX_CHARS = 10000;

/** @param {string} id */
function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node;
}

const ui = {
  app: byId("app"),
  signin: byId("signin"),
  signinForm: /** @type {HTMLFormElement} */ (byId("signin-form")),
  signinError: byId("signin-error"),
  keyInput: /** @type {HTMLInputElement} */ (byId("api-key")),
  sidebar: byId("sidebar"),
  menu: byId("menu"),
  newChat: byId("new-chat"),
  threadList: byId("thread-list"),
  threadsEmpty: byId("threads-empty"),
  signOut: byId("sign-out"),
  title: byId("chat-title"),
  messages: byId("messages"),
  welcome: byId("welcome"),
  suggestions: byId("suggestions"),
  composer: /** @type {HTMLFormElement} */ (byId("composer")),
  question: /** @type {HTMLTextAreaElement} */ (byId("question")),
  send: /** @type {HTMLButtonElement} */ (byId("send")),
  counter: byId("counter"),
};

const state = {
  /** @type {string | null} */ key: localStorage.getItem(KEY_STORAGE),
  /** @type {string | null} */ threadId: localStorage.getItem(THREAD_STORAGE),
  /** @type {Lang} */ lang:
    localStorage.getItem(LANG_STORAGE) === "en"
      ? "en"
      : localStorage.getItem(LANG_STORAGE) === "it"
        ? "it"
        : browserLanguage(),
  /** @type {ThreadSummary[]} */ threads: [],
  busy: false,
};

/** @param {keyof typeof STRINGS.it} name @param {Record<string, string | number>} [vars] */
function t(name, vars = {}) {
  const value = STRINGS[state.lang][name];
  const text = Array.isArray(value) ? value.join(" ") : value;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ""));
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = t(/** @type {keyof typeof STRINGS.it} */ (node.getAttribute("data-i18n")));
  }
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
    node.setAttribute(
      "placeholder",
      t(/** @type {keyof typeof STRINGS.it} */ (node.getAttribute("data-i18n-placeholder"))),
    );
  }
  for (const node of document.querySelectorAll("[data-i18n-label]")) {
    node.setAttribute(
      "aria-label",
      t(/** @type {keyof typeof STRINGS.it} */ (node.getAttribute("data-i18n-label"))),
    );
  }
  ui.suggestions.replaceChildren(
    ...STRINGS[state.lang].suggestions.map((text) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = text;
      button.addEventListener("click", () => void ask(text));
      li.append(button);
      return li;
    }),
  );
  renderThreads();
}

/** @param {Lang} lang */
function setLanguage(lang) {
  if (lang === state.lang) return;
  state.lang = lang;
  localStorage.setItem(LANG_STORAGE, lang);
  applyLanguage();
}

class HttpError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {number} retryAfter */
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/** @param {string} path @param {RequestInit} [init] */
async function api(path, init = {}) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${state.key ?? ""}`);
  if (init.body) headers.set("content-type", "application/json");
  const res = await fetch(path, { ...init, headers });
  if (res.ok) return res;
  let code = "error";
  let message = "";
  try {
    const body = await res.json();
    code = body?.error?.code ?? code;
    message = body?.error?.message ?? "";
  } catch {
    /* not JSON */
  }
  throw new HttpError(res.status, code, message, Number(res.headers.get("retry-after") ?? 0));
}

/** @param {unknown} error */
function describeError(error) {
  if (error instanceof HttpError) {
    if (error.status === 401) {
      signOut();
      return t("badKey");
    }
    if (error.status === 429) return t("tooMany", { s: Math.max(1, error.retryAfter) });
    if (error.status === 409) return t("busy");
    return t("error");
  }
  return t("offline");
}

// ── threads ──────────────────────────────────────────────────────────────────

function renderThreads() {
  ui.threadsEmpty.hidden = state.threads.length > 0;
  ui.threadList.replaceChildren(
    ...state.threads.map((thread) => {
      const li = document.createElement("li");
      li.className = `thread${thread.threadId === state.threadId ? " current" : ""}`;
      const open = document.createElement("button");
      open.type = "button";
      open.className = "thread-open";
      open.textContent = thread.title ?? t("untitled");
      open.title = thread.title ?? "";
      if (thread.threadId === state.threadId) open.setAttribute("aria-current", "true");
      open.addEventListener("click", () => void openThread(thread.threadId));
      const del = document.createElement("button");
      del.type = "button";
      del.className = "thread-delete";
      del.textContent = "✕";
      del.setAttribute("aria-label", `${t("deleteThread")}: ${thread.title ?? ""}`);
      del.addEventListener("click", () => void deleteThread(thread.threadId));
      li.append(open, del);
      return li;
    }),
  );
}

async function loadThreads() {
  const res = await api("/api/threads");
  state.threads = (await res.json()).threads;
  renderThreads();
}

/** @param {string | null} threadId */
function setThread(threadId) {
  state.threadId = threadId;
  if (threadId) localStorage.setItem(THREAD_STORAGE, threadId);
  else localStorage.removeItem(THREAD_STORAGE);
  const current = state.threads.find((x) => x.threadId === threadId);
  ui.title.textContent = current?.title ?? t("title");
  renderThreads();
}

function clearMessages() {
  ui.messages.replaceChildren(ui.welcome);
  ui.welcome.hidden = false;
}

/** @param {string} threadId */
async function openThread(threadId) {
  closeSidebar();
  try {
    const res = await api(`/api/threads/${encodeURIComponent(threadId)}`);
    const thread = await res.json();
    setThread(threadId);
    clearMessages();
    for (const m of thread.messages) addMessage(m.role, m.content);
    scrollDown();
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) {
      setThread(null);
      clearMessages();
      await loadThreads();
    } else {
      showError(describeError(error));
    }
  }
}

/** @param {string} threadId */
async function deleteThread(threadId) {
  if (!window.confirm(t("confirmDelete"))) return;
  try {
    await api(`/api/threads/${encodeURIComponent(threadId)}`, { method: "DELETE" });
    if (state.threadId === threadId) {
      setThread(null);
      clearMessages();
    }
    await loadThreads();
  } catch (error) {
    showError(describeError(error));
  }
}

// ── messages ─────────────────────────────────────────────────────────────────

/** @param {"user" | "assistant"} role @param {string} text */
function addMessage(role, text) {
  ui.welcome.hidden = true;
  const bubble = document.createElement("div");
  bubble.className = `message ${role}`;
  bubble.textContent = text;
  ui.messages.append(bubble);
  return bubble;
}

/** @param {string} text */
function showError(text) {
  const bubble = addMessage("assistant", text);
  bubble.classList.add("error");
  scrollDown();
}

function scrollDown() {
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function progressNode() {
  const wrap = document.createElement("div");
  wrap.className = "progress";
  const dots = document.createElement("span");
  dots.className = "dots";
  dots.setAttribute("aria-hidden", "true");
  dots.append(document.createElement("i"), document.createElement("i"), document.createElement("i"));
  const label = document.createElement("span");
  label.textContent = t("thinking");
  wrap.append(dots, label);
  return { wrap, label };
}

/** @param {string} question */
async function ask(question) {
  const text = question.trim();
  if (!text || state.busy || text.length > MAX_CHARS) return;
  setBusy(true);
  addMessage("user", text);
  const bubble = addMessage("assistant", "");
  const progress = progressNode();
  bubble.append(progress.wrap);
  scrollDown();
  let answer = "";
  const answerNode = document.createTextNode("");
  try {
    const res = await api("/api/chat/stream", {
      method: "POST",
      body: JSON.stringify(state.threadId ? { message: text, threadId: state.threadId } : { message: text }),
    });
    if (!res.body) throw new Error("no body");
    await readEvents(res.body, (event, data) => {
      const d = /** @type {Record<string, any>} */ (data);
      if (event === "meta" && d.threadId !== state.threadId) setThread(d.threadId);
      else if (event === "progress") {
        const node = /** @type {keyof typeof STRINGS.it} */ (d.node);
        if (node === "classify" || node === "businessTool" || node === "translate" || node === "respond")
          progress.label.textContent = t(node);
      } else if (event === "chunk") {
        if (!answer) bubble.replaceChildren(answerNode);
        answer += d.text;
        answerNode.textContent = answer;
        scrollDown();
      } else if (event === "final") {
        if (d.language === "it" || d.language === "en") setLanguage(d.language);
        bubble.replaceChildren(document.createTextNode(d.answer));
        if (d.series) {
          const series = /** @type {Series} */ (d.series);
          const chart = renderChart(
            series,
            state.lang,
            series.kind === "forecast" ? t("chartForecast") : t("chartTrend"),
          );
          if (chart) bubble.append(chart);
        }
        scrollDown();
      } else if (event === "error") {
        bubble.replaceChildren(document.createTextNode(t("error")));
        bubble.classList.add("error");
      }
    });
    await loadThreads();
    setThread(state.threadId);
  } catch (error) {
    bubble.replaceChildren(document.createTextNode(describeError(error)));
    bubble.classList.add("error");
  } finally {
    setBusy(false);
    if (!ui.app.hidden) ui.question.focus();
  }
}

/** @param {boolean} busy */
function setBusy(busy) {
  state.busy = busy;
  ui.send.disabled = busy;
  ui.question.disabled = busy;
  ui.messages.setAttribute("aria-busy", String(busy));
}

function updateCounter() {
  const n = ui.question.value.length;
  ui.counter.hidden = n < MAX_CHARS * 0.9;
  ui.counter.textContent = t("tooLong", { n: n.toLocaleString(state.lang === "it" ? "it-IT" : "en-GB") });
  ui.counter.classList.toggle("over", n > MAX_CHARS);
  ui.question.style.height = "auto";
  ui.question.style.height = `${Math.min(ui.question.scrollHeight, 180)}px`;
}

// ── sign-in ──────────────────────────────────────────────────────────────────

function signOut() {
  state.key = null;
  localStorage.removeItem(KEY_STORAGE);
  localStorage.removeItem(THREAD_STORAGE);
  state.threadId = null;
  state.threads = [];
  ui.app.hidden = true;
  ui.signin.hidden = false;
  ui.keyInput.value = "";
  ui.keyInput.focus();
}

async function start() {
  try {
    await loadThreads();
  } catch (error) {
    if (error instanceof HttpError && error.status === 401) {
      signOut();
      ui.signinError.textContent = t("badKey");
      ui.signinError.hidden = false;
      return;
    }
    throw error;
  }
  ui.signin.hidden = true;
  ui.app.hidden = false;
  const remembered =
    state.threadId && state.threads.some((x) => x.threadId === state.threadId) ? state.threadId : null;
  if (remembered) await openThread(remembered);
  else setThread(null);
  ui.question.focus();
}

function closeSidebar() {
  ui.sidebar.classList.remove("open");
  ui.menu.setAttribute("aria-expanded", "false");
}

ui.signinForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const key = ui.keyInput.value.trim();
  if (!key) return;
  state.key = key;
  localStorage.setItem(KEY_STORAGE, key);
  ui.signinError.hidden = true;
  start().catch((error) => {
    ui.signinError.textContent = describeError(error);
    ui.signinError.hidden = false;
  });
});

ui.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = ui.question.value;
  if (text.trim().length === 0 || text.length > MAX_CHARS) return;
  ui.question.value = "";
  updateCounter();
  void ask(text);
});

ui.question.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    ui.composer.requestSubmit();
  }
});
ui.question.addEventListener("input", updateCounter);
ui.newChat.addEventListener("click", () => {
  setThread(null);
  clearMessages();
  closeSidebar();
  ui.question.focus();
});
ui.signOut.addEventListener("click", signOut);
ui.menu.addEventListener("click", () => {
  const open = ui.sidebar.classList.toggle("open");
  ui.menu.setAttribute("aria-expanded", String(open));
});

applyLanguage();
if (state.key) {
  start().catch(() => signOut());
} else {
  signOut();
}
