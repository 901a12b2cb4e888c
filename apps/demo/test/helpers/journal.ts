import { readFileSync } from "node:fs";

export interface JournalLine {
  sha256: string;
  file: string;
  target: string;
  member: number | null;
  outcome: string;
  size: number;
  time: string;
}

/** The journal's entries, parsed (and so proven readable). */
export function readJournal(path: string): JournalLine[] {
  const parsed = JSON.parse(readFileSync(path, "utf8")) as {
    format: string;
    entries: JournalLine[];
  };
  if (parsed.format !== "add-free-pictures journal") throw new Error(`${path} is not a journal`);

  return parsed.entries;
}

/** File name -> outcome, for compact assertions. */
export function outcomesByFile(path: string): Record<string, string> {
  return Object.fromEntries(
    readJournal(path).map((entry) => [entry.file.split("/").pop() as string, entry.outcome]),
  );
}
