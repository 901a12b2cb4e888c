import { describe, expect, it } from "vitest";
import { createClient, sendOverNodeHttp, type Transport } from "../src/node.js";
import { TOKEN } from "./helpers/fetch.js";
import { jpegLike } from "./helpers/jpeg.js";
import { type Answer, startLoopbackServer, useLoopbackServer } from "./helpers/loopback-server.js";

const WAIT_FOR_RETRY = "the upload was stopped before it could be tried again";
const TOO_MANY_REQUESTS = "the API had too many requests and did not process it: send it later";

const serve = useLoopbackServer();

/** A promise with its resolve function, to hold a step until the test lets it go. */
function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });

  return { promise, resolve };
}

const pictures = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ image: jpegLike(40, 0x30 + i), name: `p${i}` }));

// The default retry policy: a Retry-After of 30 s is waited in full unless the stop ends it.
const clientFor = (
  baseUrl: string,
  fetch?: Transport,
  accessToken: string | (() => string) = TOKEN,
) => createClient({ accessToken, baseUrl, fetch });

const tooManyRequests: Answer = (_, response) =>
  response.writeHead(429, { "Retry-After": "30" }).end();

describe("stopSignal", () => {
  it("lets the request in flight finish with its real outcome, and starts no other", async () => {
    const stop = new AbortController();
    const { url, received } = await serve((_, response) => {
      stop.abort();
      response.end();
    });

    const report = await clientFor(url).uploadPictures(pictures(3), {
      maxPicturesPerRequest: 1,
      stopSignal: stop.signal,
    });

    const notSent = {
      status: "failed",
      reason: "not sent: the upload was stopped",
      attempts: 0,
      delivery: "not-sent",
    };
    expect(report.outcomes).toEqual([
      {
        index: 0,
        name: "p0",
        status: "uploaded",
        httpStatus: 200,
        attempts: 1,
        delivery: "answered",
      },
      { index: 1, name: "p1", ...notSent },
      { index: 2, name: "p2", ...notSent },
    ]);
    expect(report).toMatchObject({ uploaded: 1, failed: 2, unknown: 0, aborted: false });
    expect(received).toHaveLength(1);
  });

  it("ends a wait for Retry-After at once, keeping the 429 as the outcome", async () => {
    const stop = new AbortController();
    const { url, received } = await serve((request, response, seen) => {
      stop.abort();
      tooManyRequests(request, response, seen);
    });

    const report = await clientFor(url).uploadPictures(pictures(2), {
      maxPicturesPerRequest: 1,
      stopSignal: stop.signal,
    });

    expect(report.outcomes).toEqual([
      {
        index: 0,
        name: "p0",
        status: "failed",
        reason: `${TOO_MANY_REQUESTS}; ${WAIT_FOR_RETRY}`,
        httpStatus: 429,
        attempts: 1,
        delivery: "answered",
      },
      {
        index: 1,
        name: "p1",
        status: "failed",
        reason: "not sent: the upload was stopped",
        attempts: 0,
        delivery: "not-sent",
      },
    ]);
    expect(received).toHaveLength(1);
  });

  it("ends the backoff after a refused connection at once: not sent, saying why", async () => {
    const closed = await startLoopbackServer();
    await closed.close();
    const stop = new AbortController();
    let attempts = 0;
    const fetch: Transport = (url, init) =>
      sendOverNodeHttp(url, init).catch((error: unknown) => {
        attempts++;
        stop.abort();
        throw error;
      });

    const report = await clientFor(closed.url, fetch).uploadPictures(pictures(1), {
      stopSignal: stop.signal,
    });

    expect(report.outcomes[0]).toEqual({
      index: 0,
      name: "p0",
      status: "failed",
      reason: `not sent: could not connect (ECONNREFUSED); ${WAIT_FOR_RETRY}`,
      attempts: 1,
      delivery: "not-sent",
    });
    expect(attempts).toBe(1);
  });

  it("keeps a first attempt from going out when it comes while the token is fetched", async () => {
    const stop = new AbortController();
    const { url, received } = await serve();
    const accessToken = () => {
      stop.abort();
      return TOKEN;
    };

    const report = await clientFor(url, undefined, accessToken).uploadPictures(pictures(1), {
      stopSignal: stop.signal,
    });

    expect(report.outcomes[0]).toMatchObject({
      status: "failed",
      reason: "not sent: the upload was stopped",
      attempts: 0,
    });
    expect(received).toHaveLength(0);
  });

  it("sends nothing when it has aborted already", async () => {
    const { url, received } = await serve();

    const report = await clientFor(url).uploadPictures(pictures(2), {
      stopSignal: AbortSignal.abort(),
    });

    expect(report.outcomes.map((o) => [o.status, o.reason])).toEqual([
      ["failed", "not sent: the upload was stopped"],
      ["failed", "not sent: the upload was stopped"],
    ]);
    expect(received).toHaveLength(0);
  });
});

describe("a callback that throws", () => {
  it("stops retries the same way: a wait for Retry-After ends at once", async () => {
    const answered = deferred();
    const { url, received } = await serve((request, response, seen) => {
      response.on("finish", answered.resolve);
      tooManyRequests(request, response, seen);
    });
    const journalFull = new Error("journal full");

    const outcomes: unknown[] = [];
    const upload = clientFor(url).uploadPictures(pictures(2), {
      maxPicturesPerRequest: 1,
      concurrency: 2,
      onBatchStart: async ({ indexes }) => {
        if (indexes[0] !== 1) return;
        await answered.promise;
        throw journalFull;
      },
      onOutcome: (outcome) => outcomes.push(outcome),
    });

    await expect(upload).rejects.toBe(journalFull);
    expect(outcomes).toEqual([
      {
        index: 1,
        name: "p1",
        status: "failed",
        reason: "not sent: the upload stopped because onBatchStart threw (journal full)",
        attempts: 0,
        delivery: "not-sent",
      },
      expect.objectContaining({
        index: 0,
        status: "failed",
        httpStatus: 429,
        attempts: 1,
        reason: expect.stringMatching(new RegExp(`; ${WAIT_FOR_RETRY}$`)),
      }),
    ]);
    expect(received).toHaveLength(1);
  });
});
