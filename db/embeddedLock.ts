import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The lock of the embedded database: PGlite keeps its files to itself, and a second process opening
 * them would corrupt them. The holder writes `milhena.pid` in the data directory; a lock counts only
 * while the process it names is still the one that wrote it — after a crash and a reboot its pid may
 * belong to an unrelated process, which must not keep Milhena from starting.
 */

export const LOCK_FILE = "milhena.pid";

/** Thrown when another live process has the embedded database open (PGlite is single-process). */
export class EmbeddedDatabaseInUseError extends Error {}

/** What the holder writes (JSON). Older releases wrote the bare pid, which is still read. */
export interface LockRecord {
  readonly pid: number;
  /** The data directory, resolved (symbolic links too): a lock copied or moved with it does not count. */
  readonly dataDir: string;
  readonly hostname: string;
  /** The kernel's boot id (Linux): another one means the machine restarted since. */
  readonly bootId: string | null;
  /** The holder's start time in clock ticks since boot (Linux `/proc/<pid>/stat`), exact. */
  readonly startTicks: string | null;
  /** When the lock was claimed. */
  readonly startedAt: string;
  /** Identifies this claim: a holder removes the lock on close only while it is still its own. */
  readonly token: string;
}

/** What can be learnt of a running process; null fields are unknown on this platform. */
export interface ProcessInfo {
  readonly startTicks: string | null;
  /** Wall-clock start, to about a second. */
  readonly startedAtMs: number | null;
  /** Its command line; empty for zombies and kernel threads (and rewritten by a `process.title`). */
  readonly argv: readonly string[] | null;
  /** Its executable and working directory (Linux, where readable). */
  readonly exe?: string | null;
  readonly cwd?: string | null;
}

export interface ProcessProbe {
  alive(pid: number): boolean;
  /** Null when nothing can be read (no /proc, no ps). */
  info(pid: number): ProcessInfo | null;
  bootId(): string | null;
}

export type ParsedLock =
  | { readonly kind: "record"; readonly record: LockRecord }
  | { readonly kind: "legacy"; readonly pid: number };

export function parseLock(content: string): ParsedLock | null {
  const text = content.trim();
  if (/^\d+$/.test(text)) {
    const pid = Number(text);
    return Number.isSafeInteger(pid) && pid > 0 ? { kind: "legacy", pid } : null;
  }
  try {
    const value = JSON.parse(text) as Partial<LockRecord> | null;
    if (
      value &&
      typeof value === "object" &&
      Number.isSafeInteger(value.pid) &&
      value.pid! > 0 &&
      typeof value.dataDir === "string" &&
      typeof value.startedAt === "string" &&
      typeof value.token === "string"
    ) {
      return {
        kind: "record",
        record: {
          pid: value.pid!,
          dataDir: value.dataDir,
          hostname: typeof value.hostname === "string" ? value.hostname : "",
          bootId: typeof value.bootId === "string" ? value.bootId : null,
          startTicks: typeof value.startTicks === "string" ? value.startTicks : null,
          startedAt: value.startedAt,
          token: value.token,
        },
      };
    }
  } catch {
    // Not JSON: an unreadable lock.
  }
  return null;
}

/** Clock errors allowed when comparing wall-clock start times (btime and ps have a second's resolution). */
const CLOCK_TOLERANCE_MS = 2_000;

/** Milhena's entry points, as `tsx` runs them from the repository root. */
const ENTRY_POINT = /(^|[\\/])(cli[\\/]\w+|server[\\/]main|graph[\\/]index|bench[\\/]\w+|evals[\\/]run)\.ts$/;

/** The repository root: a Milhena process's command line names a file under it. */
const REPO_ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Whether a process looks like Milhena: node (or tsx, bun, deno) running a file of this checkout, of a
 * folder named milhena, or one of Milhena's entry points (`cli/main.ts`, `server/main.ts`…), or working
 * in such a folder (a `process.title`, as test runners set, rewrites the command line).
 */
export function looksLikeMilhena(
  proc: Pick<ProcessInfo, "argv" | "exe" | "cwd">,
  repoRoot = REPO_ROOT,
): boolean {
  const argv = proc.argv ?? [];
  const program = proc.exe ?? argv[0]?.split(" ")[0];
  if (!program) return false;
  if (!/^(node|nodejs|tsx|bun|deno)(\d+(\.\d+)*)?(\.exe)?$/i.test(path.basename(program))) return false;
  const mentions = (text: string) => text.includes(repoRoot) || /milhena/i.test(text);
  return (
    argv.slice(1).some((arg) => mentions(arg) || ENTRY_POINT.test(arg)) ||
    (proc.cwd != null && (proc.cwd === repoRoot || mentions(proc.cwd)))
  );
}

