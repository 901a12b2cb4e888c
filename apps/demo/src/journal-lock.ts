import { createHash, randomUUID } from "node:crypto";
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { lstat, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { type JournalLocation, lockFileOf } from "./journal-file.js";
import { errorCode, FileProblemError, readRegularFile } from "./regular-file.js";
import { UsageError } from "./usage-error.js";

/**
 * Who holds a lock, as its file says. `id` tells two locks of one pid apart: one this
 * process holds now, and one an earlier process that had the same pid left behind.
 */
export interface LockOwner {
  pid: number;
  host: string;
  started: string;
  id: string;
}

/** A lock left behind by a run that is gone, which this run took over. */
export type StaleLock = { owner: LockOwner } | { owner: undefined; reason: string };

/**
 * A lock file whose content cannot be read may belong to a run that has created it and not
 * yet written it: it is left alone until it is this old.
 */
export const UNREADABLE_LOCK_GRACE_MS = 10_000;

const MAX_LOCK_BYTES = 4096;

/** The ids of the locks this process holds now. */
const held = new Set<string>();

/** A lock file that exists, and what it holds. */
interface FoundLock {
  text: string;
  owner: LockOwner | undefined;
  modifiedMs: number;
}

/**
 * One run per journal: a file next to the journal's real path, created exclusively and
 * holding the pid, host name and start time of the run that writes the journal. A second
 * run that finds it held refuses; one that finds it stale (its run is gone) takes it over.
 */
export class JournalLock {
  private released = false;

  private constructor(
    /** The lock file. */
    readonly path: string,
    private id: string,
    private text: string,
    /** What this run took over, if the lock was stale. */
    readonly stale: StaleLock | undefined,
  ) {
    held.add(id);
    // A crash (an uncaught error) skips `finally` blocks but still runs exit listeners.
    process.on("exit", this.release);
  }

  /**
   * Takes the lock of the journal at `file`, or throws a UsageError that names `path` and
   * says who holds it. `now` is the clock that ages an unreadable lock (tests pass their own).
   */
  static async take(
    { path: journalPath, file }: JournalLocation,
    now = Date.now,
  ): Promise<JournalLock> {
    const path = lockFileOf(file);
    const owner: LockOwner = {
      pid: process.pid,
      host: hostname(),
      started: new Date().toISOString(),
      id: randomUUID(),
    };
    const text = `${JSON.stringify(owner)}\n`;
    const names = { journal: journalPath, lock: path };

    let stale: StaleLock | undefined;
    // Each pass either takes the lock, refuses, or saw the lock change under it; a few
    // passes settle any race between runs starting together.
    for (let pass = 0; pass < 5; pass++) {
      if (createLockFile(path, text, names)) return new JournalLock(path, owner.id, text, stale);

      const found = await readLock(names);
      if (found === undefined) continue;

      const judged = staleness(found, names, now());
      if (removeIfUnchanged(path, found.text, text, names)) stale = judged;
    }

    throw new UsageError(
      `--journal ${journalPath}: its lock ${path} kept changing while this run tried to take ` +
        "it, so other runs are starting: wait for them to finish, or pass --journal with " +
        "another path.",
    );
  }

  /** A line for people when the lock was taken over from a run that is gone. */
  staleNotice(): string | undefined {
    const { stale } = this;
    if (stale === undefined) return undefined;

    if (stale.owner === undefined) {
      return (
        `the journal's lock ${this.path} could not be read (${stale.reason}) and is older ` +
        `than ${UNREADABLE_LOCK_GRACE_MS / 1000} seconds, so no run is starting with it: ` +
        "this run took it over."
      );
    }
    return (
      `the journal's lock ${this.path} was left by a run that is gone (pid ` +
      `${stale.owner.pid}, started ${stale.owner.started}): this run took it over; any ` +
      "picture that run was sending counts as unknown."
    );
  }

  /** Removes the lock file, if it is still this run's. Safe to call more than once. */
  release = (): void => {
    if (this.released) return;
    this.released = true;
    held.delete(this.id);
    process.off("exit", this.release);

    try {
      if (readTextSync(this.path) === this.text) unlinkSync(this.path);
    } catch {
      // Nothing more can be done on the way out; the next run finds the lock stale.
    }
  };
}

/** Creates the lock file with `text`; false if it already exists. */
function createLockFile(path: string, text: string, names: LockNames): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw cannotCreate(error, names);
  }

  try {
    writeSync(fd, text);
  } catch (error) {
    // A full disk leaves an empty lock that would hold off the next run: take it back.
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // The message below still names the file, for whoever clears the disk.
    }
    throw cannotCreate(error, names);
  }
  closeSync(fd);

  return true;
}

interface LockNames {
  journal: string;
  lock: string;
}

