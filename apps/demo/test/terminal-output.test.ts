import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type RunningFaultServer, startFaultServer } from "@adultwork-api/mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, TOKEN } from "./helpers/cli.js";
import { readJournal } from "./helpers/journal.js";
import { useMockAndTempDir } from "./helpers/mock-fixture.js";
import { makeJpeg } from "./helpers/pictures.js";

const fx = useMockAndTempDir();

/** Terminal escapes (CSI sequences) taken out, as a person would see the text. */
const visible = (text: string) => text.replace(/\p{Cc}\[[0-9;?]*[A-Za-z]/gu, "");

/** Any control character but the line break. */
const CONTROL_BUT_NEWLINE = /[^\P{Cc}\n]/u;

describe("on a terminal", () => {
  let server: RunningFaultServer;

  afterEach(async () => {
    await server.close();
  });

  it("prints a problem line longer than the terminal whole, and keeps line wrapping on", async () => {
    const name = "a-picture-with-a-rather-long-name-from-the-holiday-in-the-mountains.jpg";
    writeFileSync(join(fx.dir.path, name), makeJpeg(1));
    server = await startFaultServer([{ status: 400, body: '{"Message":"bad picture"}' }]);

    const result = await runCli([name, "--base-url", server.url], {
      cwd: fx.dir.path,
      env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
      fakeTty: true,
    });

    expect(result.code).toBe(1);
    // "\e[?7l" turns the terminal's wrapping off, which cuts every longer line at 80 columns.
    expect(result.stderr).not.toContain("\u001b[?7l");
    const line = visible(result.stderr)
      .split("\n")
      .find((text) => text.includes(`failed    ${name}: `));
    expect(line?.length).toBeGreaterThan(80);
    expect(line).toMatch(/\(HTTP 400\)$/);
  });

  it("shows an escape code in a file name escaped, above the bar", async () => {
    const name = "red\u001b[31mfake.jpg";
    writeFileSync(join(fx.dir.path, name), makeJpeg(2));
    server = await startFaultServer([{ status: 400 }]);

    const result = await runCli([name, "--base-url", server.url], {
      cwd: fx.dir.path,
      env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
      fakeTty: true,
    });

    expect(result.stderr).toContain("failed    red\\u001b[31mfake.jpg: ");
    expect(result.stderr).not.toContain("\u001b[31m");
  });
});

describe("file names with control characters", () => {
  const names = ["red\u001b[31mname.jpg", "back\rfake.jpg", "clear\u001b[2K.jpg", "two\nlines.jpg"];

  const run = (...extra: string[]) =>
    runCli([".", "--base-url", fx.mock.url, ...extra], {
      cwd: fx.dir.path,
      env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
    });

  beforeEach(() => {
    names.forEach((name, index) => {
      writeFileSync(join(fx.dir.path, name), makeJpeg(10 + index));
    });
  });

  it("are shown escaped in plain lines, one line per picture", async () => {
    const result = await run();

    expect(result.code).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(CONTROL_BUT_NEWLINE);
    const uploaded = result.stdout.split("\n").filter((line) => line.startsWith("uploaded  "));
    expect(uploaded).toHaveLength(4);
    for (const shown of [
      "red\\u001b[31mname.jpg",
      "back\\rfake.jpg",
      "clear\\u001b[2K.jpg",
      "two\\nlines.jpg",
    ]) {
      expect(result.stdout).toContain(`uploaded  ${shown} (`);
    }
  });

  it("are shown escaped when a later run replays them from the journal", async () => {
    await run();
    renameSync(join(fx.dir.path, "red\u001b[31mname.jpg"), join(fx.dir.path, "renamed.jpg"));

    const result = await run();

    expect(result.stdout).toMatch(
      /skipped {3}renamed\.jpg: was uploaded at .* as red\\u001b\[31mname\.jpg\./,
    );
    expect(result.stdout).not.toContain("\u001b");
  });

  it("are kept as they are in --json, where JSON escapes them", async () => {
    const result = await run("--json");

    const files = result.events.filter((e) => e.event === "uploaded").map((e) => e.file);
    expect(files.sort()).toEqual([...names].sort());
  });
});

describe("a short access token", () => {
  it("is not replaced inside other words", async () => {
    writeFileSync(join(fx.dir.path, "p.jpg"), makeJpeg(3));

    const result = await runCli(["p.jpg", "--base-url", fx.mock.url], {
      cwd: fx.dir.path,
      env: { ADULTWORK_ACCESS_TOKEN: "t" },
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`to ${fx.mock.url} in `);
    expect(result.stdout).toContain("Journal: ");
    expect(`${result.stdout}${result.stderr}`).not.toContain("[REDACTED]");
  });
});

describe("the summary after an outcome the server left unclear", () => {
  let server: RunningFaultServer;

  afterEach(async () => {
    await server.close();
  });

  it("gives the reason the journal recorded, not an interruption", async () => {
    writeFileSync(join(fx.dir.path, "p.jpg"), makeJpeg(4));
    server = await startFaultServer([{ reset: true }]);
    const run = () =>
      runCli(["p.jpg", "--base-url", server.url, "--journal", "j.json"], {
        cwd: fx.dir.path,
        env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
      });

    expect((await run()).code).toBe(1);
    const [entry] = readJournal(join(fx.dir.path, "j.json")) as Array<{ reason?: string }>;
    const result = await run();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`(${entry?.reason})`);
    expect(result.stdout).toMatch(
      /1 picture left alone: an earlier run could not tell whether the server got them/,
    );
    expect(result.stdout).not.toMatch(/stopped while sending/);
    expect(readFileSync(join(fx.dir.path, "j.json"), "utf8")).not.toContain(TOKEN);
  });
});
