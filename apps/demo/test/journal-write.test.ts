import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type RunningFaultServer, startFaultServer } from "@adultwork-api/mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { oneByOneArgs, runCli, startCli, TOKEN } from "./helpers/cli.js";
import { readJournal } from "./helpers/journal.js";
import { tempDir, writePictures } from "./helpers/pictures.js";

let dir: ReturnType<typeof tempDir>;
let server: RunningFaultServer;
let journal: string;

beforeEach(() => {
  dir = tempDir();
  journal = join(dir.path, "journal.json");
  mkdirSync(join(dir.path, "pics"));
  writePictures(join(dir.path, "pics"), 4);
});

afterEach(async () => {
  await server.close();
  dir.remove();
});

/** Once `held` requests are held, turns the journal into a folder, then answers them. */
async function breakJournalOnceHeld(held: number) {
  await server.waitForRequests(held);
  rmSync(journal);
  mkdirSync(journal);
  server.release(200);
}

describe("a journal that can no longer be written in the middle of a run", () => {
  it("reports every upload, stops with one line, sends no more, sums up and exits 1", async () => {
    // Two requests are held; the journal turns into a folder while they are in flight.
    server = await startFaultServer((request) =>
      request.index < 2 ? { hang: true } : { status: 200 },
    );
    const cli = startCli(oneByOneArgs(["pics"], server.url, journal, ["--concurrency", "2"]), {
      cwd: dir.path,
      env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
    });
    await breakJournalOnceHeld(2);
    const result = await cli.done;

    expect(result.code).toBe(1);
    expect(server.received).toHaveLength(2);
    const uploaded = result.events.filter((event) => event.event === "uploaded");
    expect(uploaded.map((event) => event.file).sort()).toEqual(["pics/p1.jpg", "pics/p2.jpg"]);

    const errors = result.events.filter((event) => event.event === "error");
    expect(errors).toEqual([
      {
        event: "error",
        code: "journal",
        message: expect.stringMatching(
          new RegExp(
            `^--journal ${journal} could not be written \\(EISDIR\\), so the run stopped and ` +
              "started no more requests: check that it is still a file you can write, then " +
              "run the same command again\\. Uploaded and listed in the output, but not " +
              "recorded in the journal .*: pics/p[12]\\.jpg, pics/p[12]\\.jpg\\.$",
          ),
        ),
        time: expect.any(String),
      },
    ]);
    expect(result.events.filter((event) => event.event === "not-sent")).toMatchObject([
      { pictures: 2, reason: "not sent: the journal could not be written." },
    ]);
    expect(result.events.at(-1)).toMatchObject({
      event: "summary",
      requests: 2,
      uploaded: 2,
      failed: 0,
      unknown: 0,
      notSent: 2,
      exitCode: 1,
    });
    expect(result.stderr).toBe("");
  });

  it("says the same in one line for people, before the summary", async () => {
    server = await startFaultServer((request) =>
      request.index === 0 ? { hang: true } : { status: 200 },
    );
    const args = oneByOneArgs(["pics"], server.url, journal).filter((arg) => arg !== "--json");
    const cli = startCli(args, { cwd: dir.path, env: { ADULTWORK_ACCESS_TOKEN: TOKEN } });
    await breakJournalOnceHeld(1);
    const result = await cli.done;

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^uploaded {2}pics\/p1\.jpg /m);
    expect(result.stderr.match(/^add-free-pictures: /gm)).toHaveLength(1);
    expect(result.stderr).toMatch(/^3 pictures not sent: the journal could not be written; /m);
    expect(result.stderr).toMatch(
      /^add-free-pictures: --journal .* could not be written \(EISDIR\).*: pics\/p1\.jpg\.$/m,
    );
    expect(result.stdout).toMatch(/^Done: 1 uploaded, 0 failed, 0 unknown, 0 skipped, 3 not sent/m);
    expect(server.received).toHaveLength(1);
  });
});

describe("a journal that fills its disk in the middle of a write", () => {
  it("is put back as it was: the next run sends every picture, none taken as unknown", async () => {
    server = await startFaultServer(() => ({ status: 200 }));
    writePictures(join(dir.path, "pics"), 40);
    const args = ["pics", "--base-url", server.url, "--journal", journal, "--json"];
    const options = { cwd: dir.path, env: { ADULTWORK_ACCESS_TOKEN: TOKEN } };

    // The 40 `sending` lines of the one request come to about 10 KiB.
    const full = await runCli(args, { ...options, maxFileKiB: 8 });

    expect(full.code).toBe(1);
    expect(server.received).toHaveLength(0);
    expect(full.events.find((event) => event.event === "error")).toMatchObject({
      code: "journal",
      message: expect.stringMatching(/could not be written \(EFBIG\)/),
    });
    expect(readJournal(journal)).toEqual([]);

    const again = await runCli(args, options);

    expect(again.code).toBe(0);
    expect(again.events.at(-1)).toMatchObject({ uploaded: 40, unknownLeftAlone: 0 });
    expect(server.received).toHaveLength(1);
  });
});

describe("a journal that cannot be rewritten as a run starts", () => {
  it("is refused before anything is sent, with the fix for its error", async () => {
    server = await startFaultServer(() => ({ status: 200 }));
    const entries = Array.from({ length: 60 }, (_, at) => ({
      sha256: at.toString(16).padStart(64, "0"),
      size: 1,
      file: `old/p${at}.jpg`,
      target: server.url,
      member: null,
      outcome: "uploaded",
      time: "2025-06-01T10:00:00.000Z",
    }));
    writeFileSync(
      journal,
      JSON.stringify({ format: "add-free-pictures journal", version: 1, entries }),
    );

    const result = await runCli(["pics", "--base-url", server.url, "--journal", journal], {
      cwd: dir.path,
      env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
      maxFileKiB: 8,
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `add-free-pictures: --journal ${journal} cannot be written (EFBIG): it reached the ` +
        "largest file size allowed here (ulimit -f): raise that limit, or pass --journal with " +
        "another path.\n",
    );
    expect(server.received).toHaveLength(0);
  });
});