async function readLock(names: LockNames): Promise<FoundLock | undefined> {
  await refuseLinkedLock(names);

  let text: string;
  let modifiedMs: number;
  try {
    text = (await readRegularFile(names.lock, MAX_LOCK_BYTES)).toString("utf8");
    modifiedMs = (await stat(names.lock)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    if (!(error instanceof FileProblemError)) throw error;

    const { problem } = error;
    if (problem.kind === "missing") return undefined;
    const why =
      problem.kind === "not-a-file"
        ? `it is ${problem.what}`
        : problem.kind === "too-large"
          ? "it is too large to be a lock of this tool"
          : problem.code;
    throw new UsageError(
      `--journal ${names.journal}: its lock ${names.lock} cannot be read (${why}): remove ` +
        "it if no other run is using the journal, or pass --journal with another path.",
    );
  }

  return { text, owner: parseOwner(text), modifiedMs };
}

/**
 * Creating the lock never follows a link, and reading it would read the link's target (or
 * nothing): with a link in its place no run could ever take the lock, so none tries.
 */
async function refuseLinkedLock(names: LockNames): Promise<void> {
  const info = await lstat(names.lock).catch(() => undefined);
  if (!info?.isSymbolicLink()) return;

  throw new UsageError(
    `--journal ${names.journal}: its lock ${names.lock} is a symbolic link, which no run of ` +
      "this tool makes: remove it, then run again.",
  );
}

function parseOwner(text: string): LockOwner | undefined {
  let value: Partial<Record<keyof LockOwner, unknown>>;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }

  const { pid, host, started, id } = value ?? {};
  // kill() with 0 or a negative pid would signal whole process groups, not one process.
  const validPid = Number.isSafeInteger(pid) && (pid as number) > 0 && (pid as number) < 2 ** 31;
  if (!validPid || typeof host !== "string" || typeof started !== "string") return undefined;

  return { pid: pid as number, host, started, id: typeof id === "string" ? id : "" };
}

/** Says why `found` is stale, or throws the refusal when its run may still be going. */
function staleness(found: FoundLock, names: LockNames, nowMs: number): StaleLock {
  const { owner } = found;

  if (owner === undefined) {
    const ageMs = Math.abs(nowMs - found.modifiedMs);
    if (ageMs < UNREADABLE_LOCK_GRACE_MS) {
      throw new UsageError(
        `--journal ${names.journal} is being locked by a run that is starting (its lock ` +
          `${names.lock} is not complete yet): wait for that run to finish, or pass --journal ` +
          "with another path.",
      );
    }
    return {
      owner: undefined,
      reason: found.text.trim() === "" ? "empty" : "not JSON of this tool",
    };
  }

  const since = `pid ${owner.pid}, started ${owner.started}`;
  if (owner.host !== hostname()) {
    throw new UsageError(
      `--journal ${names.journal} is locked by a run on the host ${owner.host} (${since}), ` +
        `which cannot be checked from here: wait for it to finish, or delete ${names.lock} ` +
        "if that run is gone.",
    );
  }

  if (owner.pid === process.pid && held.has(owner.id)) {
    throw new UsageError(
      `--journal ${names.journal} is in use by another run in this process (started ` +
        `${owner.started}; lock ${names.lock}): release that lock first, or pass --journal ` +
        "with another path.",
    );
  }
  // A lock naming this very process, and not held by it, was left by an earlier process
  // that had the same pid. A live pid may also be one reused since by another program.
  if (owner.pid !== process.pid && isAlive(owner.pid)) {
    throw new UsageError(
      `--journal ${names.journal} is in use by another run (${since}): wait for it to ` +
        `finish, or pass --journal with another path; delete ${names.lock} if that run is ` +
        "gone (another program may have its pid now).",
    );
  }

  return { owner };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Deletes the stale lock only if it still holds `staleText`. Runs that found the same
 * stale lock race to create a claim file named after its content; only the winner may
 * delete it, and the others refuse. Without the claim, a run that read the stale lock
 * a moment too late could delete the fresh lock of the run that took it over.
 */
function removeIfUnchanged(
  path: string,
  staleText: string,
  text: string,
  names: LockNames,
): boolean {
  const digest = createHash("sha256").update(staleText).digest("hex").slice(0, 16);
  const claim = `${path}.${digest}.takeover`;
  if (!createLockFile(claim, text, { ...names, lock: claim })) {
    // Known gap: a claim left by a run killed in the microseconds it holds one stays
    // until it is deleted by hand, as this message says.
    throw new UsageError(
      `--journal ${names.journal} is being locked by another run that is starting (it ` +
        `holds ${claim}): wait for that run to finish, or pass --journal with another ` +
        "path; if no other run is going, delete that file.",
    );
  }

  try {
    if (readTextSync(path) !== staleText) return false;
    unlinkSync(path);
    return true;
  } finally {
    unlinkSync(claim);
  }
}

function readTextSync(path: string): string | undefined {
  try {
    // Only ever a lock this run wrote, or one it has just read as a regular file.
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function cannotCreate(error: unknown, names: LockNames): UsageError {
  const code = errorCode(error);
  if (code === "ENOENT") {
    return new UsageError(
      `--journal ${names.journal} is in a folder that does not exist (${dirname(names.lock)}): ` +
        "create that folder, or pass --journal with a path in one that exists.",
    );
  }
  const fix =
    code === "ENOSPC" || code === "EDQUOT"
      ? "free some space, or pass --journal with a path on another disk."
      : "pass --journal with a path in a folder you can write to.";

  return new UsageError(
    `--journal ${names.journal}: its lock ${names.lock} cannot be created (${code}): ${fix}`,
  );
}
