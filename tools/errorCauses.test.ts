import { describe, expect, it } from "vitest";
import { causeOfFailure, classifyErrorMessage, summariseErrorMessage } from "./errorCauses.ts";

describe("classifyErrorMessage", () => {
  it.each([
    ["Authorization failed - please check your credentials", "credentials"],
    ["Request failed with status code 401", "credentials"],
    ["connect ECONNREFUSED 10.0.0.5:443", "unreachable"],
    ["Timeout of 30000ms exceeded", "timeout"],
    ["The service is receiving too many requests from you", "rate_limit"],
    ["The resource you are requesting could not be found", "not_found"],
    ["Invalid JSON in response body", "bad_data"],
    ["Something odd happened", "other"],
    // n8n's own wording for HTTP statuses and crashes
    ["Your request is invalid or could not be processed by the service", "bad_data"],
    ["The service refused the connection - perhaps it is offline", "unreachable"],
    ["Workflow did not finish, possible out-of-memory issue", "crashed"],
    ["Gateway timed out - perhaps try again later", "timeout"],
    ["", "other"],
  ])("%s → %s", (message, cause) => {
    expect(classifyErrorMessage(message)).toBe(cause);
  });
});

describe("summariseErrorMessage and causeOfFailure", () => {
  it.each([
    ["Payment declined for order #10423", "msg:Payment declined for order"],
    [
      "Mailbox rejected the message: Address not found: ordini@cliente.it",
      "msg:Mailbox rejected the message",
    ],
    ["Invalid input: the email is missing", "bad_data"],
    ["connect ECONNREFUSED 127.0.0.1:9", "unreachable"],
    [
      "Mailbox rejected the message: Gentile cliente, la sua richiesta 1042…",
      "msg:Mailbox rejected the message",
    ],
    ["Error: Ordine senza numero [line 3]", "msg:Ordine senza numero"],
    ["Invalid token sk-live-abcdef1234567890 for https://api.example.com/v1", "msg:Invalid token for"],
    [
      "Il cliente mario@rossi.it non ha confermato l'indirizzo",
      "msg:Il cliente non ha confermato l'indirizzo",
    ],
    ["Cannot read properties of undefined (reading 'map')", "bad_data"],
    ["12345 67890", "other"],
    ["value is null", "other"],
  ])("%j → %s", (message, cause) => {
    expect(causeOfFailure("error", message)).toBe(cause);
  });
  it("names a crash without a message, and never keeps more than 80 characters", () => {
    expect(causeOfFailure("crashed", null)).toBe("crashed");
    expect(causeOfFailure("error", null)).toBe("other");
    expect(summariseErrorMessage("word ".repeat(40))!.length).toBeLessThanOrEqual(80);
  });
});
