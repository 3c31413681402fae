import { describe, expect, it } from "vitest";
import { classifyErrorMessage } from "./errorCauses.ts";

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
    ["", "other"],
  ])("%s → %s", (message, cause) => {
    expect(classifyErrorMessage(message)).toBe(cause);
  });
});
