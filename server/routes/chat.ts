import express from "express";
import { z } from "zod";
import { MAX_QUESTION_LENGTH } from "../../nodes/question.ts";
import { callerOf, requestIdOf } from "../caller.ts";
import { answerChunks, chatThread, runChat, threadMessages } from "../chatRun.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError, notFound, toApiError } from "../errors.ts";
import { createSseWriter } from "../sse.ts";
import { ThreadIdSchema } from "../threadId.ts";

export const ChatRequestSchema = z
  .object({
    message: z
      .string()
      .refine((s) => s.trim().length > 0, "the message is empty")
      .refine(
        (s) => s.length <= MAX_QUESTION_LENGTH,
        `the message is longer than ${MAX_QUESTION_LENGTH} characters`,
      ),
    threadId: ThreadIdSchema.optional(),
  })
  .strict();

export const ListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new ApiError(400, "bad_request", `Invalid request: ${where}${issue?.message ?? "not valid"}.`);
}

const threadParam = (req: express.Request) => parse(ThreadIdSchema, req.params.id);

/** `/api`: chat (plain and streamed), the caller's threads, and erasing the caller's data. */
export function chatRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.post("/chat", async (req, res) => {
    const caller = callerOf(res);
    const body = parse(ChatRequestSchema, req.body);
    const { threadId, created } = await chatThread(deps, caller, body.threadId);
    const aborted = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborted.abort(new Error("client went away"));
    });
    const response = await runChat(deps, caller, threadId, body.message, {
      signal: aborted.signal,
      requestId: requestIdOf(res),
      createdThread: created,
    });
    res.json(response);
  });

  router.post("/chat/stream", async (req, res) => {
    const caller = callerOf(res);
    const body = parse(ChatRequestSchema, req.body);
    const { threadId, created } = await chatThread(deps, caller, body.threadId);
    const aborted = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborted.abort(new Error("client went away"));
    });
    // The one SSE writer of the server: it waits for a full socket buffer to drain (backpressure).
    const writer = createSseWriter(res);
    writer.start();
    const send = (event: string, data: unknown) => writer.send({ event, data });
    await send("meta", { threadId, requestId: requestIdOf(res) });
    try {
      const response = await runChat(deps, caller, threadId, body.message, {
        signal: aborted.signal,
        requestId: requestIdOf(res),
        onNode: (node) => void send("progress", { node }),
        createdThread: created,
      });
      for (const text of answerChunks(response.answer)) await send("chunk", { text });
      await send("final", response);
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status >= 500)
        deps.logger.error({ requestId: requestIdOf(res), err: String(error) }, "stream failed");
      await send("error", {
        error: { code: apiError.code, message: apiError.message, requestId: requestIdOf(res) },
      });
    }
    writer.end();
  });

  router.get("/threads", async (req, res) => {
    const caller = callerOf(res);
    const query = parse(ListQuerySchema, req.query);
    const threads = await deps.threads.list(caller.userId, query);
    res.json({
      threads: threads.map((t) => ({
        threadId: t.threadId,
        title: t.title,
        createdAt: t.createdAt.toISOString(),
        updatedAt: t.updatedAt.toISOString(),
      })),
    });
  });

  router.get("/threads/:id", async (req, res) => {
    const caller = callerOf(res);
    const thread = await deps.threads.get(caller.userId, threadParam(req));
    if (!thread) throw notFound("No such conversation.");
    res.json({
      threadId: thread.threadId,
      title: thread.title,
      messages: await threadMessages(deps, thread.threadId),
    });
  });

  router.delete("/threads/:id", async (req, res) => {
    const caller = callerOf(res);
    const threadId = threadParam(req);
    if (deps.runs.isBusy(threadId) && (await deps.threads.get(caller.userId, threadId)))
      throw new ApiError(409, "conflict", "This conversation is still answering; try again when it is done.");
    if (!(await deps.threads.delete(caller.userId, threadId))) throw notFound("No such conversation.");
    res.status(204).end();
  });

  router.delete("/me/data", async (_req, res) => {
    const caller = callerOf(res);
    // Answers still running would save their turn after the erasure: stop them first.
    await Promise.all((await deps.threads.idsOf(caller.userId)).map((id) => deps.runs.stop(id)));
    // Turns that finished just before are recorded after their response: let those land first.
    await deps.runtime.settled();
    const threads = await deps.threads.deleteAllFor(caller.userId);
    const interactions = await deps.runtime.memory.eraseUser(caller.userId);
    const cacheEntries = await deps.runtime.deps.cache.eraseUser(caller.userId);
    void deps.audit.record({
      event: "data.erased",
      userId: caller.userId,
      keyId: caller.keyId,
      requestId: requestIdOf(res),
      detail: { threads, interactions, cacheEntries },
    });
    res.json({ erased: { threads, interactions, cacheEntries } });
  });

  return router;
}
