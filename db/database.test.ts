import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedDatabaseInUseError, openEmbedded } from "./database.ts";
import { parseLock, systemProbe } from "./embeddedLock.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const HOLDER = path.join(ROOT, "test/support/embeddedHolder.ts");

describe("the embedded database lock", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A data directory with the empty database of the test run's template (initdb takes seconds). */
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "milhena-lock-"));
    const template = process.env.MILHENA_PGLITE_TEMPLATE;
    if (template && fs.existsSync(template)) fs.cpSync(template, dir, { recursive: true });
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const lockOf = (dir: string) => path.join(dir, "milhena.pid");

  const spawned = async (command: string, args: string[]): Promise<ChildProcess> => {
    const child = spawn(command, args, { stdio: "ignore" });
    cleanups.push(() => child.kill("SIGKILL"));
    await new Promise((resolve, reject) => child.once("spawn", resolve).once("error", reject));
    return child;
  };

  /** Another Milhena process holding the embedded database in `dir`, until it is stopped. */
  const holder = async (dir: string) => {
    const child = spawn(process.execPath, ["--import", "tsx", HOLDER, dir], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const stop = async () => {
      child.stdin.end();
      await exited;
    };
    cleanups.push(() => stop());
    const first = await new Promise<string>((resolve) =>
      readline.createInterface({ input: child.stdout }).once("line", resolve),
    );
    expect(first).toBe("ready");
    return { pid: child.pid!, stop };
  };

  const opensAndTakesOver = async (dir: string) => {
    const db = await openEmbedded(dir);
    expect(parseLock(fs.readFileSync(lockOf(dir), "utf8"))).toMatchObject({
      kind: "record",
      record: { pid: process.pid, dataDir: fs.realpathSync(dir) },
    });
    await db.close();
    expect(fs.existsSync(lockOf(dir))).toBe(false);
  };

  it("refuses a data dir another live Milhena process holds, even with an older release's bare-pid lock", async () => {
    const dir = dataDir();
    const other = await holder(dir);
    await expect(openEmbedded(dir)).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
    await expect(openEmbedded(dir)).rejects.toThrow(/in use by another Milhena process \(pid \d+\)/);
    const record = fs.readFileSync(lockOf(dir), "utf8");
    fs.writeFileSync(lockOf(dir), String(other.pid));
    await expect(openEmbedded(dir)).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
    fs.writeFileSync(lockOf(dir), record);
    await other.stop();
    expect(fs.existsSync(lockOf(dir))).toBe(false);
    await opensAndTakesOver(dir);
  }, 60_000);

  it("opens when the recorded pid belongs to an unrelated process (pid reused after a crash and reboot)", async () => {
    const dir = dataDir();
    const sleeper = await spawned("sleep", ["60"]);
    // An older release's lock: a bare pid.
    fs.writeFileSync(lockOf(dir), String(sleeper.pid));
    await opensAndTakesOver(dir);
    // This release's lock, naming the pid and the start time of the process that claimed it.
    const sleeperTicks = systemProbe.info(sleeper.pid!)?.startTicks;
    fs.writeFileSync(
      lockOf(dir),
      JSON.stringify({
        pid: sleeper.pid,
        dataDir: fs.realpathSync(dir),
        hostname: os.hostname(),
        bootId: systemProbe.bootId(),
        startTicks: sleeperTicks ? String(Number(sleeperTicks) - 1) : null,
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        token: "from-before-the-reboot",
      }),
    );
    await opensAndTakesOver(dir);
  }, 60_000);

  it("does not count a lock recorded for another data directory (copied with it)", async () => {
    const held = dataDir();
    const copy = dataDir();
    await holder(held);
    fs.copyFileSync(lockOf(held), lockOf(copy));
    await opensAndTakesOver(copy);
    await expect(openEmbedded(held)).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
  }, 60_000);

  it("takes over a lock whose process is gone, or that is unreadable", async () => {
    const dir = dataDir();
    const gone = spawn("true");
    await new Promise((resolve) => gone.once("exit", resolve));
    fs.writeFileSync(lockOf(dir), String(gone.pid));
    await opensAndTakesOver(dir);
    fs.writeFileSync(lockOf(dir), "");
    await opensAndTakesOver(dir);
  }, 60_000);
});
