import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli, TOKEN } from "./helpers/cli.js";
import { readJournal } from "./helpers/journal.js";
import { useMockAndTempDir } from "./helpers/mock-fixture.js";
import { writePictures } from "./helpers/pictures.js";

const fx = useMockAndTempDir();

it("resumes from a journal whose last write was cut off, and says so", async () => {
  mkdirSync(join(fx.dir.path, "pics"));
  writePictures(join(fx.dir.path, "pics"), 2);
  const journal = join(fx.dir.path, "journal.json");
  const run = () =>
    runCli(["pics", "--base-url", fx.mock.url, "--journal", journal, "--json"], {
      cwd: fx.dir.path,
      env: { ADULTWORK_ACCESS_TOKEN: TOKEN },
    });

  expect((await run()).code).toBe(0);
  const text = readFileSync(journal, "utf8");
  // Cut inside the last line: the outcome of the picture recorded last is lost.
  const lastLine = text.lastIndexOf('\n    {"sha256"');
  writeFileSync(journal, text.slice(0, lastLine + 40));
  fx.mock.received.length = 0;

  const resumed = await run();

  expect(resumed.events).toContainEqual(
    expect.objectContaining({
      event: "warning",
      code: "journal-cut-short",
      message: expect.stringContaining(`the journal ${journal} ends in a write that was cut off`),
    }),
  );
  expect(resumed.events.find((event) => event.event === "summary")).toMatchObject({
    alreadyUploaded: 1,
    unknownLeftAlone: 1,
  });
  expect(fx.mock.received).toEqual([]);
  expect(readJournal(journal).map((entry) => entry.outcome)).toEqual(["uploaded", "unknown"]);
});
