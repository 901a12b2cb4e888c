import { readFileSync } from "node:fs";

export interface JournalLine {
  sha256: string;
  file: string;
  target: string;
  member: number | null;
  outcome: string;
  reason?: string;
  size: number;
  time: string;
}

/**
 * The journal's latest entry per picture, target and member, in the order each first
 * appears, read the way the README tells a reader to (and so proven valid JSON).
 */
export function readJournal(path: string): JournalLine[] {
  const parsed = parseWhenWhole(path) as { format: string; entries: JournalLine[] };
  if (parsed.format !== "add-free-pictures journal") throw new Error(`${path} is not a journal`);

  const latest = new Map<string, JournalLine>();
  for (const entry of parsed.entries) {
    latest.set(`${entry.sha256} ${entry.target} ${entry.member}`, entry);
  }

  return [...latest.values()];
}

/** File name -> outcome, for compact assertions. */
export function outcomesByFile(path: string): Record<string, string> {
  return Object.fromEntries(
    readJournal(path).map((entry) => [entry.file.split("/").pop() as string, entry.outcome]),
  );
}

/** A run may be appending while a test reads: a read that catches it half done is retried. */
function parseWhenWhole(path: string): unknown {
  for (let tries = 1; ; tries++) {
    try {
      return JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      if (tries === 40) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
}