export type LockVerdict =
  | { readonly held: true; readonly pid: number; readonly hostname: string; readonly reason: string }
  | { readonly held: false; readonly reason: string };

/**
 * Whether a lock file's content still holds the data directory for someone else. `writtenAtMs` is the
 * file's modification time (a bare pid of an older release says nothing else). A pid counts while it is
 * alive and is still the process that claimed the lock: the same start time where it can be read (a
 * reused pid belongs to a process started later), and where it cannot be matched exactly, a Milhena
 * command line. When nothing can be checked, a live pid counts, as before.
 */
export function judgeLock(
  content: string,
  writtenAtMs: number,
  self: { readonly pid: number; readonly dataDir: string },
  probe: ProcessProbe,
): LockVerdict {
  const parsed = parseLock(content);
  if (!parsed) return { held: false, reason: "unreadable lock" };
  const record = parsed.kind === "record" ? parsed.record : null;
  const pid = parsed.kind === "record" ? parsed.record.pid : parsed.pid;
  if (pid === self.pid) return { held: false, reason: "left by a process with this pid" };
  if (record && record.dataDir !== self.dataDir)
    return { held: false, reason: `a lock for another data directory (${record.dataDir})` };
  const bootId = probe.bootId();
  if (record?.bootId && bootId && record.bootId !== bootId)
    return { held: false, reason: "the machine restarted since the lock was written" };
  if (!probe.alive(pid)) return { held: false, reason: `process ${pid} is gone` };
  const held = { held: true as const, pid, hostname: record?.hostname ?? "" };
  const info = probe.info(pid);
  if (!info) return { ...held, reason: `process ${pid} is running (nothing more can be checked here)` };
  if (record?.startTicks && info.startTicks)
    return info.startTicks === record.startTicks
      ? { ...held, reason: `process ${pid} is the one that claimed the lock` }
      : { held: false, reason: `pid ${pid} now belongs to another process` };
  const claimedAt = record ? Date.parse(record.startedAt) : writtenAtMs;
  if (
    info.startedAtMs !== null &&
    Number.isFinite(claimedAt) &&
    info.startedAtMs > claimedAt + CLOCK_TOLERANCE_MS
  )
    return { held: false, reason: `process ${pid} started after the lock was written` };
  if (info.argv && !looksLikeMilhena(info))
    return { held: false, reason: `process ${pid} is not Milhena (${info.argv.join(" ").slice(0, 120)})` };
  return { ...held, reason: `process ${pid} is running Milhena` };
}

/** Field 22 of `/proc/<pid>/stat` (start time in clock ticks since boot); the name may hold spaces and ")". */
export function parseProcStat(text: string): string | null {
  const end = text.lastIndexOf(")");
  if (end < 0) return null;
  const fields = text
    .slice(end + 1)
    .trim()
    .split(/\s+/);
  // fields[0] is field 3 (state), so field 22 is fields[19].
  const ticks = fields[19];
  return ticks && /^\d+$/.test(ticks) ? ticks : null;
}

/** ps's `etime`, `[[dd-]hh:]mm:ss`, in seconds. */
export function parseElapsed(text: string): number | null {
  const match = /^(?:(?:(\d+)-)?(\d+):)?(\d+):(\d+)$/.exec(text.trim());
  if (!match) return null;
  const [, days, hours, minutes, seconds] = match;
  return ((Number(days ?? 0) * 24 + Number(hours ?? 0)) * 60 + Number(minutes)) * 60 + Number(seconds);
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Linux's clock ticks per second (USER_HZ), fixed at 100 on every architecture Node runs on. */
const USER_HZ = 100;

function bootTimeMs(): number | null {
  const match = /^btime (\d+)$/m.exec(readText("/proc/stat") ?? "");
  return match ? Number(match[1]) * 1000 : null;
}

/** Start time and command line from `ps` (macOS, the BSDs; Linux without a readable /proc). */
function psInfo(pid: number): ProcessInfo | null {
  if (process.platform === "win32") return null;
  try {
    const out = execFileSync("ps", ["-o", "etime=", "-o", "args=", "-p", String(pid)], {
      encoding: "utf8",
      timeout: 2_000,
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...process.env, LC_ALL: "C" },
    }).trim();
    const match = /^(\S+)\s*(.*)$/s.exec(out);
    const elapsed = match ? parseElapsed(match[1]!) : null;
    if (elapsed === null) return null;
    return {
      startTicks: null,
      startedAtMs: Date.now() - elapsed * 1000,
      argv: match![2]!.split(/\s+/).filter(Boolean),
    };
  } catch {
    return null;
  }
}

