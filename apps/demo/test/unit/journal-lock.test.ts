import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Journal } from "../../src/journal.js";
import { locateJournal } from "../../src/journal-file.js";
import { JournalLock, UNREADABLE_LOCK_GRACE_MS } from "../../src/journal-lock.js";
import { UsageError } from "../../src/usage-error.js";
import { tempDir } from "../helpers/pictures.js";

let dir: ReturnType<typeof tempDir>;
let journal: string;
let lockPath: string;

beforeEach(() => {
  dir = tempDir();
  journal = join(dir.path, "journal.json");
  lockPath = `${journal}.lock`;
});

afterEach(() => dir.remove());

const writeLock = (owner: Record<string, unknown>) =>
  writeFileSync(
    lockPath,
    JSON.stringify({ host: hostname(), started: "2025-06-01T10:00:00Z", ...owner }),
  );

const take = async (path: string, now?: () => number) =>
  JournalLock.take(await locateJournal(path), now);

/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid as number;

describe("JournalLock", () => {
  it("writes the pid, host and start time next to the journal; release removes it", async () => {
    const lock = await take(journal);

    expect(lock.path).toBe(lockPath);
    expect(JSON.parse(readFileSync(lockPath, "utf8"))).toMatchObject({
      pid: process.pid,
      host: hostname(),
      started: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(lock.staleNotice()).toBeUndefined();

    lock.release();
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it("leaves in place a lock that is no longer its own", async () => {
    const lock = await take(journal);
    writeLock({ pid: 1 });

    lock.release();

    expect(JSON.parse(readFileSync(lockPath, "utf8"))).toMatchObject({ pid: 1 });
  });

  it("refuses a lock whose process is alive, naming the journal, pid and start", async () => {
    writeLock({ pid: process.ppid });

    const taking = take(journal);

    await expect(taking).rejects.toThrow(UsageError);
    await expect(taking).rejects.toThrow(
      `--journal ${journal} is in use by another run (pid ${process.ppid}, started ` +
        "2025-06-01T10:00:00Z): wait for it to finish, or pass --journal with another path; " +
        `delete ${lockPath} if that run is gone (another program may have its pid now).`,
    );
  });

  it("counts a process it may not signal (pid 1 for a user) as alive", async () => {
    writeLock({ pid: 1 });

    await expect(take(journal)).rejects.toThrow(/in use by another run \(pid 1,/);
  });

  it("refuses a lock from another host, whose pid it cannot check", async () => {
    writeLock({ pid: deadPid(), host: "other-machine" });

    await expect(take(journal)).rejects.toThrow(
      new RegExp(
        "is locked by a run on the host other-machine \\(pid \\d+, started [^)]+\\), which " +
          `cannot be checked from here: wait for it to finish, or delete ${lockPath} if`,
      ),
    );
  });

  it("takes over a lock whose process is gone, and says so", async () => {
    const pid = deadPid();
    writeLock({ pid });

    const lock = await take(journal);

    expect(JSON.parse(readFileSync(lockPath, "utf8"))).toMatchObject({ pid: process.pid });
    expect(lock.staleNotice()).toMatch(`left by a run that is gone (pid ${pid}, started`);
    expect(readdirSync(dir.path)).toEqual(["journal.json.lock"]);
    lock.release();
  });

  it("refuses a stale lock that another run has claimed, naming the claim", async () => {
    writeLock({ pid: deadPid() });
    const digest = createHash("sha256").update(readFileSync(lockPath)).digest("hex");
    const claim = `${lockPath}.${digest.slice(0, 16)}.takeover`;
    writeFileSync(claim, "");

    await expect(take(journal)).rejects.toThrow(
      `is being locked by another run that is starting (it holds ${claim})`,
    );
    expect(existsSync(lockPath)).toBe(true);
  });

  it("refuses a second lock of a journal in one process until the first is released", async () => {
    const first = await take(journal);

    await expect(take(journal)).rejects.toThrow(
      new RegExp(
        `^--journal ${journal} is in use by another run in this process \\(started [^;]+; ` +
          `lock ${lockPath}\\): release that lock first, or pass --journal with another path\\.$`,
      ),
    );
    expect(readFileSync(lockPath, "utf8")).toContain(`"pid":${process.pid}`);

    first.release();
    const second = await take(journal);
    expect(second.staleNotice()).toBeUndefined();
    second.release();
  });

  it("takes over a lock naming its own pid, left by an earlier process with that pid", async () => {
    writeLock({ pid: process.pid });

    const lock = await take(journal);

    expect(lock.staleNotice()).toMatch(`(pid ${process.pid},`);
    lock.release();
  });

  it("leaves an unreadable lock alone during the grace period, then takes it over", async () => {
    writeFileSync(lockPath, "");
    const written = statSync(lockPath).mtimeMs;

    await expect(take(journal, () => written + 1000)).rejects.toThrow(
      `--journal ${journal} is being locked by a run that is starting (its lock ${lockPath} ` +
        "is not complete yet)",
    );

    const later = () => written + UNREADABLE_LOCK_GRACE_MS + 1000;
    const lock = await take(journal, later);
    expect(lock.staleNotice()).toMatch(/could not be read \(empty\) and is older than 10 seconds/);
    lock.release();
  });

  it("refuses a folder in the lock's place, saying to remove it", async () => {
    mkdirSync(lockPath);

    await expect(take(journal)).rejects.toThrow(
      `its lock ${lockPath} cannot be read (it is a folder): remove it`,
    );
  });

  it("locks the file a linked journal points to", async () => {
    mkdirSync(join(dir.path, "real"));
    writeFileSync(join(dir.path, "real", "journal.json"), "{}");
    symlinkSync(join(dir.path, "real", "journal.json"), journal);

    const lock = await take(journal);

    expect(lock.path).toBe(join(dir.path, "real", "journal.json.lock"));
    expect(existsSync(lockPath)).toBe(false);
    lock.release();
  });

  it("locks the target of a linked journal that does not exist yet, through a chain", async () => {
    mkdirSync(join(dir.path, "real"));
    symlinkSync("real/journal.json", join(dir.path, "middle.json"));
    symlinkSync("middle.json", journal);

    const lock = await take(journal);

    expect(lock.path).toBe(join(dir.path, "real", "journal.json.lock"));
    lock.release();
  });

  it("refuses a lock that is a symbolic link, to a file or to nothing", async () => {
    writeFileSync(join(dir.path, "elsewhere"), "{}");
    for (const target of ["elsewhere", "/nonexistent/x"]) {
      symlinkSync(target, lockPath);

      await expect(take(journal)).rejects.toThrow(
        `its lock ${lockPath} is a symbolic link, which no run of this tool makes: remove it`,
      );
      expect(readlinkSync(lockPath)).toBe(target);
      unlinkSync(lockPath);
    }
  });

  it("locks the file it is given, even if the link is pointed elsewhere since", async () => {
    mkdirSync(join(dir.path, "a"));
    mkdirSync(join(dir.path, "b"));
    symlinkSync(join(dir.path, "a", "journal.json"), journal);
    const location = await locateJournal(journal);

    unlinkSync(journal);
    symlinkSync(join(dir.path, "b", "journal.json"), journal);
    const lock = await JournalLock.take(location);
    (await Journal.open(location)).record([]);

    expect(lock.path).toBe(join(dir.path, "a", "journal.json.lock"));
    expect(readdirSync(join(dir.path, "a")).sort()).toEqual(["journal.json", "journal.json.lock"]);
    expect(readdirSync(join(dir.path, "b"))).toEqual([]);
    lock.release();
  });

  it("locks a journal not made yet under its folder's real path", async () => {
    mkdirSync(join(dir.path, "real"));
    symlinkSync(join(dir.path, "real"), join(dir.path, "link"));

    const lock = await take(join(dir.path, "link", "journal.json"));

    expect(lock.path).toBe(join(dir.path, "real", "journal.json.lock"));
    lock.release();
  });

  it("names the missing folder and the fix when the folder does not exist", async () => {
    const missing = join(dir.path, "none", "journal.json");

    await expect(take(missing)).rejects.toThrow(
      `--journal ${missing} is in a folder that does not exist (${join(dir.path, "none")}): ` +
        "create that folder, or pass --journal with a path in one that exists.",
    );
  });
});
