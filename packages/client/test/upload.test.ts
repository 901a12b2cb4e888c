import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PictureOutcome, UploadProgress } from "../src/index.js";
import { createClient } from "../src/node.js";
import { connectionRefused, fakeFetch, type Reply, TEST_URL, TOKEN } from "./helpers/fetch.js";
import { jpegLike, makeJpeg, PNG_HEAD } from "./helpers/jpeg.js";
import { startLoopbackServer } from "./helpers/loopback-server.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "client-upload-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function setup(reply?: Reply) {
  const { fetch, requests } = fakeFetch(reply);
  const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch, retry: false });

  return { client, requests };
}

const sentImages = (body: string) =>
  JSON.parse(body).Pictures.map((p: { Image: string }) => Buffer.from(p.Image, "base64")[6]);

describe("uploadPictures", () => {
  it("reports progress in pictures and request bytes, from zero to the totals", async () => {
    const { client, requests } = setup();
    const seen: UploadProgress[] = [];

    await client.uploadPictures(
      [0, 1, 2].map(() => ({ image: jpegLike(30) })),
      { maxPicturesPerRequest: 2, onProgress: (p) => seen.push(p) },
    );

    const [first, second] = requests.map((r) => new TextEncoder().encode(r.body).length);
    const total = (first ?? 0) + (second ?? 0);
    expect(seen).toEqual([
      { picturesDone: 0, picturesTotal: 3, bytesDone: 0, bytesTotal: total },
      { picturesDone: 2, picturesTotal: 3, bytesDone: first, bytesTotal: total },
      { picturesDone: 3, picturesTotal: 3, bytesDone: total, bytesTotal: total },
    ]);
  });

  it("calls onOutcome for each picture as its batch settles", async () => {
    const { client } = setup((_, call) => new Response(null, { status: call === 1 ? 200 : 400 }));
    const seen: PictureOutcome[] = [];

    const report = await client.uploadPictures(
      [0, 1, 2].map((i) => ({ image: makeJpeg(), name: `p${i}.jpg` })),
      { maxPicturesPerRequest: 2, onOutcome: (o) => seen.push(o) },
    );

    expect(seen).toEqual(report.outcomes);
    expect(seen.map((o) => [o.name, o.status])).toEqual([
      ["p0.jpg", "uploaded"],
      ["p1.jpg", "uploaded"],
      ["p2.jpg", "failed"],
    ]);
  });

  it("keeps input order in outcomes when batches finish out of order", async () => {
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const { client } = setup(async (_, call) => {
      if (call === 1) await firstHeld;
      else releaseFirst();
      return new Response(null, { status: call === 1 ? 200 : 400 });
    });
    const order: number[] = [];

    const report = await client.uploadPictures([{ image: makeJpeg() }, { image: makeJpeg() }], {
      maxPicturesPerRequest: 1,
      concurrency: 2,
      onOutcome: (o) => order.push(o.index),
    });

    expect(order).toEqual([1, 0]);
    expect(report.outcomes.map((o) => [o.index, o.status])).toEqual([
      [0, "uploaded"],
      [1, "failed"],
    ]);
  });

  it("stops sending after the API refuses the token, keeping the rest as not sent", async () => {
    const { client, requests } = setup(() => new Response(null, { status: 401 }));

    const report = await client.uploadPictures(
      [0, 1, 2].map(() => ({ image: makeJpeg() })),
      { maxPicturesPerRequest: 1 },
    );

    expect(requests).toHaveLength(1);
    expect(report.outcomes.map((o) => o.reason)).toEqual([
      "the API refused the access token (check the token and its scope)",
      "not sent: an earlier request was refused with HTTP 401; fix the token or its scope",
      "not sent: an earlier request was refused with HTTP 401; fix the token or its scope",
    ]);
  });

  it("stops sending once a request cannot connect after its retries", async () => {
    const { fetch, requests } = fakeFetch(() => {
      throw connectionRefused();
    });
    const client = createClient({
      accessToken: TOKEN,
      baseUrl: TEST_URL,
      fetch,
      retry: { maxAttempts: 3, maxDelayMs: 0 },
    });

    const report = await client.uploadPictures(
      [0, 1, 2].map(() => ({ image: makeJpeg() })),
      { maxPicturesPerRequest: 1 },
    );

    const keptBack = {
      status: "failed",
      reason:
        "not sent: an earlier request could not connect to 127.0.0.1:9: " +
        "check baseUrl and that the server is up",
      attempts: 0,
      delivery: "not-sent",
    };
    expect(requests).toHaveLength(3);
    expect(report.outcomes).toEqual([
      {
        index: 0,
        status: "failed",
        reason: "not sent: could not connect (ECONNREFUSED)",
        attempts: 3,
        delivery: "not-sent",
      },
      { index: 1, ...keptBack },
      { index: 2, ...keptBack },
    ]);
  });

  it("lets requests already in flight finish when another cannot connect", async () => {
    let secondStarted = () => {};
    const second = new Promise<void>((resolve) => {
      secondStarted = resolve;
    });
    const { client, requests } = setup(async (_, call) => {
      if (call === 2) secondStarted();
      // The first request fails only once the second one is in flight.
      if (call === 1) {
        await second;
        throw connectionRefused();
      }
      return new Response(null);
    });

    const report = await client.uploadPictures(
      [0, 1, 2].map(() => ({ image: makeJpeg() })),
      { maxPicturesPerRequest: 1, concurrency: 2 },
    );

    expect(requests).toHaveLength(2);
    expect(report.outcomes.map((o) => o.status)).toEqual(["failed", "uploaded", "failed"]);
    expect(report.outcomes[2]).toMatchObject({ attempts: 0 });
  });

  it("reads each batch's pictures only when that batch is sent", async () => {
    const reads: number[] = [];
    const readsWhenSent: number[][] = [];
    const { client } = setup(() => {
      readsWhenSent.push([...reads]);
      return new Response(null);
    });
    const pictures = [0, 1, 2, 3, 4].map((i) => {
      const blob = new Blob([jpegLike(40, 0x30 + i)]);
      const arrayBuffer = blob.arrayBuffer.bind(blob);
      blob.arrayBuffer = () => {
        reads.push(i);
        return arrayBuffer();
      };
      return { image: blob };
    });

    await client.uploadPictures(pictures, { maxPicturesPerRequest: 2 });

    expect(readsWhenSent).toEqual([
      [0, 1],
      [0, 1, 2, 3],
      [0, 1, 2, 3, 4],
    ]);
  });

  it("reads files lazily and sends their exact bytes", async () => {
    const { client, requests } = setup();
    const paths = [0, 1, 2].map((i) => join(dir, `lazy-${i}.jpg`));
    const bytes = paths.map((_, i) => makeJpeg(8, 8, i + 1));
    await Promise.all(paths.map((path, i) => writeFile(path, bytes[i] as Uint8Array)));

    const report = await client.uploadPictures(
      paths.map((image) => ({ image })),
      {
        maxPicturesPerRequest: 2,
      },
    );

    const images = requests.flatMap((r) =>
      JSON.parse(r.body).Pictures.map((p: { Image: string }) => p.Image),
    );
    expect(images).toEqual(bytes.map((b) => Buffer.from(b).toString("base64")));
    expect(report.outcomes.map((o) => o.name)).toEqual(["lazy-0.jpg", "lazy-1.jpg", "lazy-2.jpg"]);
  });

  it("does not send a file that changed or vanished after the check; sends the rest", async () => {
    const changed = join(dir, "changed.jpg");
    const vanished = join(dir, "vanished.jpg");
    await writeFile(changed, jpegLike(50));
    await writeFile(vanished, jpegLike(50));
    const { client, requests } = setup(async (_, call) => {
      if (call === 1) {
        await writeFile(changed, PNG_HEAD);
        await rm(vanished);
      }
      return new Response(null);
    });

    const report = await client.uploadPictures(
      [
        { image: jpegLike(20, 0x61) },
        { image: changed },
        { image: vanished },
        { image: jpegLike(20, 0x62) },
      ],
      { maxPicturesPerRequest: 1 },
    );

    expect(report.outcomes.map((o) => o.status)).toEqual([
      "uploaded",
      "failed",
      "failed",
      "uploaded",
    ]);
    expect(report.outcomes[1]).toMatchObject({
      attempts: 0,
      code: "unreadable",
      reason:
        "not sent: it could not be read (it changed size since it was checked: 50 -> 12 bytes)",
    });
    expect(report.outcomes[2]).toMatchObject({ code: "unreadable" });
    expect(report.outcomes[2]?.reason).toMatch(/^not sent: it could not be read \(ENOENT/);
    expect(requests.map((r) => sentImages(r.body))).toEqual([[0x61], [0x62]]);
  });

  it("refuses a file that grew after the check by its new size, without reading it", async () => {
    const grown = join(dir, "grown.jpg");
    await writeFile(grown, jpegLike(50));
    // 3 GiB, sparse: more than Node reads into one buffer, so reading it whole would fail.
    const server = await startLoopbackServer((_, response) =>
      truncate(grown, 3 * 2 ** 30).then(() => response.end()),
    );

    try {
      const client = createClient({ accessToken: TOKEN, baseUrl: server.url });
      const report = await client.uploadPictures([{ image: jpegLike(20) }, { image: grown }], {
        maxPicturesPerRequest: 1,
      });

      expect(report.outcomes[1]).toMatchObject({
        status: "failed",
        code: "unreadable",
        reason:
          "not sent: it could not be read " +
          "(it changed size since it was checked: 50 -> 3221225472 bytes)",
        attempts: 0,
      });
      expect(server.received).toHaveLength(1);
    } finally {
      await server.close();
      await rm(grown);
    }
  });

  it("fails a file or Blob found truncated when its batch is read, and sends the rest", async () => {
    const { client, requests } = setup();
    const whole = makeJpeg();
    const cut = whole.subarray(0, whole.length - 10);
    await writeFile(join(dir, "cut.jpg"), cut);

    const plan = await client.planUpload([{ image: join(dir, "cut.jpg") }]);
    const report = await client.uploadPictures([
      { image: jpegLike(20, 0x61) },
      { image: join(dir, "cut.jpg") },
      { image: new Blob([cut]), name: "cut-blob.jpg" },
      { image: jpegLike(20, 0x62) },
    ]);

    expect(plan).toHaveLength(1);
    expect(report.outcomes.map((o) => [o.status, o.code])).toEqual([
      ["uploaded", undefined],
      ["failed", "truncated"],
      ["failed", "truncated"],
      ["uploaded", undefined],
    ]);
    expect(report.outcomes[1]).toMatchObject({
      name: "cut.jpg",
      attempts: 0,
      reason: "not sent: it looks truncated: its image data stops before the JPEG end marker",
    });
    expect(requests.map((r) => sentImages(r.body))).toEqual([[0x61, 0x62]]);
  });

  it("returns an empty report for no pictures, sending nothing", async () => {
    const { client, requests } = setup();

    const report = await client.uploadPictures([]);

    expect(report).toEqual({ outcomes: [], uploaded: 0, failed: 0, unknown: 0, aborted: false });
    expect(requests).toHaveLength(0);
  });

  it("plans without sending, with the same batches an upload sends", async () => {
    const { client, requests } = setup();
    const pictures = [10, 3000, 3000, 10].map((size) => ({ image: jpegLike(size) }));

    const plan = await client.forMember(77).planUpload(pictures, { maxRequestBytes: 8000 });
    expect(requests).toHaveLength(0);
    await client.forMember(77).uploadPictures(pictures, { maxRequestBytes: 8000 });

    expect(plan.map((b) => b.indexes)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(plan.map((b) => b.bytes)).toEqual(requests.map((r) => r.body.length));
  });
});
