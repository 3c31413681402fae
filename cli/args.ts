import { z } from "zod";

const ChatArgs = z.object({
  json: z.boolean(),
  threadId: z
    .string()
    .regex(/^[\w.:-]{1,128}$/, "thread ids use letters, digits, '.', ':', '_' or '-'")
    .optional(),
  userId: z
    .string()
    .regex(/^[\w.@:-]{1,128}$/, "user ids use letters, digits, '.', '@', ':', '_' or '-'")
    .default("local"),
  question: z.string().max(10_000, "the question is longer than 10,000 characters").optional(),
});
export type ChatArgs = z.infer<typeof ChatArgs>;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const CHAT_USAGE = `Usage: npm start -- [--json] [--thread ID] [--user ID] ["question"]
  no question   interactive chat in the terminal
  "question"    answer once and exit
  --json        print the response object instead of the answer
  --thread ID   continue a conversation
  --user ID     whose memory to use (default: local)`;

/** Parses `npm start` arguments. Throws UsageError with a clear message on bad input. */
export function parseChatArgs(argv: readonly string[]): ChatArgs {
  const raw: { json: boolean; threadId?: string; userId?: string; words: string[] } = {
    json: false,
    words: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") raw.json = true;
    else if (arg === "--thread" || arg === "--user") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--"))
        throw new UsageError(`${arg} needs a value\n${CHAT_USAGE}`);
      if (arg === "--thread") raw.threadId = value;
      else raw.userId = value;
    } else if (arg === "--help" || arg === "-h") throw new UsageError(CHAT_USAGE);
    else if (arg.startsWith("--")) throw new UsageError(`Unknown option ${arg}\n${CHAT_USAGE}`);
    else raw.words.push(arg);
  }
  const question = raw.words.join(" ").trim();
  const parsed = ChatArgs.safeParse({
    json: raw.json,
    threadId: raw.threadId,
    userId: raw.userId,
    question: question.length > 0 ? question : undefined,
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}
