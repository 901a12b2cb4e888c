import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { type FaultStep, startFaultServer } from "@adultwork-api/mock";
import { beforeEach, describe, expect, it } from "vitest";
import { type CliResult, runCli, startCli, TOKEN } from "./helpers/cli.js";
import { readJournal } from "./helpers/journal.js";
import { useMockAndTempDir } from "./helpers/mock-fixture.js";
import { writePictures } from "./helpers/pictures.js";

const fx = useMockAndTempDir();
const env = { ADULTWORK_ACCESS_TOKEN: TOKEN };
// Root may signal any process and write anywhere: some checks run as "nobody" instead.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

let journal: string;
let lock: string;

beforeEach(() => {
  mkdirSync(join(fx.dir.path, "pics"));
  writePictures(join(fx.dir.path, "pics"), 2);
  journal = join(fx.dir.path, "journal.json");
  lock = `${journal}.lock`;
});

const args = (url: string, ...extra: string[]) => [
  "pics",
  "--base-url",
  url,
  "--journal",
  journal,
  ...extra,
];
const run = (url: string, ...extra: string[]) =>
  runCli(args(url, ...extra), { cwd: fx.dir.path, env });

const writeLock = (path: string, owner: Record<string, unknown>) =>
  writeFileSync(
    path,
    JSON.stringify({ host: hostname(), started: "2025-06-01T10:00:00.000Z", ...owner }),
  );

/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid as number;

/** `text` as a pattern that matches it literally. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A refusal: one line on stderr (exactly `message`, if a string), exit 2, no stack trace. */
function expectRefused(result: CliResult, message: string | RegExp) {
  expect(result.code).toBe(2);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  if (typeof message === "string") expect(result.stderr).toBe(`${message}\n`);
  else expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe("a journal locked by a live run", () => {
  it("refuses before sending, naming the journal, the pid, its start and the fixes", async () => {
    writeLock(lock, { pid: process.pid });

    const result = await run(fx.mock.url);

    expectRefused(
      result,
      `add-free-pictures: --journal ${journal} is in use by another run (pid ${process.pid}, ` +
        "started 2025-06-01T10:00:00.000Z): wait for it to finish, or pass --journal with " +
        `another path; delete ${lock} if that run is gone (another program may have its pid ` +
        "now).",
    );
    expect(fx.mock.received).toEqual([]);
    expect(JSON.parse(readFileSync(lock, "utf8"))).toMatchObject({ pid: process.pid });
    expect(existsSync(journal)).toBe(false);
  });

  it("counts a run of another user, which it may not signal, as alive", async () => {
    chmodSync(fx.dir.path, 0o777);
    writeLock(lock, { pid: process.pid });

    const result = await runCli(args(fx.mock.url), { cwd: fx.dir.path, env, ...asUser });

    expectRefused(result, /is in use by another run/);
    expect(fx.mock.received).toEqual([]);
  });

  it("refuses with --json as a usage error event", async () => {
    writeLock(lock, { pid: process.pid });

    const result = await run(fx.mock.url, "--json");

    expect(result.code).toBe(2);
    expect(result.events).toMatchObject([
      { event: "error", code: "usage", message: expect.stringMatching(/in use by another run/) },
    ]);
  });

  it("refuses a lock from another host, saying to delete it if that run is gone", async () => {
    writeLock(lock, { pid: 4242, host: "other-machine" });

    const result = await run(fx.mock.url);

    expectRefused(
      result,
      `add-free-pictures: --journal ${journal} is locked by a run on the host other-machine ` +
        "(pid 4242, started 2025-06-01T10:00:00.000Z), which cannot be checked from here: " +
        `wait for it to finish, or delete ${lock} if that run is gone.`,
    );
    expect(fx.mock.received).toEqual([]);
  });

  it("does not stop a dry run, which writes no journal and takes no lock", async () => {
    writeLock(lock, { pid: process.pid });

    const result = await run(fx.mock.url, "--dry-run");

    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(lock, "utf8"))).toMatchObject({ pid: process.pid });
  });
});

describe("a stale lock", () => {
  it("is taken over when its run is gone, with a warning, and removed at the end", async () => {
    const pid = deadPid();
    writeLock(lock, { pid });

    const result = await run(fx.mock.url, "--json");

    expect(result.code).toBe(0);
    expect(result.events[0]).toMatchObject({
      event: "warning",
      code: "stale-lock",
      message: expect.stringContaining(`was left by a run that is gone (pid ${pid}, started`),
    });
    expect(fx.mock.received).toHaveLength(1);
    expect(readJournal(journal).map((entry) => entry.outcome)).toEqual(["uploaded", "uploaded"]);
    expect(readdirSync(fx.dir.path).sort()).toEqual(["journal.json", "pics"]);
  });
});

