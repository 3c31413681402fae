import { parseArgs } from "node:util";
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

/** Parses `npm start` arguments (`node:util` parseArgs for the shape, zod for the values). Throws UsageError on bad input. */
export function parseChatArgs(argv: readonly string[]): ChatArgs {
  let parsedArgs: ReturnType<typeof parseChatShape>;
  try {
    parsedArgs = parseChatShape(argv);
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${CHAT_USAGE}`);
  }
  const { values, positionals } = parsedArgs;
  if (values.help) throw new UsageError(CHAT_USAGE);
  const question = positionals.join(" ").trim();
  const parsed = ChatArgs.safeParse({
    json: values.json ?? false,
    threadId: values.thread,
    userId: values.user,
    question: question.length > 0 ? question : undefined,
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

const parseChatShape = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      thread: { type: "string" },
      user: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
