import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.ts";

const TOKEN = "metrics-token-0123456789abcdef";

describe("/metrics with METRICS_TOKEN", () => {
  let open: TestServer;
  let closed: TestServer;

  const metrics = (t: TestServer, authorization?: string) =>
    fetch(`${t.baseUrl}/metrics`, authorization ? { headers: { authorization } } : {});

  beforeAll(async () => {
    [open, closed] = await Promise.all([
      startTestServer({ executions: 20 }),
      startTestServer({ executions: 20, env: { METRICS_TOKEN: TOKEN } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([open?.close(), closed?.close()]);
  });

  it("is open when no token is configured", async () => {
    const res = await metrics(open);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("milhena_http_request_duration_seconds");
  });

  it.each([
    ["no Authorization header", undefined],
    ["a wrong token", `Bearer ${TOKEN.slice(0, -1)}x`],
    ["a shorter token", `Bearer ${TOKEN.slice(0, 8)}`],
    ["another scheme", `Basic ${TOKEN}`],
  ])(
    "with a token configured, refuses %s with 401 and the API's error body",
    async (_what, authorization) => {
      const res = await metrics(closed, authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
      expect(body.error).toMatchObject({ code: "unauthorized", requestId: res.headers.get("x-request-id") });
      expect(body.error.message).toEqual(expect.any(String));
      expect(JSON.stringify(body)).not.toContain(TOKEN);
    },
  );

  it("with a token configured, serves the metrics to `Authorization: Bearer <token>`", async () => {
    const res = await metrics(closed, `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("milhena_http_request_duration_seconds");
  });

  it("the other operations routes stay open with a token configured", async () => {
    expect((await fetch(`${closed.baseUrl}/health`)).status).toBe(200);
    expect((await fetch(`${closed.baseUrl}/ready`)).status).toBe(200);
  });
});