function readLink(file: string): string | null {
  try {
    return fs.readlinkSync(file);
  } catch {
    return null;
  }
}

function procInfo(pid: number): ProcessInfo | null {
  const stat = readText(`/proc/${pid}/stat`);
  const cmdline = readText(`/proc/${pid}/cmdline`);
  if (stat === null || cmdline === null) return null;
  const startTicks = parseProcStat(stat);
  const boot = bootTimeMs();
  return {
    startTicks,
    startedAtMs: startTicks !== null && boot !== null ? boot + (Number(startTicks) * 1000) / USER_HZ : null,
    argv: cmdline.split("\0").filter(Boolean),
    exe: readLink(`/proc/${pid}/exe`),
    cwd: readLink(`/proc/${pid}/cwd`),
  };
}

/** This machine: /proc where there is one, else `ps`, else only whether the pid is alive. */
export const systemProbe: ProcessProbe = {
  alive,
  info: (pid) => procInfo(pid) ?? psInfo(pid),
  bootId: () => readText("/proc/sys/kernel/random/boot_id")?.trim() || null,
};

/** The `ps` half of systemProbe alone (tests run it on Linux too). */
export const psProbe: ProcessProbe = { alive, info: psInfo, bootId: () => null };

export interface EmbeddedLock {
  readonly path: string;
  readonly record: LockRecord;
  /** Removes the lock file if it is still this claim's. */
  release(): void;
}

/** Creates `file` with `content` only if it does not exist, never leaving it half written. */
function createExclusive(file: string, content: string, token: string): boolean {
  const temporary = `${file}.${token}.tmp`;
  fs.writeFileSync(temporary, content);
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // File systems without hard links: an exclusive create (readers may see it empty for an instant).
    try {
      fs.writeFileSync(file, content, { flag: "wx" });
      return true;
    } catch (fallback) {
      if ((fallback as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw fallback;
    }
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function readLock(file: string): { content: string; mtimeMs: number } | null {
  try {
    const mtimeMs = fs.statSync(file).mtimeMs;
    return { content: fs.readFileSync(file, "utf8"), mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Claims the embedded database in `dataDir` (which must exist) for this process, taking over a lock
 * whose holder is gone, or throws EmbeddedDatabaseInUseError.
 */
export function claimEmbeddedLock(dataDir: string, probe: ProcessProbe = systemProbe): EmbeddedLock {
  const dir = fs.realpathSync(path.resolve(dataDir));
  const file = path.join(dir, LOCK_FILE);
  const token = randomBytes(12).toString("hex");
  const record: LockRecord = {
    pid: process.pid,
    dataDir: dir,
    hostname: os.hostname(),
    bootId: probe.bootId(),
    startTicks: probe.info(process.pid)?.startTicks ?? null,
    startedAt: new Date().toISOString(),
    token,
  };
  const release = () => {
    const current = readLock(file);
    const parsed = current && parseLock(current.content);
    if (parsed?.kind === "record" && parsed.record.token === token) fs.rmSync(file, { force: true });
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(file, JSON.stringify(record) + "\n", token)) return { path: file, record, release };
    const existing = readLock(file);
    if (!existing) continue;
    const verdict = judgeLock(existing.content, existing.mtimeMs, { pid: process.pid, dataDir: dir }, probe);
    if (verdict.held) {
      const where = verdict.hostname && verdict.hostname !== os.hostname() ? ` on ${verdict.hostname}` : "";
      throw new EmbeddedDatabaseInUseError(
        `The embedded database in ${dir} is in use by another Milhena process (pid ${verdict.pid}${where}). ` +
          `Stop that process first, use another MILHENA_DATA_DIR, or set DATABASE_URL to a PostgreSQL server. ` +
          `(If no Milhena is running there, delete ${file}.)`,
      );
    }
    // A stale lock: removed, unless another process replaced it in the meantime.
    if (readLock(file)?.content === existing.content) fs.rmSync(file, { force: true });
  }
  throw new EmbeddedDatabaseInUseError(
    `The embedded database in ${dir} is being claimed by another process at the same time; try again.`,
  );
}
