import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { JOURNAL_FILE_NAME } from "./args.js";
import { formatBytes } from "./format.js";
import { type JournalLocation, lockFileOf } from "./journal-file.js";
import {
  appendedText,
  type JournalEntry,
  journalText,
  NotJsonError,
  type ParsedJournal,
  parseJournal,
  TAIL,
} from "./journal-text.js";
import { JournalWriteError } from "./journal-write-error.js";
import { errorCode, FileProblemError, fixForUnreadable, readRegularFile } from "./regular-file.js";
import { UsageError } from "./usage-error.js";

export type { JournalEntry } from "./journal-text.js";

/** About 300,000 entries: far more than one journal should ever need. */
const MAX_JOURNAL_BYTES = 100 * 1024 * 1024;

/**
 * The journal file: the latest entry per (picture, target, member). A run that sends
 * first rewrites it whole, through a temporary file and a rename; after that each change
 * is appended in place, so recording costs the size of the change, not of the journal.
 * Every write is synced before `record` returns; one that fails throws JournalWriteError.
 */
export class Journal {
  private entries = new Map<string, JournalEntry>();

  /** Where the file's closing TAIL starts, once this process has written the file whole. */
  private tailAt: number | undefined;

  /** How many entry lines the file holds, earlier outcomes of a picture included. */
  private lines = 0;

  /**
   * `path` as given, for messages; `file` the one written (a symbolic link is followed).
   * `cutShort` when the file's last write had been cut off; the entries before it count.
   */
  private constructor(
    readonly path: string,
    private file: string,
    readonly cutShort = false,
  ) {}

  /**
   * Reads the journal at `file`, which the run's lock is next to. `beside` is for a run
   * that holds no lock (a dry run): another run may be appending to the file as it is
   * read, so a read that catches a change half made is read again.
   */
  static async open({ path, file }: JournalLocation, beside = false): Promise<Journal> {
    let parsed = await readJournal(path, file);
    for (let again = 0; beside && again < REREADS && !isWhole(parsed); again++) {
      if (!existsSync(lockFileOf(file))) break;
      await sleep(REREAD_AFTER_MS);
      parsed = await readJournal(path, file);
    }
    if (parsed instanceof Error) throw parsed;
    if (parsed === undefined) return new Journal(path, file);

    // Beside a run that holds the lock, `sending` means sent right now, not interrupted.
    const live = beside && existsSync(lockFileOf(file));
    const { entries, cutShort } = parsed;
    const journal = new Journal(path, file, cutShort);
    for (const entry of entries) {
      journal.entries.set(keyOf(entry), live ? entry : settleInterrupted(entry));
    }

    return journal;
  }

  find(sha256: string, target: string, member: number | null): JournalEntry | undefined {
    return this.entries.get(keyOf({ sha256, target, member }));
  }

  /** Records entries and writes them to disk before returning. */
  record(entries: readonly JournalEntry[]): void {
    for (const entry of entries) this.entries.set(keyOf(entry), entry);

    try {
      if (this.tailAt === undefined) this.rewrite();
      else if (entries.length > 0) this.append(entries);
    } catch (error) {
      throw new JournalWriteError(this.path, errorCode(error), { cause: error });
    }
  }

  all(): JournalEntry[] {
    return [...this.entries.values()];
  }

  /** Writes one line per picture, leaving out the outcomes later ones replaced. */
  private rewrite(): void {
    const entries = this.all();
    const text = journalText(entries);

    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      writeSynced(temporary, "w", text, 0);
      renameSync(temporary, this.file);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    // The rename is on disk only once its folder is: until then a power cut could undo it.
    syncFolderOf(this.file);

    this.lines = entries.length;
    this.tailAt = Buffer.byteLength(text) - TAIL.length;
  }

  private append(entries: readonly JournalEntry[]): void {
    const text = appendedText(entries, this.lines);
    const at = this.tailAt as number;

    this.tailAt = undefined;
    try {
      writeSynced(this.file, "r+", text, at);
    } catch (error) {
      // Whole lines of a change that failed part-way must not stay: a `sending` line left
      // there would pass for a request that may have gone out, when none did. If the file
      // cannot be put back, the next change rewrites it whole instead.
      if (cutBackTo(this.file, at)) this.tailAt = at;
      throw error;
    }

    this.lines += entries.length;
    this.tailAt = at + Buffer.byteLength(text) - TAIL.length;
  }
}

// A run appends a change in well under a millisecond; 40 reads 25 ms apart ride out a busy
// run on a slow disk.
const REREADS = 40;
const REREAD_AFTER_MS = 25;

/** The journal's content; undefined if there is none yet; the refusal if it is unusable. */
async function readJournal(path: string, file: string) {
  try {
    const text = (await readRegularFile(file, MAX_JOURNAL_BYTES)).toString("utf8");
    return parseJournal(text, path);
  } catch (error) {
    if (error instanceof FileProblemError && error.problem.kind === "missing") return undefined;
    return refusal(path, error) as Error;
  }
}

const isWhole = (parsed: Awaited<ReturnType<typeof readJournal>>) =>
  !(parsed instanceof NotJsonError) && !(parsed as ParsedJournal | undefined)?.cutShort;

/** Puts `file` back as it was before an append at `at`; false if that failed too. */
function cutBackTo(file: string, at: number): boolean {
  try {
    const fd = openSync(file, "r+");
    try {
      ftruncateSync(fd, at);
      writeSync(fd, TAIL, at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}

function syncFolderOf(file: string): void {
  const fd = openSync(dirname(file), "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeSynced(path: string, flags: "w" | "r+", text: string, position: number): void {
  const bytes = Buffer.from(text);
  const fd = openSync(path, flags, 0o600);
  try {
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(fd, bytes, written, bytes.length - written, position + written);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function keyOf(entry: Pick<JournalEntry, "sha256" | "target" | "member">): string {
  return `${entry.sha256} ${entry.target} ${entry.member ?? "-"}`;
}

function settleInterrupted(entry: JournalEntry): JournalEntry {
  if (entry.outcome !== "sending") return entry;

  return {
    ...entry,
    outcome: "unknown",
    reason: "the run stopped while this picture was being sent",
  };
}

function refusal(path: string, error: unknown): unknown {
  if (!(error instanceof FileProblemError)) return error;

  const { problem } = error;
  if (problem.kind === "not-a-file") {
    const example = problem.what === "a folder" ? `, such as ${join(path, JOURNAL_FILE_NAME)}` : "";
    return new UsageError(
      `--journal ${path} is ${problem.what}, not a regular file: pass --journal with the path ` +
        `of a file${example} (it is created if it does not exist).`,
    );
  }
  if (problem.kind === "too-large") {
    return new UsageError(
      `--journal ${path} is ${formatBytes(problem.size)}, more than the ` +
        `${formatBytes(MAX_JOURNAL_BYTES)} this tool reads: keep it (it records what was ` +
        "uploaded) and pass --journal with a new path.",
    );
  }

  const why = problem.kind === "unreadable" ? problem.code : problem.kind;
  return new UsageError(
    `--journal ${path} cannot be read (${why}): ${fixForUnreadable(why)}, or pass --journal ` +
      "with another path.",
  );
}
