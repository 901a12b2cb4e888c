import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { type RunningMock, startMock } from "@adultwork-api/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRepositoryRoot } from "./support/repository-root.js";

const run = promisify(execFile);

const root = findRepositoryRoot();
const readme = await readFile(join(root, "README.md"), "utf8");
const firstCall = readme.split("## A first call")[1] ?? "";
const snippet = firstCall.match(/^```js\n([\s\S]*?)^```$/m)?.[1] ?? "";
const picture = snippet.match(/image: "([^"]+)"/)?.[1] ?? "";
const caption = snippet.match(/description: "([^"]+)"/)?.[1] ?? "";

// Saved next to where the reader saves first-call.mjs, so the client resolves as it does
// for them; a name of its own, so a reader's own first-call.mjs is left alone.
const scriptPath = join(root, `.first-call-test-${process.pid}.mjs`);

describe("the first call in the root README", () => {
  let mock: RunningMock;

  beforeAll(async () => {
    mock = await startMock({ record: true });
    expect(new URL(mock.url).hostname).toBe("127.0.0.1");
    await writeFile(scriptPath, snippet);
  });

  afterAll(async () => {
    await rm(scriptPath, { force: true });
    await mock?.close();
  });

  it("is a js block the README tells the reader to save as first-call.mjs", () => {
    expect(snippet).toContain('from "@adultwork-api/client"');
    expect(firstCall).toMatch(/save this as `first-call\.mjs` in the repository root/);
    expect(firstCall).toContain("`node first-call.mjs`");
    expect(picture).not.toBe("");
  });

  it("runs with node from the repository root and uploads its picture to the mock", async () => {
    // Only what the snippet reads: no real token or proxy setting leaks in.
    const env = { PATH: process.env.PATH, ADULTWORK_BASE_URL: mock.url };
    const { stdout } = await run(process.execPath, [scriptPath], { cwd: root, env });

    expect(stdout.match(/status: '\w+'/g)).toEqual(["status: 'uploaded'"]);

    expect(mock.received.map(({ method, path }) => `${method} ${path}`)).toEqual([
      "POST /v1/Pictures/AddFreePictures",
    ]);
    const body = JSON.parse(mock.received[0]?.body ?? "{}");
    const sent = Buffer.from(body.Pictures?.[0]?.Image ?? "", "base64");
    expect(sent.equals(await readFile(join(root, picture)))).toBe(true);
    expect(body.Pictures).toHaveLength(1);
    expect(body.Pictures[0].Description).toBe(caption);
  });
});
