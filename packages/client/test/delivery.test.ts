import { afterEach, describe, expect, it, vi } from "vitest";
import { createClient as createBrowserClient } from "../src/index.js";
import { type ClientOptions, createClient, type UploadOptions } from "../src/node.js";
import {
  connectionRefused,
  connectionReset,
  fakeFetch,
  hangUntilAborted,
  type Reply,
  TEST_URL,
  TOKEN,
} from "./helpers/fetch.js";
import { jpegLike } from "./helpers/jpeg.js";
import { startLoopbackServer } from "./helpers/loopback-server.js";

const one = [{ image: jpegLike(20) }];

/** The status and delivery of each picture, uploaded through the Node entry. */
async function deliveries(
  reply: Reply,
  options: Partial<ClientOptions> = {},
  upload: UploadOptions = {},
  pictures: Parameters<ReturnType<typeof createClient>["uploadPictures"]>[0] = one,
) {
  const { fetch } = fakeFetch(reply);
  const client = createClient({
    accessToken: TOKEN,
    baseUrl: TEST_URL,
    fetch,
    retry: { maxDelayMs: 0 },
    ...options,
  });
  const report = await client.uploadPictures(pictures, upload);

  return report.outcomes.map(({ status, delivery }) => [status, delivery]);
}

const answer = (status: number) => () => new Response(null, { status });

afterEach(() => {
  vi.useRealTimers();
});

describe("delivery", () => {
  it.each([200, 201])("is answered for an uploaded picture (HTTP %i)", async (status) => {
    expect(await deliveries(answer(status))).toEqual([["uploaded", "answered"]]);
  });

  it.each([
    [400, "failed"],
    [401, "failed"],
    [413, "failed"],
    [429, "failed"],
    [503, "failed"],
    [302, "failed"],
    [500, "unknown"],
    [502, "unknown"],
  ])("is answered when the API answers HTTP %i, and the status is %s", async (code, status) => {
    expect(await deliveries(answer(code))).toEqual([[status, "answered"]]);
  });

  it("is not-sent for pictures kept back after the API refused the token", async () => {
    const pictures = [{ image: jpegLike(20) }, { image: jpegLike(30) }];

    const outcomes = await deliveries(answer(401), {}, { maxPicturesPerRequest: 1 }, pictures);

    expect(outcomes).toEqual([
      ["failed", "answered"],
      ["failed", "not-sent"],
    ]);
  });

  it("is not-sent when the accessToken function fails", async () => {
    const accessToken = () => Promise.reject(new Error("vault sealed"));

    expect(await deliveries(answer(200), { accessToken })).toEqual([["failed", "not-sent"]]);
  });

  it("is not-sent when the upload is aborted or stopped before sending", async () => {
    const aborted = await deliveries(answer(200), {}, { signal: AbortSignal.abort() });
    const stopped = await deliveries(answer(200), {}, { stopSignal: AbortSignal.abort() });

    expect([aborted, stopped]).toEqual([[["failed", "not-sent"]], [["failed", "not-sent"]]]);
  });

  it("is not-sent when the connection is refused, after the retries", async () => {
    const outcomes = await deliveries(() => Promise.reject(connectionRefused()));

    expect(outcomes).toEqual([["failed", "not-sent"]]);
  });

  it("is not-sent when nothing listens on a loopback port, through node:http", async () => {
    const closed = await startLoopbackServer();
    await closed.close();
    const client = createClient({
      accessToken: TOKEN,
      baseUrl: closed.url,
      retry: { maxDelayMs: 0 },
    });

    const report = await client.uploadPictures(one);

    expect(report.outcomes[0]).toMatchObject({ status: "failed", delivery: "not-sent" });
  });

  it("is not-sent when TLS refuses the server's certificate", async () => {
    const outcomes = await deliveries(() => {
      const cause = Object.assign(new Error("certificate has expired"), {
        code: "CERT_HAS_EXPIRED",
      });
      throw new TypeError("fetch failed", { cause });
    });

    expect(outcomes).toEqual([["failed", "not-sent"]]);
  });

  it("is not-sent for a picture that could not be read, while its batch is answered", async () => {
    const unreadable = new Blob([jpegLike(50)]);
    unreadable.arrayBuffer = () => Promise.reject(new Error("the disk went away"));

    const outcomes = await deliveries(answer(200), {}, {}, [
      { image: jpegLike(20) },
      { image: unreadable },
    ]);

    expect(outcomes).toEqual([
      ["uploaded", "answered"],
      ["failed", "not-sent"],
    ]);
  });

  it("is unanswered when the connection breaks after sending", async () => {
    const outcomes = await deliveries(() => Promise.reject(connectionReset()));

    expect(outcomes).toEqual([["unknown", "unanswered"]]);
  });

  it("is unanswered when the upload is aborted while the request is in flight", async () => {
    const controller = new AbortController();

    const outcomes = await deliveries(
      (request) => {
        controller.abort();
        return hangUntilAborted(request.signal);
      },
      {},
      { signal: controller.signal },
    );

    expect(outcomes).toEqual([["unknown", "unanswered"]]);
  });

  it("is unanswered when no answer comes within timeoutMs", async () => {
    vi.useFakeTimers();
    const done = deliveries((request) => hangUntilAborted(request.signal), { timeoutMs: 5000 });

    await vi.advanceTimersByTimeAsync(5000);

    expect(await done).toEqual([["unknown", "unanswered"]]);
  });

  it("is unanswered when a browser's fetch fails without saying why", async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError("Failed to fetch");
    });
    const client = createBrowserClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

    const report = await client.uploadPictures(one);

    expect(report.outcomes[0]).toMatchObject({ status: "unknown", delivery: "unanswered" });
  });
});