describe("the lock is removed when a run ends", () => {
  it("after a run that uploads everything", async () => {
    const result = await run(fx.mock.url);

    expect(result.code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it.each<[string, FaultStep, number]>([
    ["pictures failed", { status: 400 }, 1],
    ["the token was refused", { status: 401 }, 3],
  ])("after a run where %s", async (_, step, code) => {
    const server = await startFaultServer(() => step);
    try {
      const result = await run(server.url);

      expect(result.code).toBe(code);
      expect(existsSync(lock)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("after a usage error found once the lock was taken (a journal that is not JSON)", async () => {
    writeFileSync(journal, "not json");

    const result = await run(fx.mock.url);

    expectRefused(result, /--journal .*journal\.json is not valid JSON/);
    expect(existsSync(lock)).toBe(false);
    expect(fx.mock.received).toEqual([]);
  });

  it("after stdout is closed by its reader (EPIPE)", async () => {
    const cli = startCli(args(fx.mock.url, "--json"), { cwd: fx.dir.path, env });
    cli.child.stdout?.destroy();

    const result = await cli.done;

    expect(result.code).toBe(0);
    expect(readJournal(journal).map((entry) => entry.outcome)).toEqual(["uploaded", "uploaded"]);
    expect(existsSync(lock)).toBe(false);
  });
});

describe("two runs started together on one journal", () => {
  it.each([
    ["no lock", false],
    ["a stale lock", true],
  ])("with %s: exactly one sends, the other refuses, the journal stays whole", async (_, stale) => {
    if (stale) writeLock(lock, { pid: deadPid() });
    // The first request is held until the end, so the run that sends it keeps the lock.
    const server = await startFaultServer((request) =>
      request.index === 0 ? { hang: true } : { status: 200 },
    );
    try {
      const runs = [0, 1].map(() =>
        startCli(args(server.url, "--json"), { cwd: fx.dir.path, env }),
      );

      const first = await Promise.race(runs.map((cli) => cli.done));
      await server.waitForRequests(1);
      server.release(200);
      const results = await Promise.all(runs.map((cli) => cli.done));

      expect(first.code).toBe(2);
      expect(first.events).toMatchObject([
        {
          event: "error",
          code: "usage",
          // Which of the three refusals comes depends on how far the winner has got.
          message: expect.stringMatching(/in use by another run|being locked by (a|another) run/),
        },
      ]);
      expect(results.map((result) => result.code).sort()).toEqual([0, 2]);
      expect(server.received).toHaveLength(1);
      expect(readJournal(journal).map((entry) => entry.outcome)).toEqual(["uploaded", "uploaded"]);
      expect(readdirSync(fx.dir.path).sort()).toEqual(["journal.json", "pics"]);
    } finally {
      await server.close();
    }
  });
});

describe("a linked journal", () => {
  beforeEach(() => {
    mkdirSync(join(fx.dir.path, "real"));
    writeFileSync(
      join(fx.dir.path, "real", "journal.json"),
      JSON.stringify({ format: "add-free-pictures journal", version: 1, entries: [] }),
    );
    symlinkSync(join(fx.dir.path, "real", "journal.json"), journal);
  });

  it("is locked at the file it points to", async () => {
    writeLock(join(fx.dir.path, "real", "journal.json.lock"), { pid: process.pid });

    const result = await run(fx.mock.url);

    expectRefused(result, new RegExp(`--journal ${literal(journal)} is in use by another run`));
    expect(fx.mock.received).toEqual([]);
  });

  it("is not locked by a lock next to the link", async () => {
    writeLock(lock, { pid: process.pid });

    const result = await run(fx.mock.url);

    expect(result.code).toBe(0);
    expect(existsSync(join(fx.dir.path, "real", "journal.json.lock"))).toBe(false);
    expect(JSON.parse(readFileSync(lock, "utf8"))).toMatchObject({ pid: process.pid });
  });
});

describe("a linked journal whose target does not exist yet", () => {
  let target: string;

  beforeEach(() => {
    target = join(fx.dir.path, "target.json");
    symlinkSync("target.json", journal);
  });

  it("creates the journal at the target and keeps the link", async () => {
    const result = await run(fx.mock.url);

    expect(result.code).toBe(0);
    expect(lstatSync(journal).isSymbolicLink()).toBe(true);
    expect(readJournal(target).map((entry) => entry.outcome)).toEqual(["uploaded", "uploaded"]);
    expect(readdirSync(fx.dir.path).sort()).toEqual(["journal.json", "pics", "target.json"]);
  });

  it("follows a chain of links to the target", async () => {
    const chain = join(fx.dir.path, "chain.json");
    symlinkSync("journal.json", chain);

    const result = await runCli(["pics", "--base-url", fx.mock.url, "--journal", chain], {
      cwd: fx.dir.path,
      env,
    });

    expect(result.code).toBe(0);
    expect(readJournal(target)).toHaveLength(2);
    expect(lstatSync(chain).isSymbolicLink()).toBe(true);
  });

  it("is locked at the target: a live lock there refuses the run", async () => {
    writeLock(`${target}.lock`, { pid: process.pid });

    const result = await run(fx.mock.url);

    expectRefused(result, new RegExp(`--journal ${literal(journal)} is in use by another run`));
    expect(fx.mock.received).toEqual([]);
  });

  it("shares its lock with a run given the target, which refuses while it sends", async () => {
    // The first request is held, so the run through the link keeps the lock meanwhile.
    const server = await startFaultServer((request) =>
      request.index === 0 ? { hang: true } : { status: 200 },
    );
    const argsFor = (path: string) => ["pics", "--base-url", server.url, "--journal", path];
    try {
      const viaLink = startCli(argsFor(journal), { cwd: fx.dir.path, env });
      await server.waitForRequests(1);

      const viaTarget = await runCli(argsFor(target), { cwd: fx.dir.path, env });
      server.release(200);
      const sent = await viaLink.done;

      expectRefused(viaTarget, new RegExp(`--journal ${literal(target)} is in use by another`));
      expect(sent.code).toBe(0);
      expect(server.received).toHaveLength(1);
      expect(lstatSync(journal).isSymbolicLink()).toBe(true);
      expect(readJournal(target).map((entry) => entry.outcome)).toEqual(["uploaded", "uploaded"]);
    } finally {
      await server.close();
    }
  });
});

describe("a linked journal whose target cannot be reached", () => {
  it("refuses a loop of links, naming the link, its target and the fix", async () => {
    const other = join(fx.dir.path, "other.json");
    symlinkSync(other, journal);
    symlinkSync(journal, other);

    const result = await run(fx.mock.url);

    expectRefused(
      result,
      `add-free-pictures: --journal ${journal} is a symbolic link to ${other} that leads ` +
        "back to itself (ELOOP: a loop of links, or too many in a row): point it at the " +
        "journal file, or pass --journal with another path.",
    );
    expect(fx.mock.received).toEqual([]);
  });

  it("refuses a link into a folder that does not exist, naming both and the fix", async () => {
    symlinkSync("none/target.json", journal);

    const result = await run(fx.mock.url);

    expectRefused(
      result,
      `add-free-pictures: --journal ${journal} is a symbolic link to none/target.json, in a ` +
        `folder that does not exist: create ${join(fx.dir.path, "none")}, point the link at a ` +
        "file in a folder that exists, or pass --journal with another path.",
    );
    expect(readdirSync(fx.dir.path).sort()).toEqual(["journal.json", "pics"]);
  });
});

describe("a lock that is a symbolic link", () => {
  it.each([
    ["to nothing", "/nonexistent/x"],
    ["to a file", "lock-target"],
  ])("%s is refused with one line saying to remove it, and left alone", async (_, to) => {
    writeFileSync(join(fx.dir.path, "lock-target"), "not a lock");
    symlinkSync(to, lock);

    const result = await run(fx.mock.url);

    expectRefused(
      result,
      `add-free-pictures: --journal ${journal}: its lock ${lock} is a symbolic link, which no ` +
        "run of this tool makes: remove it, then run again.",
    );
    expect(fx.mock.received).toEqual([]);
    expect(readlinkSync(lock)).toBe(to);
    expect(readFileSync(join(fx.dir.path, "lock-target"), "utf8")).toBe("not a lock");
    expect(existsSync(journal)).toBe(false);
  });
});

describe("a lock that cannot be created", () => {
  it("stops the run with one line naming the lock and the fix", async () => {
    chmodSync(fx.dir.path, 0o755);
    const folder = join(fx.dir.path, "read-only");
    mkdirSync(folder, { mode: 0o555 });
    chmodSync(folder, 0o555);
    const inFolder = join(folder, "journal.json");

    const result = await runCli(["pics", "--base-url", fx.mock.url, "--journal", inFolder], {
      cwd: fx.dir.path,
      env,
      ...asUser,
    });

    expectRefused(
      result,
      `add-free-pictures: --journal ${inFolder}: its lock ${inFolder}.lock cannot be created ` +
        "(EACCES): pass --journal with a path in a folder you can write to.",
    );
    expect(fx.mock.received).toEqual([]);
  });
});
