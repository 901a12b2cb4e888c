import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
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

/**
 * The journal file: the latest entry per (picture, target, member). Each change rewrites
 * it through a temporary file and a rename, so a reader (or the next run, after a crash
 * or SIGKILL) sees the old file or the new one, never half of one.
 */
export class Journal {
  private entries = new Map<string, JournalEntry>();

  private constructor(readonly path: string) {}

  static open(path: string): Journal {
    const journal = new Journal(path);

    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return journal;
      throw new UsageError(
        `--journal ${path} cannot be read (${(error as NodeJS.ErrnoException).code}): ` +
          "check its permissions, or pass --journal with another path.",
      );
    }

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

    const temporary = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(temporary, "w", 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.path);
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

function parseJournal(text: string, path: string): JournalEntry[] {
  const fix = "move it away, or pass --journal with another path.";

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

  return value.entries.filter(isEntry);
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as Partial<JournalEntry> | null;

  return (
    typeof entry?.sha256 === "string" &&
    typeof entry.target === "string" &&
    (entry.member === null || typeof entry.member === "number") &&
    ["sending", "uploaded", "failed", "unknown"].includes(entry.outcome as string)
  );
}
