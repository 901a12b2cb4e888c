import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPlanner } from "../../src/clients.js";
import type { Skip } from "../../src/events.js";
import { inspectPictures } from "../../src/inspect-pictures.js";
import { makeJpeg, tempDir } from "../helpers/pictures.js";

const dir = tempDir();
afterAll(() => dir.remove());

async function inspect(paths: string[], maxRequestBytes = 8 * 1024 * 1024) {
  const skipped: Skip[] = [];
  const checked = await inspectPictures(
    paths.map((path) => ({ path, absolute: path })),
    {
      captions: undefined,
      description: undefined,
      planner: createPlanner("planning-token", null),
      maxRequestBytes,
      onSkip: (skip) => skipped.push(skip),
      stopped: () => false,
    },
  );

  return { checked, skipped };
}

describe("inspectPictures", () => {
  it("keeps a JPEG and refuses a device or a folder as not a regular file", async () => {
    const good = join(dir.path, "good.jpg");
    const folder = join(dir.path, "folder.jpg");
    writeFileSync(good, makeJpeg(1));
    mkdirSync(folder);

    const { checked, skipped } = await inspect([good, "/dev/null", folder]);

    expect(checked.map((file) => file.path)).toEqual([good]);
    expect(skipped).toEqual([
      expect.objectContaining({
        path: "/dev/null",
        code: "not-a-file",
        reason: expect.stringMatching(/^is a device, not a regular file/),
      }),
      expect.objectContaining({
        path: folder,
        code: "not-a-file",
        reason: expect.stringMatching(/^is a folder, not a regular file/),
      }),
    ]);
  });

  it("refuses a file larger than the request budget without reading it", async () => {
    const big = join(dir.path, "big.jpg");
    writeFileSync(big, Buffer.alloc(5000));

    const { skipped } = await inspect([big], 4096);

    expect(skipped).toEqual([
      expect.objectContaining({ code: "too-large", reason: expect.stringMatching(/^is 4\.9 KiB/) }),
    ]);
  });
});
