import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type RunningMock, startMock } from "@adultwork-api/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, TOKEN } from "./helpers/cli.js";
import { decodedImages, SAMPLES, tempDir } from "./helpers/pictures.js";

const sampleFiles = readdirSync(SAMPLES)
  .filter((name) => name.endsWith(".jpg"))
  .sort();

describe("the demo on the samples, against the Prism mock", () => {
  let mock: RunningMock;
  const dir = tempDir();

  beforeAll(async () => {
    mock = await startMock({ record: true });
  });

  afterAll(async () => {
    await mock.close();
    dir.remove();
  });

  it("uploads every sample and the mock receives each file's exact bytes", async () => {
    const result = await runCli([SAMPLES, "--base-url", mock.url], {
      cwd: dir.path,
      env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
    });

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^uploaded /gm)).toHaveLength(sampleFiles.length);
    expect(result.stdout).toMatch(/Done: 4 uploaded, 0 failed, 0 unknown, 0 skipped/);

    const received = mock.received.flatMap((request) => decodedImages(request.body));
    const files = sampleFiles.map((name) => readFileSync(join(SAMPLES, name)));
    expect(received).toEqual(files);
    expect(mock.received.every((r) => r.path === "/v1/Pictures/AddFreePictures")).toBe(true);
  });

  it("keeps the token out of its output and its journal", async () => {
    const result = await runCli(
      [SAMPLES, "--base-url", mock.url, "--debug", "--journal", "j.json"],
      {
        cwd: dir.path,
        env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
      },
    );
    const journal = readFileSync(join(dir.path, "j.json"), "utf8");

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/debug -> POST/);
    for (const text of [result.stdout, result.stderr, journal]) expect(text).not.toContain(TOKEN);
  });
});
