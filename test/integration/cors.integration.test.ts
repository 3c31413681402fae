import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.ts";

const STUDIO = "https://smith.langchain.com";

/** Browser clients on other origins: only configured origins, preflight before authentication. */
describe("CORS", () => {
  let t: TestServer;
  let key: string;
  beforeAll(async () => {
    t = await startTestServer({ executions: 40, env: { CORS_ORIGINS: `${STUDIO}, http://localhost:5173/` } });
    key = await t.createKey("browser");
  });
  afterAll(async () => {
    await t?.close();
  });

  const preflight = (origin: string, path = "/threads/search") =>
    fetch(`${t.baseUrl}${path}`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-api-key",
      },
    });

  it("answers an allowed origin's preflight without a key, naming that origin and never credentials", async () => {
    for (const origin of [STUDIO, "http://localhost:5173"]) {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-allow-methods")).toMatch(/POST/);
      expect(res.headers.get("access-control-allow-headers")).toMatch(/x-api-key/);
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    }
  });

  it("gives an origin not configured no CORS headers, so its browser refuses the answer", async () => {
    const res = await preflight("https://evil.example");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const call = await fetch(`${t.baseUrl}/threads/search`, {
      method: "POST",
      headers: { origin: "https://evil.example", "x-api-key": key, "content-type": "application/json" },
      body: "{}",
    });
    expect(call.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("an allowed origin's request still needs a key, and its answer is readable with the run's headers", async () => {
    const anonymous = await fetch(`${t.baseUrl}/threads/search`, {
      method: "POST",
      headers: { origin: STUDIO, "content-type": "application/json" },
      body: "{}",
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("access-control-allow-origin")).toBe(STUDIO);
    const ok = await fetch(`${t.baseUrl}/threads/search`, {
      method: "POST",
      headers: { origin: STUDIO, "x-api-key": key, "content-type": "application/json" },
      body: "{}",
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-expose-headers")).toMatch(/Content-Location/);
    expect(ok.headers.get("vary")).toMatch(/Origin/i);
  });
});
