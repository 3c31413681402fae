import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  claimEmbeddedLock,
  EmbeddedDatabaseInUseError,
  judgeLock,
  LOCK_FILE,
  looksLikeMilhena,
  parseElapsed,
  parseLock,
  parseProcStat,
  psProbe,
  systemProbe,
  type LockRecord,
  type ProcessInfo,
  type ProcessProbe,
} from "./embeddedLock.ts";

const SELF = { pid: 1000, dataDir: "/srv/milhena/.milhena" };
const CLAIMED = Date.parse("2026-11-20T10:00:00Z");
const NODE_MILHENA = ["/usr/bin/node", "/srv/milhena/node_modules/tsx/dist/cli.mjs", "server/main.ts"];

function record(overrides: Partial<LockRecord> = {}): string {
  return JSON.stringify({
    pid: 4242,
    dataDir: SELF.dataDir,
    hostname: "box",
    bootId: "boot-1",
    startTicks: "123456",
    startedAt: new Date(CLAIMED).toISOString(),
    token: "t",
    ...overrides,
  });
}

/** A machine where `pid` 4242 runs with `info`. */
function probe(
  info: ProcessInfo | null,
  opts: { alive?: boolean; bootId?: string | null } = {},
): ProcessProbe {
  return {
    alive: (pid) => pid === 4242 && (opts.alive ?? true),
    info: () => info,
    bootId: () => (opts.bootId === undefined ? "boot-1" : opts.bootId),
  };
}
const running = (overrides: Partial<ProcessInfo> = {}): ProcessInfo => ({
  startTicks: "123456",
  startedAtMs: CLAIMED - 5_000,
  argv: NODE_MILHENA,
  ...overrides,
});

describe("judgeLock", () => {
  it("holds while the recorded process runs with the recorded start time", () => {
    expect(judgeLock(record(), CLAIMED, SELF, probe(running())).held).toBe(true);
  });

  it("does not hold when the pid now belongs to a process with another start time (pid reuse)", () => {
    const v = judgeLock(record(), CLAIMED, SELF, probe(running({ startTicks: "999999" })));
    expect(v).toEqual({ held: false, reason: "pid 4242 now belongs to another process" });
  });

  it("does not hold after a reboot, for another data directory, for a dead or own pid, or unreadable", () => {
    expect(judgeLock(record(), CLAIMED, SELF, probe(running(), { bootId: "boot-2" })).held).toBe(false);
    expect(judgeLock(record({ dataDir: "/elsewhere/.milhena" }), CLAIMED, SELF, probe(running())).held).toBe(
      false,
    );
    expect(judgeLock(record(), CLAIMED, SELF, probe(running(), { alive: false })).held).toBe(false);
    expect(judgeLock(record({ pid: SELF.pid }), CLAIMED, SELF, probe(running())).held).toBe(false);
    expect(judgeLock("garbage", CLAIMED, SELF, probe(running())).held).toBe(false);
    expect(judgeLock("", CLAIMED, SELF, probe(running())).held).toBe(false);
  });

  it("without an exact start time, compares wall-clock start with the claim and checks the command line", () => {
    const noTicks = record({ startTicks: null, bootId: null });
    const inexact = { startTicks: null };
    expect(judgeLock(noTicks, CLAIMED, SELF, probe(running(inexact))).held).toBe(true);
    // Started after the lock was written: it cannot be the process that wrote it.
    expect(
      judgeLock(noTicks, CLAIMED, SELF, probe(running({ ...inexact, startedAtMs: CLAIMED + 60_000 }))).held,
    ).toBe(false);
    // Within the clock's tolerance it still counts.
    expect(
      judgeLock(noTicks, CLAIMED, SELF, probe(running({ ...inexact, startedAtMs: CLAIMED + 1_000 }))).held,
    ).toBe(true);
    expect(
      judgeLock(noTicks, CLAIMED, SELF, probe(running({ ...inexact, argv: ["/bin/sleep", "60"] }))).held,
    ).toBe(false);
  });

  it("reads an older release's bare pid: a live Milhena started before the file was written still holds", () => {
    const legacy = probe(running({ startTicks: "123456" }));
    expect(judgeLock("4242\n", CLAIMED, SELF, legacy)).toMatchObject({ held: true, pid: 4242 });
    expect(judgeLock("4242", CLAIMED, SELF, probe(running({ argv: ["/bin/bash"] }))).held).toBe(false);
    expect(judgeLock("4242", CLAIMED, SELF, probe(running({ startedAtMs: CLAIMED + 3_600_000 }))).held).toBe(
      false,
    );
    expect(judgeLock("4242", CLAIMED, SELF, probe(running(), { alive: false })).held).toBe(false);
  });

  it("counts a live pid when nothing else can be checked (no /proc, no ps)", () => {
    expect(judgeLock("4242", CLAIMED, SELF, probe(null)).held).toBe(true);
    expect(judgeLock(record(), CLAIMED, SELF, probe(null, { bootId: null })).held).toBe(true);
  });
});

