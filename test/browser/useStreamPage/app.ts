/// <reference lib="dom" />
import { createElement as h, useState, type FormEvent } from "react";
import { createRoot } from "react-dom/client";
import { useStream } from "@langchain/langgraph-sdk/react";

/**
 * A chat page of its own built on the SDK's `useStream` hook, as an agent-chat UI is: it talks to the
 * Agent Server API at `?api=` with the key at `?key=`, keeps the thread id in the page's storage and
 * shows the thread again after a reload.
 */

const params = new URLSearchParams(location.search);
const apiUrl = params.get("api") ?? "";
const apiKey = params.get("key") ?? "";

interface Message {
  readonly id?: string;
  readonly type: string;
  readonly content: unknown;
}

const text = (content: unknown): string =>
  typeof content === "string"
    ? content
    : Array.isArray(content)
      ? content.map((part: { text?: string }) => part.text ?? "").join("")
      : "";

function App() {
  const [threadId, setThreadId] = useState<string | null>(() => localStorage.getItem("thread"));
  const [draft, setDraft] = useState("");
  const stream = useStream<{ messages: Message[] }>({
    apiUrl,
    apiKey,
    assistantId: "milhena",
    messagesKey: "messages",
    threadId,
    onThreadId: (id) => {
      localStorage.setItem("thread", id);
      setThreadId(id);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const content = draft.trim();
    if (!content) return;
    setDraft("");
    void stream.submit({ messages: [{ type: "human", content }] });
  };
  const messages = stream.messages as unknown as Message[];
  return h(
    "main",
    null,
    h(
      "ol",
      { id: "messages" },
      messages.map((m, i) =>
        h("li", { key: m.id ?? String(i), className: `message ${m.type}` }, text(m.content)),
      ),
    ),
    h("p", { id: "status" }, stream.isLoading ? "answering" : "ready"),
    stream.error
      ? h("p", { id: "error" }, stream.error instanceof Error ? stream.error.message : "error")
      : null,
    h(
      "form",
      { onSubmit: submit },
      h("input", {
        "aria-label": "Question",
        value: draft,
        onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
      }),
      h("button", { type: "submit" }, "Send"),
    ),
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(h(App));
