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

const HEAD = `{\n  "format": ${JSON.stringify(FORMAT)},\n  "version": ${VERSION},\n  "entries": [\n`;

/** What closes the file; a change is appended by writing over it. */
export const TAIL = "\n  ]\n}\n";

const line = (entry: JournalEntry) => `    ${JSON.stringify(entry)}`;

/** The whole file: one entry per line, so it reads well and can be appended to. */
export function journalText(entries: readonly JournalEntry[]): string {
  return HEAD + entries.map(line).join(",\n") + TAIL;
}

/**
 * What to write where TAIL starts to add `entries` to a file that already holds `held`
 * of them. The file stays valid JSON, and an entry's later line outranks its earlier one.
 */
export function appendedText(entries: readonly JournalEntry[], held: number): string {
  return (held > 0 ? ",\n" : "") + entries.map(line).join(",\n") + TAIL;
}

/** A journal that does not parse: broken, or read while another run was changing it. */
export class NotJsonError extends UsageError {}

/** The entries of a journal file, and whether its last write was cut short. */
export interface ParsedJournal {
  entries: JournalEntry[];
  cutShort: boolean;
}

/** Reads the text of a journal file, or throws a UsageError that names `path` and a fix. */
export function parseJournal(text: string, path: string): ParsedJournal {
  const fix = "move it away, or pass --journal with another path.";

  // This tool never leaves an empty journal (its first write is a whole file, renamed
  // into place), so one was made by hand; taking it as new is not ours to do.
  if (text.trim() === "") {
    throw new UsageError(
      `--journal ${path} is empty, so it is not a journal: delete it and this run starts a ` +
        "new one there, or pass --journal with another path.",
    );
  }

  let value: { format?: unknown; version?: unknown; entries?: unknown };
  let cutShort = false;
  try {
    value = JSON.parse(text);
  } catch {
    const kept = entriesBeforeCut(text);
    if (kept === undefined) throw new NotJsonError(`--journal ${path} is not valid JSON: ${fix}`);

    value = { format: FORMAT, version: VERSION, entries: kept };
    cutShort = true;
  }

  if (value?.format !== FORMAT || !Array.isArray(value.entries)) {
    throw new UsageError(`--journal ${path} is not a journal of add-free-pictures: ${fix}`);
  }

  if (value.version !== VERSION) {
    throw new UsageError(
      `--journal ${path} has version ${String(value.version)}; this tool reads ${VERSION}: ${fix}`,
    );
  }

  // The journal is rewritten whole when a run starts: an entry left out would be lost.
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

  return { entries: value.entries as JournalEntry[], cutShort };
}

/**
 * The entries of a journal whose last append was cut short (the process killed in the
 * middle of a write, or the machine stopped before it reached the disk). Only text this
 * tool writes qualifies: its head, whole entry lines, then nothing but the broken end.
 * An entry is appended as `sending` before its request goes out, so losing the end can
 * turn a known outcome back into `sending` (read as unknown), never the other way.
 */
function entriesBeforeCut(text: string): unknown[] | undefined {
  if (!text.startsWith(HEAD)) return undefined;

  const found = text.slice(HEAD.length).split("\n").map(entryOnLine);
  const cut = found.indexOf(undefined);
  const end = cut === -1 ? found.length : cut;

  // A whole entry after the break means the file was changed in the middle, not cut.
  if (found.slice(end).some((entry) => entry !== undefined)) return undefined;

  return found.slice(0, end);
}

function entryOnLine(text: string): unknown {
  const match = /^ {4}(\{.*\}),?$/.exec(text);
  if (!match) return undefined;

  try {
    return JSON.parse(match[1] as string);
  } catch {
    return undefined;
  }
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
