import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EmbeddedDatabaseInUseError, openEmbedded } from "./database.ts";

describe("the embedded database", () => {
  it("refuses to open a data dir another live process holds, and takes over a stale lock", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "milhena-lock-"));
    const other = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(path.join(dir, "milhena.pid"), String(other.pid));
      await expect(openEmbedded(dir)).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
      await expect(openEmbedded(dir)).rejects.toThrow(/in use by another Milhena process/);
      other.kill();
      await new Promise((resolve) => other.once("exit", resolve));
      const db = await openEmbedded(dir);
      expect(fs.readFileSync(path.join(dir, "milhena.pid"), "utf8")).toBe(String(process.pid));
      await db.close();
      expect(fs.existsSync(path.join(dir, "milhena.pid"))).toBe(false);
    } finally {
      other.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
