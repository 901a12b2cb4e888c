import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Journal, type JournalEntry } from "../../src/journal.js";
import { locateJournal } from "../../src/journal-file.js";
import { JournalWriteError } from "../../src/journal-write-error.js";
import { tempDir } from "../helpers/pictures.js";

const dir = tempDir();
afterAll(() => dir.remove());

const open = async (path: string) => Journal.open(await locateJournal(path));

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

const journalText = (entries: unknown[]) =>
  JSON.stringify({ format: "add-free-pictures journal", version: 1, entries });

describe("Journal", () => {
  it("starts empty when the file does not exist", async () => {
    expect((await open(join(dir.path, "none.json"))).all()).toEqual([]);
  });

  it("keeps the latest entry per picture, target and member, leaving no temp file", async () => {
    const path = join(dir.path, "j.json");
    const journal = await open(path);

    journal.record([entry({ outcome: "sending" })]);
    journal.record([entry({ outcome: "uploaded" }), entry({ member: 5, outcome: "failed" })]);

    const reopened = await open(path);
    expect(reopened.find("a".repeat(64), "https://api-sandbox.adultwork.com", null)?.outcome).toBe(
      "uploaded",
    );
    expect(reopened.find("a".repeat(64), "https://api-sandbox.adultwork.com", 5)?.outcome).toBe(
      "failed",
    );
    expect(reopened.find("a".repeat(64), "http://127.0.0.1:1", null)).toBeUndefined();
    expect(readdirSync(dir.path).filter((name) => name.includes(".tmp"))).toEqual([]);
  });

  it("reads an entry left as sending as unknown", async () => {
    const path = join(dir.path, "killed.json");
    (await open(path)).record([entry({ outcome: "sending" })]);

    const found = (await open(path)).find(
      "a".repeat(64),
      "https://api-sandbox.adultwork.com",
      null,
    );
    expect(found).toMatchObject({ outcome: "unknown", reason: expect.stringContaining("stopped") });
  });

  it("writes one entry per line", async () => {
    const path = join(dir.path, "lines.json");
    (await open(path)).record([entry({}), entry({ member: 2 })]);

    expect(
      readFileSync(path, "utf8")
        .split("\n")
        .filter((line) => line.includes('"sha256"')),
    ).toHaveLength(2);
  });

  it("refuses a file that is not its journal, naming the fix", async () => {
    const path = join(dir.path, "other.json");
    writeFileSync(path, '{"hello": 1}');
    await expect(open(path)).rejects.toThrow(/is not a journal of add-free-pictures: move it away/);

    writeFileSync(path, "{broken");
    await expect(open(path)).rejects.toThrow(/is not valid JSON/);
  });

  it("refuses a malformed entry, naming it and its field, rather than dropping it", async () => {
    const path = join(dir.path, "bad-entry.json");
    writeFileSync(
      path,
      journalText([entry({}), { ...entry({ file: "b.jpg" }), outcome: "maybe" }]),
    );

    await expect(open(path)).rejects.toThrow(
      /entry 2 \(file "b\.jpg"\) is not one this tool writes \(its "outcome" is missing or wrong\)/,
    );
  });

  it("keeps fields it does not know when it rewrites an entry's neighbours", async () => {
    const path = join(dir.path, "extra.json");
    writeFileSync(path, journalText([{ ...entry({}), note: "kept" }]));

    (await open(path)).record([entry({ member: 3 })]);

    expect(readFileSync(path, "utf8")).toContain('"note":"kept"');
  });

  it("refuses a folder or a device, naming what it is", async () => {
    const folder = join(dir.path, "a-folder");
    mkdirSync(folder);

    await expect(open(folder)).rejects.toThrow(
      /a-folder is a folder, not a regular file: .*such as .*a-folder\/add-free-pictures\.journal/,
    );
    await expect(open("/dev/full")).rejects.toThrow(
      /--journal \/dev\/full is a device, not a regular file/,
    );
  });

  it("writes through a symbolic link to the journal it points to", async () => {
    const real = join(dir.path, "real.json");
    const link = join(dir.path, "link.json");
    (await open(real)).record([entry({})]);
    symlinkSync(real, link);

    (await open(link)).record([entry({ member: 4 })]);

    expect(readFileSync(real, "utf8")).toContain('"member":4');
  });

  it("creates the journal at the target of a link that points to no file yet", async () => {
    const link = join(dir.path, "dangling.json");
    symlinkSync("later/made.json", link);
    mkdirSync(join(dir.path, "later"));

    (await open(link)).record([entry({})]);

    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir.path, "later", "made.json"), "utf8")).toContain('"a.jpg"');
  });

  it("appends each change, the file staying valid JSON, and compacts it when written whole", async () => {
    const path = join(dir.path, "appended.json");
    const journal = await open(path);
    journal.record([]);
    const shaOf = (text: string) => entriesIn(text).map((line) => line.sha256[0]);

    journal.record([entry({ outcome: "sending" }), entry({ sha256: "b".repeat(64) })]);
    journal.record([entry({ outcome: "uploaded" })]);

    const appended = readFileSync(path, "utf8");
    expect(shaOf(appended)).toEqual(["a", "b", "a"]);
    expect(entriesIn(appended).map((line) => line.outcome)).toEqual([
      "sending",
      "uploaded",
      "uploaded",
    ]);

    const reopened = await open(path);
    expect(reopened.all().map((line) => `${line.sha256[0]} ${line.outcome}`)).toEqual([
      "a uploaded",
      "b uploaded",
    ]);
    reopened.record([]);
    expect(shaOf(readFileSync(path, "utf8"))).toEqual(["a", "b"]);
  });

  it("reads a journal whose last write was cut off, keeping the whole entries before it", async () => {
    const path = join(dir.path, "cut.json");
    const journal = await open(path);
    journal.record([entry({ sha256: "b".repeat(64) })]);
    journal.record([entry({ outcome: "sending" })]);
    const whole = readFileSync(path, "utf8");

    // Cut inside the line that says the picture was uploaded: its `sending` line stays.
    journal.record([entry({ outcome: "uploaded" })]);
    const longer = readFileSync(path, "utf8");
    writeFileSync(path, longer.slice(0, whole.length + 30));

    const reopened = await open(path);
    expect(reopened.cutShort).toBe(true);
    expect(reopened.all().map((line) => `${line.sha256[0]} ${line.outcome}`)).toEqual([
      "b uploaded",
      "a unknown",
    ]);
    expect((await open(join(dir.path, "appended.json"))).cutShort).toBe(false);
  });

  it("reads again, beside a run that holds the lock, until a change half made is done", async () => {
    const path = join(dir.path, "live.json");
    const journal = await open(path);
    journal.record([entry({})]);
    journal.record([entry({ member: 1 })]);
    const whole = readFileSync(path, "utf8");
    // What a reader sees while the old end is written over: old lines, then new ones.
    writeFileSync(path, `${whole.slice(0, whole.lastIndexOf("\n    {"))}\n  ]\n}\n${whole}`);
    writeFileSync(`${path}.lock`, "{}");
    setTimeout(() => writeFileSync(path, whole), 50);

    const beside = await Journal.open(await locateJournal(path), true);

    expect(beside.cutShort).toBe(false);
    expect(beside.all()).toHaveLength(2);
  });

  it("reads once when no run holds the lock, a torn journal being then what it is", async () => {
    const path = join(dir.path, "torn.json");
    const journal = await open(path);
    journal.record([entry({})]);
    const whole = readFileSync(path, "utf8");
    writeFileSync(path, whole.slice(0, -20));

    const beside = await Journal.open(await locateJournal(path), true);

    expect(beside.cutShort).toBe(true);
  });

  it("refuses a journal broken in the middle, rather than drop the entries after it", async () => {
    const path = join(dir.path, "middle.json");
    const journal = await open(path);
    journal.record([entry({}), entry({ member: 1 }), entry({ member: 2 })]);

    const lines = readFileSync(path, "utf8").split("\n");
    lines[5] = "    {broken";
    writeFileSync(path, lines.join("\n"));

    await expect(open(path)).rejects.toThrow(/middle\.json is not valid JSON: move it/);
  });

  it("throws a JournalWriteError with the code when a write fails, leaving no tmp", async () => {
    const folder = join(dir.path, "gone");
    mkdirSync(folder);
    const journal = await open(join(folder, "j.json"));
    rmSync(folder, { recursive: true });

    expect(() => journal.record([])).toThrow(
      expect.objectContaining({ name: "JournalWriteError", code: "ENOENT" }),
    );
    expect(readdirSync(dir.path).filter((name) => name.includes(".tmp"))).toEqual([]);
  });

  it("throws a JournalWriteError when an append fails, then writes it all whole", async () => {
    const path = join(dir.path, "replaced.json");
    const journal = await open(path);
    journal.record([entry({ outcome: "sending" })]);
    rmSync(path);
    mkdirSync(path);

    expect(() => journal.record([entry({ outcome: "uploaded" })])).toThrow(
      new JournalWriteError(path, "EISDIR", { cause: undefined }),
    );

    rmSync(path, { recursive: true });
    journal.record([entry({ sha256: "b".repeat(64) })]);
    expect(entriesIn(readFileSync(path, "utf8")).map((line) => line.outcome)).toEqual([
      "uploaded",
      "uploaded",
    ]);
  });
});

function entriesIn(text: string): JournalEntry[] {
  return (JSON.parse(text) as { entries: JournalEntry[] }).entries;
}
