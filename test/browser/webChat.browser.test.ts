import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { startTestServer, type TestServer } from "../support/testServer.ts";

const CHROMIUM = process.env.MILHENA_CHROMIUM ?? "/usr/bin/chromium";
const available = fs.existsSync(CHROMIUM);
if (!available && process.env.CI === "true") {
  throw new Error(
    `Chromium is required for the browser test in CI: ${CHROMIUM} is missing (apt-get install chromium).`,
  );
}

/** The web chat in headless Chromium, against the real server on PostgreSQL. */
describe.skipIf(!available)("web chat in Chromium", () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let key: string;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ executions: 1500 });
    key = await t.createKey("web-user");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1200, height: 800 } });
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("signs in with a key, streams an answer, draws a chart, and keeps the conversation across a reload", async () => {
    await page.goto(t.baseUrl);
    await page.getByLabel("Access key").fill("mk_wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.locator("#signin-error").textContent()).toMatch(/doesn't work/);

    await page.getByLabel("Access key").fill(key);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel("Your question").waitFor();

    await page.getByLabel("Your question").fill("how many emails came in today?");
    await page.keyboard.press("Enter");
    const answer = page.locator(".message.assistant").last();
    await expect.poll(() => answer.textContent(), { timeout: 20_000 }).toMatch(/email.*\d|\d.*email/i);
    await expect.poll(() => page.getByLabel("Your question").isEnabled()).toBe(true);

    await page.getByLabel("Your question").fill("are failures going up over the last 14 days?");
    await page.getByRole("button", { name: "Send" }).click();
    const chart = page.locator(".message.assistant").last().locator("svg.chart");
    await chart.waitFor({ timeout: 20_000 });
    expect(await chart.getAttribute("aria-label")).toBe("Day by day");
    expect(await chart.locator("circle").count()).toBeGreaterThan(5);

    // The conversation is listed, titled by its first question, and survives a reload.
    await expect
      .poll(() => page.locator(".thread-open").first().textContent())
      .toBe("how many emails came in today?");
    await page.reload();
    await page.getByLabel("Your question").waitFor();
    await expect.poll(() => page.locator(".message").count()).toBe(4);
    expect(await page.locator(".message.user").first().textContent()).toBe("how many emails came in today?");
    expect(await page.locator(".thread.current .thread-open").textContent()).toBe(
      "how many emails came in today?",
    );
    // The only console error allowed is the browser reporting the deliberate 401 of the wrong key.
    expect(errors.filter((e) => !e.includes("401"))).toEqual([]);
  }, 90_000);

  it("answers in Italian when asked in Italian, and the interface follows", async () => {
    await page.getByRole("button", { name: /New conversation|Nuova conversazione/ }).click();
    await page.locator("#question").fill("quanti ordini sono arrivati oggi?");
    await page.keyboard.press("Enter");
    const answer = page.locator(".message.assistant").last();
    await expect.poll(() => answer.textContent(), { timeout: 20_000 }).toMatch(/ordin[ei]/i);
    await expect.poll(() => page.locator("#send").textContent()).toBe("Invia");
    // The list is reloaded once the answer is complete.
    await expect.poll(() => page.locator(".thread-open").count()).toBe(2);
  }, 60_000);

  it("fits a phone screen", async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await page.locator("#sidebar").isVisible()).toBe(true); // off-canvas, opened by the menu button
    const composer = await page.locator("#composer").boundingBox();
    expect(composer!.width).toBeLessThanOrEqual(390);
    await page.locator("#menu").click();
    await expect.poll(() => page.locator("#menu").getAttribute("aria-expanded")).toBe("true");
  });
});
