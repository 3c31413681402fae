import { randomUUID } from "node:crypto";
import readline from "node:readline";
import { loadEnv } from "../config/env.ts";
import { createMilhenaRuntime, type MilhenaRuntime } from "../graph/runtime.ts";
import { parseChatArgs, UsageError, type ChatArgs } from "./args.ts";
import { ensureDemoData } from "../db/demoData.ts";

async function answerOnce(runtime: MilhenaRuntime, args: ChatArgs, question: string, threadId: string) {
  const response = await runtime.ask(question, { threadId, userId: args.userId });
  process.stdout.write(args.json ? JSON.stringify(response, null, 2) + "\n" : response.answer + "\n");
}

async function chat(runtime: MilhenaRuntime, args: ChatArgs, threadId: string) {
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
  });
  process.stdout.write(
    `Milhena — ask about your automations in Italian or English (empty line or Ctrl+D to quit).\nConversation: ${threadId}\n`,
  );
  rl.setPrompt("> ");
  rl.prompt();
  try {
    // The async iterator buffers lines, so piped input is answered line by line, in order.
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === "" || line === "exit" || line === "quit") break;
      await answerOnce(runtime, args, line, threadId);
      rl.prompt();
    }
  } finally {
    rl.close();
  }
}

async function main(): Promise<number> {
  const args = parseChatArgs(process.argv.slice(2));
  // In the terminal, log lines would interleave with the conversation: only errors unless asked.
  const env = loadEnv({ LOG_LEVEL: "error", ...process.env });
  const runtime = await createMilhenaRuntime(env);
  try {
    if (runtime.database.kind === "pglite") await ensureDemoData(runtime.database.pool, env);
    const threadId = args.threadId ?? randomUUID();
    if (args.question) await answerOnce(runtime, args, args.question, threadId);
    else await chat(runtime, args, threadId);
    return 0;
  } finally {
    await runtime.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(error.message + "\n");
      process.exit(2);
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(JSON.stringify({ level: "error", msg: "milhena failed", error: message }) + "\n");
    process.exit(1);
  },
);
