import { afterEach, describe, expect, it, vi } from "vitest";
import { createClient, DEFAULT_TIMEOUT_MS } from "../src/index.js";
import { fakeFetch, hangUntilAborted, type Reply, TEST_URL, TOKEN } from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";

const pictures = Array.from({ length: 4 }, (_, i) => ({
  image: makeJpeg(4, 4, i),
  name: `${i}.jpg`,
}));

function setup(reply: Reply, timeoutMs?: number) {
  const { fetch, requests } = fakeFetch(reply);
  const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch, timeoutMs });

  return { client, requests };
}

describe("aborting an upload", () => {
  it("reports the batch in flight as unknown and the rest as not sent", async () => {
    const controller = new AbortController();
    const { client, requests } = setup((request, call) => {
      if (call === 1) return new Response(null);
      controller.abort();
      return hangUntilAborted(request.signal);
    });

    const report = await client.uploadPictures(pictures, {
      maxPicturesPerRequest: 1,
      signal: controller.signal,
    });

    expect(report.aborted).toBe(true);
    expect(report.outcomes.map((o) => [o.status, o.attempts])).toEqual([
      ["uploaded", 1],
      ["unknown", 1],
      ["failed", 0],
      ["failed", 0],
    ]);
    expect(report.outcomes[1]?.reason).toBe("aborted while the request was in flight");
    expect(report.outcomes[2]?.reason).toBe("not sent: the upload was aborted");
    expect(report).toMatchObject({ uploaded: 1, unknown: 1, failed: 2 });
    expect(requests).toHaveLength(2);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const { client, requests } = setup(() => new Response(null));

    const report = await client.uploadPictures(pictures, { signal: AbortSignal.abort() });

    expect(report.outcomes.every((o) => o.status === "failed" && o.attempts === 0)).toBe(true);
    expect(report.aborted).toBe(true);
    expect(requests).toHaveLength(0);
  });

  it("stops every batch in flight at once with concurrency", async () => {
    const controller = new AbortController();
    const { client } = setup((request, call) => {
      if (call === 2) queueMicrotask(() => controller.abort());
      return hangUntilAborted(request.signal);
    });

    const report = await client.uploadPictures(pictures, {
      maxPicturesPerRequest: 1,
      concurrency: 2,
      signal: controller.signal,
    });

    expect(report.outcomes.map((o) => o.status)).toEqual([
      "unknown",
      "unknown",
      "failed",
      "failed",
    ]);
  });
});

describe("timeouts and aborts on a fake clock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gives up on an attempt after timeoutMs and reports it unknown, without a retry", async () => {
    vi.useFakeTimers();
    const { client, requests } = setup((request) => hangUntilAborted(request.signal), 5000);
    const done = client.uploadPictures(pictures.slice(0, 1));

    await vi.advanceTimersByTimeAsync(4999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const report = await done;

    expect(report.outcomes[0]).toMatchObject({
      status: "unknown",
      attempts: 1,
      reason: "no answer within 5000 ms",
    });
    expect(report.aborted).toBe(false);
    expect(requests).toHaveLength(1);
  });

  it("defaults the timeout to two minutes per attempt", async () => {
    vi.useFakeTimers();
    const { client } = setup((request) => hangUntilAborted(request.signal));
    let settled = false;
    const done = client.uploadPictures(pictures.slice(0, 1)).finally(() => {
      settled = true;
    });

    await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await done;

    expect(DEFAULT_TIMEOUT_MS).toBe(120_000);
    expect(settled).toBe(true);
  });

  it("stops waiting to retry at once when aborted, and reports not sent", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const { client, requests } = setup(
      () => new Response(null, { status: 429, headers: { "retry-after": "20" } }),
    );
    const done = client.uploadPictures(pictures.slice(0, 2), {
      maxPicturesPerRequest: 1,
      signal: controller.signal,
    });

    await vi.advanceTimersByTimeAsync(1000);
    controller.abort();
    const report = await done;

    expect(report.outcomes.map((o) => [o.status, o.httpStatus, o.attempts])).toEqual([
      ["failed", 429, 1],
      ["failed", undefined, 0],
    ]);
    expect(requests).toHaveLength(1);
  });
});

describe("aborting during the checks", () => {
  it("stops checking, sends nothing and still reports every picture", async () => {
    const controller = new AbortController();
    const { client, requests } = setup(() => new Response(null));
    async function* pictures() {
      yield { image: makeJpeg(), name: "first.jpg" };
      controller.abort();
      yield { image: "never/read.jpg" };
      yield { image: new Uint8Array([1, 2, 3]), name: "not-even-a.jpg" };
    }

    const report = await client.uploadPictures(pictures(), { signal: controller.signal });

    expect(report.outcomes).toEqual([
      {
        index: 0,
        name: "first.jpg",
        status: "failed",
        reason: "not sent: the upload was aborted",
        attempts: 0,
        delivery: "not-sent",
      },
      {
        index: 1,
        name: "read.jpg",
        status: "failed",
        reason: "not sent: the upload was aborted",
        attempts: 0,
        delivery: "not-sent",
      },
      {
        index: 2,
        name: "not-even-a.jpg",
        status: "failed",
        reason: "not sent: the upload was aborted",
        attempts: 0,
        delivery: "not-sent",
      },
    ]);
    expect(report.aborted).toBe(true);
    expect(requests).toHaveLength(0);
  });
});
