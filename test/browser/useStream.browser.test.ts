import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.ts";

const CHROMIUM = process.env.MILHENA_CHROMIUM ?? "/usr/bin/chromium";
const available = fs.existsSync(CHROMIUM);
if (!available && process.env.CI === "true") {
  throw new Error(`Chromium is required for the browser tests in CI: ${CHROMIUM} is missing.`);
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>useStream chat</title></head>
<body><div id="root"></div><script src="/app.js"></script></body></html>`;

/** Serves the useStream page (bundled for the browser) from an origin of its own. */
async function servePage(bundle: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const isScript = req.url?.startsWith("/app.js");
    res.writeHead(200, { "content-type": isScript ? "text/javascript" : "text/html; charset=utf-8" });
    res.end(isScript ? bundle : PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A chat UI of its own on the SDK's React `useStream` hook, served from another origin than the
 * server's, in Debian's Chromium: the browser enforces CORS as it would for Studio or agent-chat-ui.
 */
describe.skipIf(!available)("a useStream chat page on another origin, in Chromium", () => {
  let t: TestServer;
  let browser: Browser;
  let allowed: Awaited<ReturnType<typeof servePage>>;
  let refused: Awaited<ReturnType<typeof servePage>>;
  let key: string;

  beforeAll(async () => {
    const bundled = await build({
      entryPoints: [path.join(import.meta.dirname, "useStreamPage/app.ts")],
      bundle: true,
      write: false,
      platform: "browser",
      format: "iife",
      target: "es2022",
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
    const bundle = bundled.outputFiles[0]!.text;
    allowed = await servePage(bundle);
    refused = await servePage(bundle);
    t = await startTestServer({ executions: 1500, env: { CORS_ORIGINS: allowed.origin } });
    key = await t.createKey("browser-user");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await allowed?.close();
    await refused?.close();
  });

  const open = async (context: BrowserContext, origin: string) => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${origin}/?api=${encodeURIComponent(t.baseUrl)}&key=${encodeURIComponent(key)}`);
    await page.getByLabel("Question").waitFor();
    return { page, errors };
  };

  it("holds a three-turn conversation with follow-ups, and shows it again after a reload", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const { page, errors } = await open(context, allowed.origin);
    const ask = async (question: string, turn: number) => {
      await page.getByLabel("Question").fill(question);
      await page.getByRole("button", { name: "Send" }).click();
      await expect.poll(() => page.locator(".message.ai").count(), { timeout: 20_000 }).toBe(turn);
      await expect.poll(() => page.locator("#status").textContent(), { timeout: 20_000 }).toBe("ready");
      return (await page.locator(".message.ai").last().textContent()) ?? "";
    };
    expect(await ask("how many emails came in today?", 1)).toMatch(/email.*\d|\d.*email/i);
    // Follow-ups: the second and third runs start from the thread's head checkpoint, as useStream sends it.
    expect(await ask("and yesterday?", 2)).toMatch(/\d/);
    expect(await ask("e gli ordini?", 3)).toMatch(/ordin/i);
    expect(await page.locator("#error").count()).toBe(0);
    const questions = await page.locator(".message.human").allTextContents();
    expect(questions).toEqual(["how many emails came in today?", "and yesterday?", "e gli ordini?"]);

    await page.reload();
    await expect.poll(() => page.locator(".message").count(), { timeout: 20_000 }).toBe(6);
    expect(await page.locator(".message.human").allTextContents()).toEqual(questions);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("a page on an origin that is not allowed is refused by the browser", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const { page } = await open(context, refused.origin);
    // A request of the SDK's kind (JSON with the key in a header) needs a preflight, which gets no CORS answer.
    const outcome = await page.evaluate(
      async ({ api, apiKey }) => {
        try {
          const res = await fetch(`${api}/threads`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-api-key": apiKey },
            body: "{}",
          });
          return `status ${res.status}`;
        } catch (error) {
          return `refused: ${String(error)}`;
        }
      },
      { api: t.baseUrl, apiKey: key },
    );
    expect(outcome).toMatch(/^refused: TypeError/);
    // And the useStream page itself cannot start a conversation there.
    await page.getByLabel("Question").fill("how many emails came in today?");
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => page.locator("#error").count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator(".message.ai").count()).toBe(0);
    const threads = await t.deps.threads.list("browser-user", { limit: 100, offset: 0 });
    expect(threads).toHaveLength(1);
    await context.close();
  }, 60_000);
});
