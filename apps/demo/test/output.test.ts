import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, TOKEN } from "./helpers/cli.js";
import { readJournal } from "./helpers/journal.js";
import { useMockAndTempDir } from "./helpers/mock-fixture.js";
import { SAMPLES } from "./helpers/pictures.js";

const fx = useMockAndTempDir();

const run = (args: string[], env: Record<string, string> = {}) =>
  runCli([SAMPLES, "--base-url", fx.mock.url, ...args], {
    cwd: fx.dir.path,
    env: { ADULTWORK_ACCESS_TOKEN: TOKEN, ...env },
  });

describe("--json", () => {
  it("prints one JSON object per event with the documented fields", async () => {
    const result = await run(["--json"]);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split("\n")).toHaveLength(result.events.length);

    const uploaded = result.events.filter((e) => e.event === "uploaded");
    expect(uploaded).toHaveLength(4);
    expect(Object.keys(uploaded[0] ?? {}).sort()).toEqual(
      ["attempts", "bytes", "event", "file", "httpStatus", "sha256", "time"].sort(),
    );

    const summary = result.events.at(-1) ?? {};
    expect(Object.keys(summary).sort()).toEqual(
      [
        "alreadyUploaded",
        "authRefused",
        "bytesUploaded",
        "dryRun",
        "durationMs",
        "event",
        "exitCode",
        "failed",
        "inputProblems",
        "interrupted",
        "journal",
        "member",
        "notSent",
        "requests",
        "skipped",
        "target",
        "time",
        "toSend",
        "unknown",
        "unknownLeftAlone",
        "uploaded",
      ].sort(),
    );
    expect(summary).toMatchObject({ event: "summary", uploaded: 4, exitCode: 0 });
  });

  it("reports a usage error as an error event", async () => {
    const result = await run(["--json", "--as-member", "x"]);

    expect(result.code).toBe(2);
    expect(result.events).toEqual([
      expect.objectContaining({
        event: "error",
        code: "usage",
        message: expect.stringContaining("--as-member"),
      }),
    ]);
  });
});

describe("plain output off a terminal", () => {
  it("prints one line per picture and a summary, with no control codes", async () => {
    const result = await run([]);
    const lines = result.stdout.trim().split("\n");

    expect(lines.filter((line) => line.startsWith("uploaded  "))).toHaveLength(4);
    expect(lines.at(-2)).toMatch(/^Done: 4 uploaded/);
    expect(`${result.stdout}${result.stderr}`).not.toContain("\u001b");
  });
});

describe("--dry-run", () => {
  it("checks every file, shows the batches and sends nothing", async () => {
    const result = await run(["--dry-run", "--json", "--max-request-bytes", "120KB"]);

    expect(result.code).toBe(0);
    expect(fx.mock.received).toEqual([]);
    expect(existsSync(join(fx.dir.path, "add-free-pictures.journal.json"))).toBe(false);

    const batches = result.events.filter((e) => e.event === "batch");
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(batch.bytes).toBeLessThanOrEqual(120_000);
    expect(batches.flatMap((b) => b.files as string[])).toHaveLength(4);
  });

  it("needs no token, even for a real target", async () => {
    const result = await runCli([SAMPLES, "--dry-run", "--target", "live"], {
      cwd: fx.dir.path,
      denyNetwork: true,
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^batch 1: 4 pictures/m);
    expect(result.stdout).toMatch(
      /Dry run for the live site: 4 pictures would go in 1 request; nothing was sent/,
    );
  });
});

describe("--as-member", () => {
  it("sends to the group manager's endpoint with the member's UserID", async () => {
    const result = await run(["--as-member", "123456"]);

    expect(result.code).toBe(0);
    expect(fx.mock.received[0]?.path).toBe("/v1/Groups/Pictures/AddFreePictures");
    expect(JSON.parse(fx.mock.received[0]?.body ?? "{}").UserID).toBe(123456);

    const journal = readJournal(join(fx.dir.path, "add-free-pictures.journal.json"));
    expect(journal.every((entry) => entry.member === 123456)).toBe(true);
  });
});

describe("debug output", () => {
  it("shows request sizes and timings, with images cut and the token left out", async () => {
    const result = await run([], { DEBUG: "add-free-pictures" });

    expect(result.stderr).toMatch(
      /debug -> POST http:\/\/127\.0\.0\.1:\d+\/v1\/Pictures\/AddFreePictures [\d.]+ KiB/,
    );
    expect(result.stderr).toMatch(/debug <- 200 .* in \d+ ms/);
    expect(result.stderr).toMatch(/"Image":"\/9j\/4AAQ\w*\.\.\.\[\d+ chars\]"/);
    expect(result.stderr).not.toMatch(/[A-Za-z0-9+/]{200}/);
    expect(result.stderr).not.toContain(TOKEN);
  });

  it("sends each request as a run without it does", async () => {
    await run(["--journal", "plain.journal.json"]);
    const plain = fx.mock.received.map((request) => request.headers);
    fx.mock.received.length = 0;
    await run(["--journal", "debug.journal.json"], { DEBUG: "add-free-pictures" });
    const debugged = fx.mock.received.map((request) => request.headers);

    expect(debugged.length).toBeGreaterThan(0);
    expect(debugged).toEqual(plain);
  });
});

describe("--help", () => {
  it("documents the options and the exit codes", async () => {
    const result = await runCli(["--help"], { cwd: fx.dir.path });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Exit codes\n\s+0 .*\n\s+1 .*\n\s+2 .*\n\s+3 .*\n\s+130 /);
  });
});

describe("the journal", () => {
  it("records hash, size, target, member, outcome and time for each picture", async () => {
    await run([]);

    const [entry] = readJournal(join(fx.dir.path, "add-free-pictures.journal.json"));
    expect(entry).toMatchObject({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      size: expect.any(Number),
      target: fx.mock.url,
      member: null,
      outcome: "uploaded",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(readFileSync(join(fx.dir.path, "add-free-pictures.journal.json"), "utf8")).not.toContain(
      TOKEN,
    );
  });
});
