import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Journal, type JournalEntry } from "../../src/journal.js";
import { tempDir } from "../helpers/pictures.js";

const dir = tempDir();
afterAll(() => dir.remove());

const entry = (overrides: Partial<JournalEntry>): JournalEntry => ({
  sha256: "a".repeat(64),
  size: 10,
  file: "a.jpg",
  target: "https://api-sandbox.adultwork.com",
  member: null,
  outcome: "uploaded",
  time: "2025-01-01T00:00:00.000Z",
  ...overrides,
});

describe("Journal", () => {
  it("starts empty when the file does not exist", () => {
    expect(Journal.open(join(dir.path, "none.json")).all()).toEqual([]);
  });

  it("keeps the latest entry per picture, target and member, leaving no temp file", () => {
    const path = join(dir.path, "j.json");
    const journal = Journal.open(path);

    journal.record([entry({ outcome: "sending" })]);
    journal.record([entry({ outcome: "uploaded" }), entry({ member: 5, outcome: "failed" })]);

    const reopened = Journal.open(path);
    expect(reopened.find("a".repeat(64), "https://api-sandbox.adultwork.com", null)?.outcome).toBe(
      "uploaded",
    );
    expect(reopened.find("a".repeat(64), "https://api-sandbox.adultwork.com", 5)?.outcome).toBe(
      "failed",
    );
    expect(reopened.find("a".repeat(64), "http://127.0.0.1:1", null)).toBeUndefined();
    expect(readdirSync(dir.path).filter((name) => name.includes(".tmp"))).toEqual([]);
  });

  it("reads an entry left as sending as unknown", () => {
    const path = join(dir.path, "killed.json");
    Journal.open(path).record([entry({ outcome: "sending" })]);

    const found = Journal.open(path).find(
      "a".repeat(64),
      "https://api-sandbox.adultwork.com",
      null,
    );
    expect(found).toMatchObject({ outcome: "unknown", reason: expect.stringContaining("stopped") });
  });

  it("writes one entry per line", () => {
    const path = join(dir.path, "lines.json");
    Journal.open(path).record([entry({}), entry({ member: 2 })]);

    expect(
      readFileSync(path, "utf8")
        .split("\n")
        .filter((line) => line.includes('"sha256"')),
    ).toHaveLength(2);
  });

  it("refuses a file that is not its journal, naming the fix", () => {
    const path = join(dir.path, "other.json");
    writeFileSync(path, '{"hello": 1}');
    expect(() => Journal.open(path)).toThrow(/is not a journal of add-free-pictures: move it away/);

    writeFileSync(path, "{broken");
    expect(() => Journal.open(path)).toThrow(/is not valid JSON/);
  });
});
