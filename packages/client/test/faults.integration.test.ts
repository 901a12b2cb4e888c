import { type FaultStep, type RunningFaultServer, startFaultServer } from "@adultwork-api/mock";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../src/node.js";
import { TOKEN } from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";

let server: RunningFaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const pictures = [0, 1, 2].map((i) => ({ image: makeJpeg(8, 8, i + 50), name: `${i}.jpg` }));

async function uploadThrough(script: FaultStep[], timeoutMs?: number, signal?: AbortSignal) {
  server = await startFaultServer(script);
  const client = createClient({
    accessToken: TOKEN,
    baseUrl: server.url,
    timeoutMs,
    retry: { maxDelayMs: 0 },
  });
  const report = await client.uploadPictures(pictures, { maxPicturesPerRequest: 1, signal });

  return { report, server };
}

describe("against the fault server on loopback", () => {
  it("sends again after 503 and 429, and the API stores each picture once", async () => {
    const { report, server } = await uploadThrough([
      { status: 503, retryAfter: 0 },
      { status: 200 },
      { status: 429, retryAfter: "0" },
      { status: 429 },
    ]);

    expect(report.outcomes.map((o) => [o.status, o.attempts])).toEqual([
      ["uploaded", 2],
      ["uploaded", 3],
      ["uploaded", 1],
    ]);
    const stored = server.accepted().flatMap((r) => r.pictures.map((p) => p.image));
    expect(stored).toEqual(pictures.map((p) => p.image));
  });

  it("never sends again after a reset or a 500: those pictures are unknown", async () => {
    const { report, server } = await uploadThrough([{ reset: true }, { status: 500 }]);

    expect(report.outcomes.map((o) => [o.status, o.attempts, o.httpStatus])).toEqual([
      ["unknown", 1, undefined],
      ["unknown", 1, 500],
      ["uploaded", 1, 200],
    ]);
    expect(server.resets()).toBe(1);
    expect(server.received).toHaveLength(2);
  });

  it("gives up on silence after timeoutMs without sending again", async () => {
    const { report, server } = await uploadThrough([{ hang: true }], 300);

    expect(report.outcomes[0]).toMatchObject({
      status: "unknown",
      reason: "no answer within 300 ms",
    });
    expect(report.uploaded).toBe(2);
    expect(server.received).toHaveLength(3);
  });

  it("stops at once when aborted during silence", async () => {
    const controller = new AbortController();
    server = await startFaultServer([{ hang: true }]);
    const client = createClient({ accessToken: TOKEN, baseUrl: server.url });
    const done = client.uploadPictures(pictures, {
      maxPicturesPerRequest: 1,
      signal: controller.signal,
    });

    await server.waitForRequests(1);
    controller.abort();
    const report = await done;

    expect(report.outcomes.map((o) => o.status)).toEqual(["unknown", "failed", "failed"]);
    expect(report.aborted).toBe(true);
    expect(server.received).toHaveLength(1);
  });
});
