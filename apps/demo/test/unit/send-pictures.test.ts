import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@adultwork-api/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunEvent } from "../../src/events.js";
import type { CheckedFile } from "../../src/inspect-pictures.js";
import { Interrupts } from "../../src/interrupt.js";
import { Journal } from "../../src/journal.js";
import { locateJournal } from "../../src/journal-file.js";
import { sendPictures } from "../../src/send-pictures.js";
import { makeJpeg, sha256, tempDir } from "../helpers/pictures.js";

let dir: ReturnType<typeof tempDir>;
let interrupts: Interrupts;

beforeEach(() => {
  dir = tempDir();
  interrupts = new Interrupts(
    () => {},
    () => {},
  );
});

afterEach(() => {
  interrupts.dispose();
  dir.remove();
});

const picture = (seed: number): CheckedFile => {
  const bytes = makeJpeg(seed);
  return {
    path: `p${seed}.jpg`,
    absolute: `/x/p${seed}.jpg`,
    sha256: sha256(bytes),
    size: bytes.length,
    description: undefined,
    content: new Blob([new Uint8Array(bytes)]),
  };
};

/**
 * Sends two pictures through a client whose fetch counts what it is asked to send;
 * `accessToken` runs as the client calls it, after onBatchStart.
 */
async function sendTwo(journal: Journal, maxRequestBytes: number, accessToken = () => "token") {
  const counted = { requests: 0 };
  const uploader = createClient({
    accessToken,
    baseUrl: "http://127.0.0.1:9",
    fetch: async () => {
      counted.requests++;
      return new Response(null, { status: 200 });
    },
  });
  const events: RunEvent[] = [];

  const sent = await sendPictures([picture(1), picture(2)], {
    uploader,
    journal,
    targetKey: "http://127.0.0.1:9",
    member: null,
    maxRequestBytes,
    concurrency: 1,
    interrupts,
    emit: (event) => events.push(event),
    startProgress: () => {},
    progress: () => {},
  });

  return { sent, events, requests: counted.requests };
}

describe("sendPictures", () => {
  it("sends nothing once the journal cannot take a request's `sending` entry", async () => {
    const path = join(dir.path, "journal.json");
    const journal = await Journal.open(await locateJournal(path));
    journal.record([]);
    rmSync(path);
    mkdirSync(path);

    const { sent, events, requests } = await sendTwo(journal, 2500);

    expect(requests).toBe(0);
    expect(sent).toMatchObject({ journalFailed: true, tally: { requests: 0, uploaded: 0 } });
    expect(events).toEqual([
      ...["p1.jpg", "p2.jpg"].map((file) =>
        expect.objectContaining({
          event: "skipped",
          path: file,
          code: "not-sent",
          reason: "not sent: the journal could not be written.",
        }),
      ),
      {
        event: "error",
        code: "journal",
        message: expect.stringMatching(
          /could not be written \(EISDIR\), .* Every picture uploaded is recorded in it\.$/,
        ),
      },
    ]);
  });

  it("counts a batch that a stop kept back after it was journaled as not sent", async () => {
    const journal = await Journal.open(await locateJournal(join(dir.path, "journal.json")));
    journal.record([]);
    // Called after onBatchStart: a Ctrl-C that lands just then stops the batch.
    const { sent, events, requests } = await sendTwo(journal, 8000, () => {
      process.emit("SIGINT");
      return "test-token";
    });

    expect(requests).toBe(0);
    expect(sent.tally).toMatchObject({ requests: 0, failed: 0, uploaded: 0 });
    expect(events.filter((event) => event.event !== "warning")).toEqual(
      ["p1.jpg", "p2.jpg"].map((path) =>
        expect.objectContaining({ event: "skipped", path, code: "not-sent" }),
      ),
    );
    // The journal gives the reason the output gave.
    const notSent = {
      outcome: "failed",
      attempts: 0,
      reason: "not sent: the run was interrupted.",
    };
    expect(
      journal.all().map(({ outcome, attempts, reason }) => ({ outcome, attempts, reason })),
    ).toEqual([notSent, notSent]);
  });
});
