import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startFaultServer } from "@adultwork-api/mock";
import { afterEach, expect, it } from "vitest";
import { oneByOneArgs, runCli, startCli, TOKEN } from "./helpers/cli.js";
import { tempDir, writePictures } from "./helpers/pictures.js";

const dir = tempDir();
afterEach(() => dir.remove());

it("a dry run beside a sending run says which picture that run is sending now", async () => {
  mkdirSync(join(dir.path, "pics"));
  writePictures(join(dir.path, "pics"), 2);
  const journal = join(dir.path, "journal.json");
  const options = { cwd: dir.path, env: { ADULTWORK_ACCESS_TOKEN: TOKEN } };
  const server = await startFaultServer((request) =>
    request.index === 0 ? { hang: true } : { status: 200 },
  );

  try {
    const args = oneByOneArgs(["pics"], server.url, journal);
    const sending = startCli(args, options);
    await server.waitForRequests(1);

    const dry = await runCli([...args, "--dry-run"], options);
    server.release(200);
    const sent = await sending.done;

    expect(dry.code).toBe(0);
    expect(dry.events.filter((event) => event.event === "skipped")).toMatchObject([
      { path: "pics/p1.jpg", code: "being-sent", reason: expect.stringMatching(/is being sent/) },
    ]);
    expect(sent.code).toBe(0);
  } finally {
    await server.close();
  }
});
