import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { cutImages } from "../../src/debug-fetch.js";
import { exitCodeFor } from "../../src/exit-code.js";
import { Logger, type OutputMode } from "../../src/logger.js";

function capture(mode: OutputMode, tty = false) {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty, columns: 100 });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty, columns: 100 });
  const text = { out: "", err: "" };
  stdout.on("data", (chunk) => (text.out += chunk));
  stderr.on("data", (chunk) => (text.err += chunk));

  return { logger: new Logger({ mode, debug: true, stdout, stderr }), text };
}

const uploaded = {
  event: "uploaded",
  file: "a.jpg",
  sha256: "ab",
  bytes: 2048,
  attempts: 1,
} as const;

describe("Logger", () => {
  it("prints results on stdout and problems on stderr off a terminal", () => {
    const { logger, text } = capture("plain");

    logger.emit(uploaded);
    logger.emit({ event: "skipped", path: "b.jpg", code: "empty", reason: "is empty." });

    expect(text.out).toBe("uploaded  a.jpg (2.0 KiB)\n");
    expect(text.err).toBe("skipped   b.jpg: is empty.\n");
  });

  it("prints JSON lines with a time, and nothing on stderr", () => {
    const { logger, text } = capture("json");

    logger.emit(uploaded);

    expect(JSON.parse(text.out)).toMatchObject({ ...uploaded, time: expect.any(String) });
    expect(text.err).toBe("");
  });

  it("replaces a registered secret in every stream", () => {
    const { logger, text } = capture("json");
    logger.redact("s3cret-token");

    logger.emit({ event: "error", code: "internal", message: "bad s3cret-token" });
    logger.debug("Authorization: Bearer s3cret-token");

    expect(`${text.out}${text.err}`).not.toContain("s3cret-token");
    expect(text.out).toContain("[REDACTED]");
  });

  it("shows control characters in names and reasons escaped, but not in JSON", () => {
    const plain = capture("plain");
    const json = capture("json");
    const event = { ...uploaded, file: "a\u001b[2K\r\nb\u202e.jpg" };

    plain.logger.emit(event);
    json.logger.emit(event);

    expect(plain.text.out).toBe("uploaded  a\\u001b[2K\\r\\nb\\u202e.jpg (2.0 KiB)\n");
    expect(JSON.parse(json.text.out).file).toBe(event.file);
  });

  it("keeps a summary on several lines", () => {
    const { logger, text } = capture("plain");

    logger.emit({
      event: "summary",
      target: "the embedded mock",
      member: null,
      dryRun: false,
      toSend: 1,
      requests: 1,
      uploaded: 1,
      failed: 0,
      unknown: 0,
      skipped: 0,
      notSent: 0,
      alreadyUploaded: 0,
      unknownLeftAlone: 1,
      inputProblems: 0,
      bytesUploaded: 10,
      interrupted: false,
      authRefused: false,
      exitCode: 1,
      durationMs: 5,
      journal: "/tmp/j\nson",
    });

    expect(text.out.split("\n")).toEqual([
      expect.stringMatching(/^Done: 1 uploaded/),
      expect.stringMatching(/^1 picture left alone: an earlier run could not tell/),
      "Journal: /tmp/j\\nson",
      "",
    ]);
  });

  it("on a terminal draws a bar with problems above it and the summary after it", () => {
    const { logger, text } = capture("tty", true);

    logger.startProgress({ picturesDone: 0, picturesTotal: 2, bytesDone: 0, bytesTotal: 4096 });
    logger.emit(uploaded);
    logger.emit({
      event: "failed",
      file: "b.jpg",
      sha256: "cd",
      bytes: 2048,
      attempts: 1,
      reason: "HTTP 400",
    });
    logger.progress({ picturesDone: 2, picturesTotal: 2, bytesDone: 4096, bytesTotal: 4096 });
    logger.stopProgress();

    expect(text.err).toMatch(/2\/2 \| 4\.0 KiB of 4\.0 KiB/);
    expect(text.err).toContain("failed    b.jpg: HTTP 400");
    expect(text.err).not.toContain("uploaded  a.jpg");
  });
});

describe("cutImages", () => {
  it("keeps the first characters of each base64 image and its length", () => {
    const body = JSON.stringify({ Pictures: [{ Image: `/9j/4AAQ${"A".repeat(100)}` }] });

    expect(cutImages(body)).toBe('{"Pictures":[{"Image":"/9j/4AAQ...[108 chars]"}]}');
  });
});

describe("exitCodeFor", () => {
  const clean = {
    interrupted: false,
    authRefused: false,
    failed: 0,
    unknown: 0,
    unknownLeftAlone: 0,
    notSent: 0,
    inputProblems: 0,
  };

  it("puts interruption, refusal, failure and input problems in that order", () => {
    expect(exitCodeFor(clean)).toBe(0);
    expect(exitCodeFor({ ...clean, inputProblems: 1 })).toBe(2);
    expect(exitCodeFor(clean, { byStrict: true })).toBe(2);
    expect(exitCodeFor(clean, { byJournal: true })).toBe(1);
    expect(exitCodeFor({ ...clean, inputProblems: 1 }, { byJournal: true })).toBe(1);
    expect(exitCodeFor({ ...clean, inputProblems: 1, unknownLeftAlone: 1 })).toBe(1);
    expect(exitCodeFor({ ...clean, inputProblems: 1, notSent: 1 })).toBe(1);
    expect(exitCodeFor({ ...clean, failed: 1, authRefused: true })).toBe(3);
    expect(exitCodeFor({ ...clean, authRefused: true, interrupted: true })).toBe(130);
  });
});
