import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as wait } from "node:timers/promises";
import { type RunningFaultServer, startFaultServer } from "@adultwork-api/mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { oneByOneArgs, runCli, startCli, TOKEN } from "./helpers/cli.js";
import { outcomesByFile } from "./helpers/journal.js";
import { makeJpeg, sha256, tempDir, writePictures } from "./helpers/pictures.js";

let dir: ReturnType<typeof tempDir>;
let server: RunningFaultServer;
let journal: string;

const args = (...extra: string[]) => oneByOneArgs(["."], server.url, journal, extra);
const options = () => ({ cwd: dir.path, env: { ADULTWORK_ACCESS_TOKEN: TOKEN } });

/**
 * The command started on a server that holds its first request open, once it is held;
 * `pick` trims its arguments, which name that server.
 */
async function whileTheFirstRequestHangs(pick = (all: string[]) => all) {
  server = await startFaultServer([{ hang: true }]);
  const cli = startCli(pick(args()), options());
  await server.waitForRequests(1);

  return cli;
}

/** The same, after one Ctrl-C that the command has acknowledged. */
async function ctrlCWhileTheFirstRequestHangs(pick?: (all: string[]) => string[]) {
  const cli = await whileTheFirstRequestHangs(pick);
  cli.child.kill("SIGINT");
  await cli.waitFor(/stopping once the requests in flight finish/);

  return cli;
}

/** Ctrl-C again, pressed apart from the last one (presses closer together count as one). */
async function ctrlCAgain(cli: ReturnType<typeof startCli>) {
  await wait(700);
  cli.child.kill("SIGINT");
}

beforeEach(() => {
  dir = tempDir();
  journal = join(dir.path, "journal.json");
  writePictures(dir.path, 4);
});

afterEach(async () => {
  await server.close();
  dir.remove();
});

describe("SIGKILL in the middle of a request", () => {
  it("leaves a journal that matches the server; the resumed run sends none twice", async () => {
    // The second request is held unanswered, so the kill lands while it is in flight.
    server = await startFaultServer((request) =>
      request.index === 1 ? { hang: true } : { status: 200 },
    );

    const cli = startCli(args(), options());
    await server.waitForRequests(2);
    cli.child.kill("SIGKILL");
    const killed = await cli.done;

    expect(killed.signal).toBe("SIGKILL");
    expect(outcomesByFile(journal)).toEqual({ "p1.jpg": "uploaded", "p2.jpg": "sending" });
    expect(readdirSync(dir.path).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    // SIGKILL gives no chance to clean up: the lock stays, naming the killed run.
    expect(JSON.parse(readFileSync(`${journal}.lock`, "utf8"))).toMatchObject({
      pid: cli.child.pid,
    });

    const resumed = await runCli(args(), options());
    expect(resumed.code).toBe(1);
    expect(resumed.events.find((e) => e.code === "stale-lock")).toMatchObject({
      event: "warning",
      message: expect.stringContaining(`was left by a run that is gone (pid ${cli.child.pid},`),
    });
    expect(existsSync(`${journal}.lock`)).toBe(false);
    expect(outcomesByFile(journal)).toEqual({
      "p1.jpg": "uploaded",
      "p2.jpg": "unknown",
      "p3.jpg": "uploaded",
      "p4.jpg": "uploaded",
    });
    expect(resumed.events.find((e) => e.path === "p2.jpg")).toMatchObject({
      code: "unknown-earlier",
    });

    const received = server.received.flatMap((r) => r.pictures.map((p) => sha256(p.image)));
    expect(new Set(received).size).toBe(received.length);
    expect(received).toHaveLength(4);

    // The held request was never answered, so sending p2 again stores it exactly once.
    const retried = await runCli(args("--retry-unknown"), options());
    const accepted = server.accepted().flatMap((r) => r.pictures.map((p) => sha256(p.image)));
    expect(retried.code).toBe(0);
    expect(accepted).toHaveLength(4);
    expect(new Set(accepted).size).toBe(4);
  });
});

describe("Ctrl-C", () => {
  it("once: lets the request in flight finish, sends no more, and exits 130", async () => {
    const cli = await ctrlCWhileTheFirstRequestHangs();
    server.release(200);
    const result = await cli.done;

    expect(result.code).toBe(130);
    expect(outcomesByFile(journal)).toEqual({ "p1.jpg": "uploaded" });
    expect(result.events.filter((e) => e.code === "not-sent")).toHaveLength(3);
    expect(result.events.filter((e) => e.event === "not-sent")).toMatchObject([
      { pictures: 3, reason: expect.stringMatching(/interrupted/) },
    ]);
    expect(result.events.at(-1)).toMatchObject({
      event: "summary",
      interrupted: true,
      uploaded: 1,
      // The journal and its lock, which are in the folder too, are the two skips.
      skipped: 2,
      notSent: 3,
    });
    expect(server.received).toHaveLength(1);
    expect(existsSync(`${journal}.lock`)).toBe(false);
  });

  it("once: counts the pictures not sent in one line, apart from the skips", async () => {
    const cli = await ctrlCWhileTheFirstRequestHangs((all) =>
      all.filter((arg) => arg !== "--json"),
    );
    server.release(200);
    const result = await cli.done;

    expect(result.code).toBe(130);
    expect(result.stderr).not.toMatch(/skipped/);
    expect(result.stderr.match(/not sent/g)).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^3 pictures not sent: the run was interrupted; run the same command again to send them$/m,
    );
    expect(result.stdout).toMatch(
      /Interrupted: 1 uploaded, 0 failed, 0 unknown, 2 skipped, 3 not sent/,
    );
  });

  it("twice: aborts the request in flight and records its pictures as unknown", async () => {
    const cli = await ctrlCWhileTheFirstRequestHangs();
    await ctrlCAgain(cli);
    const result = await cli.done;

    expect(result.code).toBe(130);
    expect(outcomesByFile(journal)).toEqual({ "p1.jpg": "unknown" });
    expect(result.events.at(-1)).toMatchObject({ interrupted: true, unknown: 1 });
    expect(existsSync(`${journal}.lock`)).toBe(false);
  });
});

