import { afterEach, describe, expect, it, vi } from "vitest";
import { createClient, type PictureOutcome } from "../src/node.js";
import { retryAfterMs, retryDelayMs } from "../src/retry.js";
import {
  connectionRefused,
  connectionReset,
  fakeFetch,
  type Reply,
  TEST_URL,
  TOKEN,
} from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";

const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("retryAfterMs", () => {
  it("reads seconds", () => {
    expect(retryAfterMs("7", NOW)).toBe(7000);
    expect(retryAfterMs(" 0 ", NOW)).toBe(0);
  });

  it("reads an HTTP date, and a date in the past as no wait", () => {
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:30 GMT", NOW)).toBe(30_000);
    expect(retryAfterMs("Wed, 31 Dec 2025 23:00:00 GMT", NOW)).toBe(0);
  });

  it("ignores a missing or unreadable header", () => {
    expect(retryAfterMs(null, NOW)).toBeUndefined();
    expect(retryAfterMs("soon", NOW)).toBeUndefined();
    expect(retryAfterMs("-5", NOW)).toBeUndefined();
  });
});

describe("retryDelayMs", () => {
  it("doubles from 500 ms, with jitter between half and all of each step", () => {
    expect(retryDelayMs(1, undefined, 30_000, () => 0)).toBe(250);
    expect(retryDelayMs(1, undefined, 30_000, () => 1)).toBe(500);
    expect(retryDelayMs(3, undefined, 30_000, () => 1)).toBe(2000);
  });

  it("prefers Retry-After and caps every wait at maxDelayMs", () => {
    expect(retryDelayMs(1, 4000, 30_000)).toBe(4000);
    expect(retryDelayMs(1, 120_000, 30_000)).toBe(30_000);
    expect(retryDelayMs(10, undefined, 30_000, () => 1)).toBe(30_000);
  });
});

/** Uploads one picture against `reply` with no waits between attempts. */
async function uploadOne(reply: Reply, retry: { maxAttempts?: number } | false = {}) {
  const { fetch, requests } = fakeFetch(reply);
  const client = createClient({
    accessToken: TOKEN,
    baseUrl: TEST_URL,
    fetch,
    retry: retry && { ...retry, maxDelayMs: 0 },
  });
  const report = await client.uploadPictures([{ image: makeJpeg(), name: "a.jpg" }]);

  return { outcome: report.outcomes[0] as PictureOutcome, requests };
}

const status =
  (code: number, init: ResponseInit = {}) =>
  () =>
    new Response(null, { status: code, ...init });

describe("retry policy of uploads", () => {
  it.each([429, 503])(
    "sends again after %i, which promises nothing was processed",
    async (code) => {
      const { outcome, requests } = await uploadOne((_, call) =>
        call === 1 ? new Response(null, { status: code }) : new Response(null),
      );

      expect(outcome).toMatchObject({ status: "uploaded", attempts: 2, httpStatus: 200 });
      expect(requests).toHaveLength(2);
    },
  );

  it.each([429, 503])("reports %i as failed once the attempts run out", async (code) => {
    const { outcome, requests } = await uploadOne(status(code));

    expect(outcome).toEqual({
      index: 0,
      name: "a.jpg",
      status: "failed",
      httpStatus: code,
      attempts: 3,
      delivery: "answered",
      reason: expect.stringMatching(/did not process it: send it later$/),
    });
    expect(requests).toHaveLength(3);
  });

  it("sends again when the connection was refused, then reports failed", async () => {
    const { outcome, requests } = await uploadOne(() => {
      throw connectionRefused();
    });

    expect(outcome).toMatchObject({
      status: "failed",
      attempts: 3,
      reason: "not sent: could not connect (ECONNREFUSED)",
    });
    expect(outcome.httpStatus).toBeUndefined();
    expect(requests).toHaveLength(3);
  });

  it("recognises a refused connection inside an AggregateError (several addresses)", async () => {
    const refused = () => Object.assign(new Error("refused"), { code: "ECONNREFUSED" });
    const { outcome } = await uploadOne(() => {
      throw new TypeError("fetch failed", { cause: new AggregateError([refused(), refused()]) });
    });

    expect(outcome).toMatchObject({ status: "failed", attempts: 3 });
  });

  it.each([500, 502, 504])(
    "never repeats a request answered %i: the outcome is unknown",
    async (code) => {
      const { outcome, requests } = await uploadOne(status(code));

      expect(outcome).toMatchObject({ status: "unknown", httpStatus: code, attempts: 1 });
      expect(outcome.reason).toBe("the API failed while handling it");
      expect(requests).toHaveLength(1);
    },
  );

  it.each([400, 401, 403, 404, 413, 422])("reports %i as failed without retrying", async (code) => {
    const { outcome, requests } = await uploadOne(
      () => new Response('{"Message":"no"}', { status: code }),
    );

    expect(outcome).toMatchObject({ status: "failed", httpStatus: code, attempts: 1 });
    expect(outcome.reason).toMatch(/^the API refused (it|the access token): \{"Message":"no"\}/);
    expect(requests).toHaveLength(1);
  });

  it("never repeats a request whose connection broke after sending", async () => {
    const { outcome, requests } = await uploadOne(() => {
      throw connectionReset();
    });

    expect(outcome).toMatchObject({ status: "unknown", attempts: 1 });
    expect(outcome.reason).toBe(
      "no usable answer came after sending (fetch failed: other side closed)",
    );
    expect(requests).toHaveLength(1);
  });

  it("tries once when retry is false", async () => {
    const { outcome, requests } = await uploadOne(status(503), false);

    expect(outcome).toMatchObject({ status: "failed", attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it("stops at maxAttempts", async () => {
    const { requests } = await uploadOne(status(429), { maxAttempts: 5 });

    expect(requests).toHaveLength(5);
  });
});

describe("waits between attempts (fake clock)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function attemptsOverTime(reply: Reply, steps: number[]) {
    vi.useFakeTimers({ now: NOW });
    const { fetch, requests } = fakeFetch(reply);
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });
    const done = client.uploadPictures([{ image: makeJpeg() }]);

    const counts: number[] = [];
    for (const ms of steps) {
      await vi.advanceTimersByTimeAsync(ms);
      counts.push(requests.length);
    }
    await vi.runAllTimersAsync();

    return { counts, report: await done };
  }

  it("honours Retry-After in seconds", async () => {
    const { counts, report } = await attemptsOverTime(
      (_, call) =>
        new Response(null, { status: call < 3 ? 429 : 200, headers: { "retry-after": "2" } }),
      [0, 1999, 1, 1999, 1],
    );

    expect(counts).toEqual([1, 1, 2, 2, 3]);
    expect(report.uploaded).toBe(1);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const { counts } = await attemptsOverTime(
      (_, call) =>
        new Response(null, {
          status: call === 1 ? 503 : 200,
          headers: { "retry-after": new Date(NOW + 5000).toUTCString() },
        }),
      [0, 4999, 1],
    );

    expect(counts).toEqual([1, 1, 2]);
  });

  it("caps a long Retry-After at maxDelayMs (30 s by default)", async () => {
    const { counts } = await attemptsOverTime(
      (_, call) =>
        new Response(null, { status: call === 1 ? 429 : 200, headers: { "retry-after": "3600" } }),
      [0, 29_999, 1],
    );

    expect(counts).toEqual([1, 1, 2]);
  });

  it("backs off exponentially without Retry-After", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { counts } = await attemptsOverTime(status(503), [0, 499, 1, 999, 1]);

    expect(counts).toEqual([1, 1, 2, 2, 3]);
    vi.restoreAllMocks();
  });
});
