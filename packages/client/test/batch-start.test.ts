import { describe, expect, it } from "vitest";
import type { PictureOutcome, PlannedBatch } from "../src/index.js";
import { createClient } from "../src/node.js";
import { fakeFetch, type Reply, TEST_URL, TOKEN } from "./helpers/fetch.js";
import { jpegLike } from "./helpers/jpeg.js";

function setup(reply?: Reply, retry: { maxDelayMs: number } | false = false) {
  const { fetch, requests } = fakeFetch(reply);
  const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch, retry });

  return { client, requests };
}

/** A promise with its resolve function, to hold a step until the test lets it go. */
function deferred<T = void>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });

  return { promise, resolve };
}

/** Lets every callback and I/O step that is ready run, without waiting on a clock. */
const settleEventLoop = async () => {
  for (let turn = 0; turn < 5; turn++) await new Promise((done) => setImmediate(done));
};

const pictures = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ image: jpegLike(40, 0x30 + i), name: `p${i}` }));

describe("onBatchStart", () => {
  it("is awaited: no request goes out until it resolves", async () => {
    const { client, requests } = setup();
    const hookCalled = deferred<PlannedBatch>();
    const journalWritten = deferred();

    const upload = client.uploadPictures(pictures(2), {
      onBatchStart: async (batch) => {
        hookCalled.resolve(batch);
        await journalWritten.promise;
      },
    });

    expect(await hookCalled.promise).toMatchObject({ indexes: [0, 1] });
    await settleEventLoop();
    expect(requests).toHaveLength(0);

    journalWritten.resolve();
    expect((await upload).uploaded).toBe(2);
    expect(requests).toHaveLength(1);
  });

  it("comes before each request, and its outcomes after it", async () => {
    const steps: string[] = [];
    const { client } = setup((request) => {
      steps.push(`request ${JSON.parse(request.body).Pictures.length}`);
      return new Response(null);
    });

    await client.uploadPictures(pictures(3), {
      maxPicturesPerRequest: 2,
      onBatchStart: (batch) => {
        steps.push(`start ${batch.indexes.join(",")}`);
      },
      onOutcome: (outcome) => steps.push(`outcome ${outcome.index}`),
    });

    expect(steps).toEqual([
      "start 0,1",
      "request 2",
      "outcome 0",
      "outcome 1",
      "start 2",
      "request 1",
      "outcome 2",
    ]);
  });

  it("gives each request's indexes and exact body size, as planUpload plans them", async () => {
    const { client, requests } = setup();
    const input = [10, 3000, 3000, 10].map((size) => ({ image: jpegLike(size) }));
    const seen: PlannedBatch[] = [];

    const plan = await client.forMember(77).planUpload(input, { maxRequestBytes: 8000 });
    await client.forMember(77).uploadPictures(input, {
      maxRequestBytes: 8000,
      onBatchStart: (batch) => {
        seen.push(batch);
      },
    });

    expect(seen).toEqual(plan);
    expect(seen.map((batch) => batch.bytes)).toEqual(requests.map((r) => r.body.length));
  });

  it("leaves out a picture that could not be read, which fails without being announced", async () => {
    const unreadable = new Blob([jpegLike(50)]);
    unreadable.arrayBuffer = () => Promise.reject(new Error("the disk went away"));
    const steps: string[] = [];
    const seen: PlannedBatch[] = [];
    const { client, requests } = setup();

    const input = [{ image: jpegLike(20) }, { image: unreadable }, { image: jpegLike(30) }];
    const report = await client.uploadPictures(input, {
      onBatchStart: async (batch) => {
        seen.push(batch);
        steps.push("start");
      },
      onOutcome: (outcome) => steps.push(`${outcome.index} ${outcome.status}`),
    });

    expect(report.outcomes.map((o) => o.status)).toEqual(["uploaded", "failed", "uploaded"]);
    expect(steps).toEqual(["1 failed", "start", "0 uploaded", "2 uploaded"]);
    expect(seen).toEqual([{ indexes: [0, 2], bytes: requests[0]?.body.length }]);
  });

  it("is called once per request, not again for its retries", async () => {
    const { client, requests } = setup(
      (_, call) => new Response(null, { status: call === 1 ? 503 : 200 }),
      { maxDelayMs: 0 },
    );
    let calls = 0;

    const report = await client.uploadPictures(pictures(1), {
      onBatchStart: () => {
        calls++;
      },
    });

    expect(report.outcomes[0]).toMatchObject({ status: "uploaded", attempts: 2 });
    expect(requests).toHaveLength(2);
    expect(calls).toBe(1);
  });

  it("rejecting stops the upload: that batch and the rest are not sent", async () => {
    const { client, requests } = setup();
    const diskFull = new Error("ENOSPC: no space left on device");
    const outcomes: PictureOutcome[] = [];

    const upload = client.uploadPictures(pictures(3), {
      maxPicturesPerRequest: 1,
      onBatchStart: async (batch) => {
        if (batch.indexes[0] === 1) throw diskFull;
      },
      onOutcome: (outcome) => outcomes.push(outcome),
    });

    await expect(upload).rejects.toBe(diskFull);
    expect(requests).toHaveLength(1);
    const notSent =
      "not sent: the upload stopped because onBatchStart threw " +
      "(ENOSPC: no space left on device)";
    expect(outcomes).toEqual([
      {
        index: 0,
        name: "p0",
        status: "uploaded",
        httpStatus: 200,
        attempts: 1,
        delivery: "answered",
      },
      {
        index: 1,
        name: "p1",
        status: "failed",
        reason: notSent,
        attempts: 0,
        delivery: "not-sent",
      },
      {
        index: 2,
        name: "p2",
        status: "failed",
        reason: notSent,
        attempts: 0,
        delivery: "not-sent",
      },
    ]);
  });

  it("rejecting lets a request already in flight finish before the upload rejects", async () => {
    const firstSent = deferred();
    const firstAnswer = deferred<Response>();
    const { client, requests } = setup((_, call) => {
      if (call > 1) return new Response(null);
      firstSent.resolve();
      return firstAnswer.promise;
    });
    const stopped = new Error("stop");
    const hookRejected = deferred();
    const outcomes: PictureOutcome[] = [];
    let settled = false;

    const upload = client
      .uploadPictures(pictures(3), {
        maxPicturesPerRequest: 1,
        concurrency: 2,
        onBatchStart: async (batch) => {
          if (batch.indexes[0] !== 1) return;
          await firstSent.promise;
          hookRejected.resolve();
          throw stopped;
        },
        onOutcome: (outcome) => outcomes.push(outcome),
      })
      .finally(() => {
        settled = true;
      });
    upload.catch(() => {});

    await hookRejected.promise;
    await settleEventLoop();
    expect(settled).toBe(false);
    expect(requests).toHaveLength(1);

    firstAnswer.resolve(new Response(null));
    await expect(upload).rejects.toBe(stopped);
    expect(outcomes.map((o) => [o.index, o.status])).toEqual([
      [1, "failed"],
      [2, "failed"],
      [0, "uploaded"],
    ]);
  });

  it("an abort while it runs keeps that batch from being sent", async () => {
    const { client, requests } = setup();
    const controller = new AbortController();

    const report = await client.uploadPictures(pictures(2), {
      signal: controller.signal,
      onBatchStart: () => controller.abort(),
    });

    expect(requests).toHaveLength(0);
    expect(report.aborted).toBe(true);
    expect(report.outcomes.map((o) => o.reason)).toEqual([
      "not sent: the upload was aborted",
      "not sent: the upload was aborted",
    ]);
  });
});

describe("a throwing onOutcome", () => {
  it("stops the upload the same way, rejecting with its error", async () => {
    const { client, requests } = setup();
    const broken = new Error("journal is read-only");
    const statuses: string[] = [];

    const upload = client.uploadPictures(pictures(3), {
      maxPicturesPerRequest: 1,
      onOutcome: (outcome) => {
        statuses.push(outcome.status);
        if (outcome.index === 0) throw broken;
      },
    });

    await expect(upload).rejects.toBe(broken);
    expect(requests).toHaveLength(1);
    expect(statuses).toEqual(["uploaded", "failed", "failed"]);
  });
});