describe("a signal that ends the run at once", () => {
  it.each(["SIGTERM", "SIGHUP", "SIGQUIT"] as const)(
    "%s: aborts the request in flight, records it as unknown, sums up and exits 130",
    async (signal) => {
      const cli = await whileTheFirstRequestHangs();
      cli.child.kill(signal);
      const result = await cli.done;

      expect(result).toMatchObject({ code: 130, signal: null });
      expect(outcomesByFile(journal)).toEqual({ "p1.jpg": "unknown" });
      expect(result.events.at(-1)).toMatchObject({
        event: "summary",
        interrupted: true,
        unknown: 1,
        notSent: 3,
        exitCode: 130,
      });
      expect(existsSync(`${journal}.lock`)).toBe(false);
      expect(server.received).toHaveLength(1);
    },
  );
});

describe("a second signal that ends the run", () => {
  it.each(["SIGTERM", "SIGHUP", "SIGQUIT"] as const)(
    "%s: ends a run that hangs at once, removing its lock, with one line and exit 130",
    async (signal) => {
      server = await startFaultServer([]);
      writeFileSync(join(dir.path, "stuck.jpg"), makeJpeg(9));
      const cli = startCli(args(), { ...options(), stuckRead: true });
      await cli.waitFor(/STUCK READ STARTED/);

      cli.child.kill(signal);
      await cli.waitFor(/aborting the requests in flight/);
      cli.child.kill(signal);
      const result = await cli.done;

      expect(result).toMatchObject({ code: 130, signal: null });
      expect(result.events.at(-1)).toMatchObject({
        event: "warning",
        code: "stopping",
        message: expect.stringMatching(
          new RegExp(`^${signal} while already stopping: ending at once`),
        ),
      });
      expect(result.events.some((event) => event.event === "summary")).toBe(false);
      expect(existsSync(`${journal}.lock`)).toBe(false);
      expect(server.received).toHaveLength(0);
    },
  );
});

describe("one Ctrl-C followed by pnpm's own signal", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s: stops gently once; the request in flight finishes and is uploaded",
    async (signal) => {
      // It comes once the Ctrl-C is handled, as pnpm's does, not merged into it.
      const cli = await ctrlCWhileTheFirstRequestHangs();
      cli.child.kill(signal);
      await wait(100);
      server.release(200);
      const result = await cli.done;

      expect(result.code).toBe(130);
      expect(result.events.filter((event) => event.event === "warning")).toMatchObject([
        { code: "stopping", message: expect.stringMatching(/^stopping once/) },
      ]);
      expect(outcomesByFile(journal)).toEqual({ "p1.jpg": "uploaded" });
    },
  );
});

describe("Ctrl-C during a wait before a retry", () => {
  it("ends the wait, sends no retry, and records the picture as failed", async () => {
    // Without the stop, the client would wait out the server's minute before trying again.
    server = await startFaultServer([{ status: 429, retryAfter: 60 }]);
    const cli = startCli(args(), options());
    await server.waitForRequests(1);

    cli.child.kill("SIGINT");
    const result = await cli.done;

    expect(result.code).toBe(130);
    expect(server.received).toHaveLength(1);
    expect(outcomesByFile(journal)).toEqual({ "p1.jpg": "failed" });
    expect(result.events.find((event) => event.event === "failed")).toMatchObject({
      httpStatus: 429,
      reason: expect.stringMatching(/the upload was stopped before it could be tried again/),
    });
  });
});

describe("a third Ctrl-C", () => {
  it("ends a run that hangs at once, removing its lock, with one line and exit 130", async () => {
    server = await startFaultServer([]);
    writeFileSync(join(dir.path, "stuck.jpg"), makeJpeg(9));
    const cli = startCli(args(), { ...options(), stuckRead: true });
    await cli.waitFor(/STUCK READ STARTED/);

    cli.child.kill("SIGINT");
    await cli.waitFor(/stopping once the requests in flight finish/);
    await ctrlCAgain(cli);
    await cli.waitFor(/aborting the requests in flight/);
    await ctrlCAgain(cli);
    const result = await cli.done;

    expect(result).toMatchObject({ code: 130, signal: null });
    expect(result.events.at(-1)).toMatchObject({
      event: "warning",
      code: "stopping",
      message: expect.stringMatching(/^SIGINT while already stopping: ending at once/),
    });
    expect(existsSync(`${journal}.lock`)).toBe(false);
  });
});

describe("Ctrl-C at any moment", () => {
  it.each([0, 100])("%d ms into the run: every file is counted once, sent or not", async (ms) => {
    server = await startFaultServer(() => ({ status: 200 }));
    writePictures(dir.path, 100, 10);
    const cli = startCli(args(), options());
    // The lock comes after the signal handlers, and before any file is read.
    while (!existsSync(`${journal}.lock`)) await wait(5);
    await wait(ms);
    cli.child.kill("SIGINT");
    const result = await cli.done;

    const summary = result.events.at(-1) as Record<
      "uploaded" | "failed" | "unknown" | "notSent" | "skipped",
      number
    >;
    const journalAndLock = 2;
    expect(result.code).toBe(130);
    expect(
      summary.uploaded + summary.failed + summary.unknown + summary.notSent + summary.skipped,
    ).toBe(100 + journalAndLock);
    expect(summary.uploaded).toBe(server.received.length);
  });
});
