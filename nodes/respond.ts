import { withAnswer } from "../graph/context.ts";
import type { MilhenaStateType, MilhenaStateUpdate } from "../graph/state.ts";
import { fixedReply } from "../i18n/replies.ts";
import { requireClassification, requireContext } from "./requireContext.ts";

/** Responder for GREETING, HELP, GENERAL and UNSAFE: a fixed, bilingual reply. */
export async function respond(state: MilhenaStateType): Promise<MilhenaStateUpdate> {
  const context = requireContext(state);
  const { intent, language } = requireClassification(context);
  if (intent !== "GREETING" && intent !== "HELP" && intent !== "GENERAL" && intent !== "UNSAFE") {
    throw new Error(`respond cannot answer ${intent}`);
  }
  return Promise.resolve({ context: withAnswer(context, fixedReply(intent, language)) });
}
