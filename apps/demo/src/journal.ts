import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import { JOURNAL_FILE_NAME } from "./args.js";
import { formatBytes } from "./format.js";
import { journalFile } from "./journal-file.js";
import { FileProblemError, fixForUnreadable, readRegularFile } from "./regular-file.js";
import { UsageError } from "./usage-error.js";

/**
 * What happened to one picture on one target for one member. `sending` is written just
 * before its request goes out, so a run killed mid-request leaves `sending`, read back
 * as `unknown`: the server may or may not have stored it.
 */
export interface JournalEntry {
  sha256: string;
  size: number;
  file: string;
  target: string;
  member: number | null;
  outcome: "sending" | "uploaded" | "failed" | "unknown";
  time: string;
  reason?: string;
  httpStatus?: number;
  attempts?: number;
}

const FORMAT = "add-free-pictures journal";
const VERSION = 1;

/** About 300,000 entries: far more than one journal should ever need. */
const MAX_JOURNAL_BYTES = 100 * 1024 * 1024;

/**
 * The journal file: the latest entry per (picture, target, member). Each change rewrites
 * it through a temporary file and a rename, so a reader (or the next run, after a crash
 * or SIGKILL) sees the old file or the new one, never half of one.
 */
export class Journal {
  private entries = new Map<string, JournalEntry>();

  /** `path` as given, for messages; `file` the one written (a symbolic link is followed). */
  private constructor(
    readonly path: string,
    private file: string,
  ) {}

  static async open(path: string): Promise<Journal> {
    const file = await journalFile(path);
    let text: string;
    try {
      text = (await readRegularFile(file, MAX_JOURNAL_BYTES)).toString("utf8");
    } catch (error) {
      if (error instanceof FileProblemError && error.problem.kind === "missing") {
        return new Journal(path, file);
      }
      throw refusal(path, error);
    }

    const journal = new Journal(path, file);
    for (const entry of parseJournal(text, path)) {
      journal.entries.set(keyOf(entry), settleInterrupted(entry));
    }

    return journal;
  }

  find(sha256: string, target: string, member: number | null): JournalEntry | undefined {
    return this.entries.get(keyOf({ sha256, target, member }));
  }

  /** Records entries and writes the file before returning. */
  record(entries: readonly JournalEntry[]): void {
    for (const entry of entries) this.entries.set(keyOf(entry), entry);

    this.write();
  }

  all(): JournalEntry[] {
    return [...this.entries.values()];
  }

  private write(): void {
    const lines = this.all().map((entry) => `    ${JSON.stringify(entry)}`);
    const text =
      `{\n  "format": ${JSON.stringify(FORMAT)},\n  "version": ${VERSION},\n` +
      `  "entries": [\n${lines.join(",\n")}\n  ]\n}\n`;

    const temporary = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(temporary, "w", 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.file);
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

function parseJournal(text: string, path: string): JournalEntry[] {
  const fix = "move it away, or pass --journal with another path.";

  // This tool never leaves an empty journal (it writes whole files and renames them),
  // so one was made by hand; it records nothing, but taking it as new is not ours to do.
  if (text.trim() === "") {
    throw new UsageError(
      `--journal ${path} is empty, so it is not a journal: delete it and this run starts a ` +
        "new one there, or pass --journal with another path.",
    );
  }

  let value: { format?: unknown; version?: unknown; entries?: unknown };
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--journal ${path} is not valid JSON: ${fix}`);
  }

  if (value?.format !== FORMAT || !Array.isArray(value.entries)) {
    throw new UsageError(`--journal ${path} is not a journal of add-free-pictures: ${fix}`);
  }

  if (value.version !== VERSION) {
    throw new UsageError(
      `--journal ${path} has version ${String(value.version)}; this tool reads ${VERSION}: ${fix}`,
    );
  }

  // The journal is rewritten whole on every change: an entry left out here would be lost.
  value.entries.forEach((entry: unknown, index) => {
    const problem = entryProblem(entry);
    if (problem === undefined) return;

    const file = (entry as { file?: unknown } | null)?.file;
    const named = typeof file === "string" ? ` (file ${JSON.stringify(file)})` : "";
    throw new UsageError(
      `--journal ${path}: entry ${index + 1}${named} is not one this tool writes ` +
        `(${problem}): fix or remove that entry, or pass --journal with another path.`,
    );
  });

  return value.entries as JournalEntry[];
}

const isText = (value: unknown) => typeof value === "string";
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const OUTCOMES: readonly unknown[] = ["sending", "uploaded", "failed", "unknown"];

const REQUIRED: Array<[keyof JournalEntry, (value: unknown) => boolean]> = [
  ["sha256", (value) => isText(value) && value !== ""],
  ["size", isCount],
  ["file", isText],
  ["target", isText],
  ["member", (value) => value === null || isCount(value)],
  ["outcome", (value) => OUTCOMES.includes(value)],
  ["time", isText],
];
const OPTIONAL: Array<[keyof JournalEntry, (value: unknown) => boolean]> = [
  ["reason", isText],
  ["httpStatus", isCount],
  ["attempts", isCount],
];

/** What keeps `value` from being a JournalEntry, or undefined when nothing does. */
function entryProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "it is not an object";
  }
  const entry = value as Record<string, unknown>;

  const required = REQUIRED.find(([name, valid]) => !valid(entry[name]));
  if (required) return `its "${required[0]}" is missing or wrong`;

  const optional = OPTIONAL.find(([name, valid]) => name in entry && !valid(entry[name]));
  return optional && `its "${optional[0]}" is wrong`;
}