describe("lock file and process parsing", () => {
  it("parses both lock formats", () => {
    expect(parseLock("123\n")).toEqual({ kind: "legacy", pid: 123 });
    expect(parseLock(record())).toMatchObject({ kind: "record", record: { pid: 4242, token: "t" } });
    expect(parseLock("0")).toBeNull();
    expect(parseLock('{"pid":"x"}')).toBeNull();
  });

  it("reads the start time from /proc/<pid>/stat even when the name holds spaces and parentheses", () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = "S";
    fields[19] = "8765432";
    expect(parseProcStat(`77 (my (odd) name) ${fields.join(" ")}`)).toBe("8765432");
    expect(parseProcStat("garbage")).toBeNull();
  });

  it("parses ps's elapsed time", () => {
    expect(parseElapsed("05:07")).toBe(307);
    expect(parseElapsed("02:05:07")).toBe(7507);
    expect(parseElapsed("3-02:05:07")).toBe(3 * 86_400 + 7507);
    expect(parseElapsed("soon")).toBeNull();
  });

  it("recognises Milhena's command lines", () => {
    const app = "/opt/app";
    expect(looksLikeMilhena({ argv: NODE_MILHENA }, "/srv/milhena")).toBe(true);
    expect(looksLikeMilhena({ argv: ["node", "/opt/app/node_modules/.bin/vitest"] }, app)).toBe(true);
    expect(looksLikeMilhena({ argv: ["node", "--import", "tsx", "cli/main.ts"] }, app)).toBe(true);
    // A process.title rewrote the command line; the executable and working directory still tell.
    expect(looksLikeMilhena({ argv: ["node (vitest 1)"], exe: "/usr/bin/node", cwd: app }, app)).toBe(true);
    expect(
      looksLikeMilhena({ argv: ["/usr/bin/node", "/home/me/other-tool/index.js"], cwd: "/home/me" }, app),
    ).toBe(false);
    expect(looksLikeMilhena({ argv: ["sleep", "60"], exe: "/usr/bin/sleep", cwd: app }, app)).toBe(false);
    expect(looksLikeMilhena({ argv: [] }, app)).toBe(false);
  });

  it("probes this very process: /proc on Linux, and ps", () => {
    for (const p of process.platform === "linux" ? [systemProbe, psProbe] : [systemProbe]) {
      const info = p.info(process.pid);
      expect(info, "probe").not.toBeNull();
      if (p === systemProbe) expect(looksLikeMilhena(info!)).toBe(true);
      expect(info!.startedAtMs!).toBeLessThanOrEqual(Date.now() + 2_000);
      expect(info!.startedAtMs!).toBeGreaterThan(Date.now() - 24 * 3_600_000);
    }
    if (process.platform === "linux") expect(systemProbe.info(process.pid)!.startTicks).toMatch(/^\d+$/);
  });
});

describe("claimEmbeddedLock", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "milhena-lockfile-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes a JSON record of this process and removes it on release, but only while it is its own", () => {
    const dir = tempDir();
    const lock = claimEmbeddedLock(dir);
    const written = parseLock(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8"));
    expect(written).toMatchObject({
      kind: "record",
      record: { pid: process.pid, dataDir: fs.realpathSync(dir), hostname: os.hostname() },
    });
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);

    const again = claimEmbeddedLock(dir);
    fs.writeFileSync(path.join(dir, LOCK_FILE), "someone else's\n");
    again.release();
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe("someone else's\n");
  });

  it("refuses a lock the probe says is held, and takes over one it says is stale", async () => {
    const dir = tempDir();
    const file = path.join(dir, LOCK_FILE);
    const other = spawn("sleep", ["60"]);
    try {
      await new Promise((resolve) => other.once("spawn", resolve));
      fs.writeFileSync(file, String(other.pid));
      const blind: ProcessProbe = { alive: () => true, info: () => null, bootId: () => null };
      expect(() => claimEmbeddedLock(dir, blind)).toThrow(EmbeddedDatabaseInUseError);
      expect(fs.readFileSync(file, "utf8")).toBe(String(other.pid));
      // The real probe sees `sleep`, which is not Milhena.
      const lock = claimEmbeddedLock(dir);
      expect(parseLock(fs.readFileSync(file, "utf8"))).toMatchObject({ record: { pid: process.pid } });
      lock.release();
    } finally {
      other.kill();
    }
  });
});
