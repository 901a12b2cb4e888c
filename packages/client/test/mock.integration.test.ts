import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningMock, startMock } from "@adultwork-api/mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient } from "../src/node.js";
import { TOKEN } from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";

let mock: RunningMock;
let dir: string;

beforeAll(async () => {
  mock = await startMock({ record: true });
  dir = await mkdtemp(join(tmpdir(), "client-mock-"));
});
afterAll(async () => {
  await mock?.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  mock.received.length = 0;
});

interface SentBody {
  UserID?: number;
  Pictures: { Description?: string; Image: string }[];
}

const bodies = () => mock.received.map((r) => JSON.parse(r.body) as SentBody);
const decoded = (body: SentBody) =>
  body.Pictures.map((p) => new Uint8Array(Buffer.from(p.Image, "base64")));

describe("against the Prism mock", () => {
  it("uploads one picture to the caller's gallery", async () => {
    const client = createClient({ accessToken: TOKEN, baseUrl: mock.url });
    const image = makeJpeg(16, 16, 3);

    const report = await client.uploadPictures([{ image, description: "Sunset" }]);

    expect(report).toMatchObject({ uploaded: 1, failed: 0, unknown: 0, aborted: false });
    expect(report.outcomes[0]).toMatchObject({ status: "uploaded", httpStatus: 200, attempts: 1 });
    expect(mock.received).toHaveLength(1);
    expect(mock.received[0]).toMatchObject({
      method: "POST",
      path: "/v1/Pictures/AddFreePictures",
      headers: { authorization: "[REDACTED]", "content-type": "application/json" },
    });
    const [body] = bodies();
    expect(body?.Pictures[0]?.Description).toBe("Sunset");
    expect(decoded(body as SentBody)).toEqual([image]);
  });

  it("uploads many files for a group member in several batches, bytes intact", async () => {
    const images = Array.from({ length: 7 }, (_, i) => makeJpeg(24, 24, i + 10));
    const paths = images.map((_, i) => join(dir, `member-${i}.jpg`));
    await Promise.all(paths.map((path, i) => writeFile(path, images[i] as Uint8Array)));
    const client = createClient({ accessToken: TOKEN, baseUrl: mock.url });
    const batchBytes = 3 * (images[0]?.length ?? 0) * 1.4;

    const report = await client.forMember(123456).uploadPictures(
      paths.map((image, i) => ({ image, description: `Picture ${i}` })),
      { maxRequestBytes: Math.round(batchBytes), concurrency: 2 },
    );

    expect(report.uploaded).toBe(7);
    expect(report.outcomes.map((o) => o.name)).toEqual(paths.map((_, i) => `member-${i}.jpg`));
    expect(mock.received.length).toBeGreaterThan(1);
    const sent = bodies().sort((a, b) =>
      (a.Pictures[0]?.Description ?? "").localeCompare(b.Pictures[0]?.Description ?? ""),
    );
    expect(sent.every((body) => body.UserID === 123456)).toBe(true);
    expect(mock.received.every((r) => r.path === "/v1/Groups/Pictures/AddFreePictures")).toBe(true);
    expect(sent.flatMap(decoded)).toEqual(images);
    expect(sent.flatMap((b) => b.Pictures.map((p) => p.Description))).toEqual(
      images.map((_, i) => `Picture ${i}`),
    );
  });

  it.each([
    ["the caller's gallery", undefined, "/v1/Pictures/AddFreePictures"],
    ["a member's gallery", 42, "/v1/Groups/Pictures/AddFreePictures"],
  ])("uploads single pictures and batches of bytes to %s", async (_, userId, path) => {
    const client = createClient({ accessToken: TOKEN, baseUrl: mock.url });
    const uploader = userId === undefined ? client : client.forMember(userId);
    const images = Array.from({ length: 5 }, (_, i) => makeJpeg(12, 12, i + 30));

    const single = await uploader.uploadPictures([{ image: images[0] as Uint8Array }]);
    const batched = await uploader.uploadPictures(
      images.map((image) => ({ image })),
      { maxPicturesPerRequest: 2 },
    );

    expect([single.uploaded, batched.uploaded]).toEqual([1, 5]);
    expect(mock.received.map((r) => r.path)).toEqual(Array(4).fill(path));
    expect(bodies().map((b) => b.UserID)).toEqual(Array(4).fill(userId));
    expect(bodies().map((b) => b.Pictures.length)).toEqual([1, 2, 2, 1]);
    expect(bodies().flatMap(decoded)).toEqual([images[0], ...images]);
  });

  it("makes both raw calls", async () => {
    const client = createClient({ accessToken: TOKEN, baseUrl: mock.url });
    const Image = Buffer.from(makeJpeg()).toString("base64");

    const own = await client.addFreePictures({ Pictures: [{ Image }] });
    const member = await client.addMemberFreePictures({ UserID: 5, Pictures: [{ Image }] });

    expect([own.error, member.error, own.response.status, member.response.status]).toEqual([
      undefined,
      undefined,
      200,
      200,
    ]);
    expect(bodies()).toEqual([{ Pictures: [{ Image }] }, { UserID: 5, Pictures: [{ Image }] }]);
  });

  it("returns the mock's 400 for a body that breaks the schema as an error value", async () => {
    const client = createClient({ accessToken: TOKEN, baseUrl: mock.url });

    const result = await client.addMemberFreePictures({ Pictures: [{ Image: "/9j/" }] } as never);

    expect(result.error?.status).toBe(400);
    expect(result.data).toBeUndefined();
  });

  it("reports a request over the mock's 10 MiB cap as failed with 413", async () => {
    const client = createClient({ accessToken: TOKEN, baseUrl: mock.url });
    const big = new Uint8Array(8 * 1024 * 1024);
    big.set(makeJpeg());
    big.set([0xff, 0xd9], big.length - 2);

    const report = await client.uploadPictures([{ image: big }], {
      maxRequestBytes: 12 * 1024 * 1024,
    });

    expect(report.outcomes[0]).toMatchObject({ status: "failed", httpStatus: 413, attempts: 1 });
  });
});

describe("against a closed port on loopback", () => {
  it("retries a refused connection and reports nothing was sent", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const client = createClient({
      accessToken: TOKEN,
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { maxDelayMs: 0 },
    });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toMatchObject({
      status: "failed",
      attempts: 3,
      reason: "not sent: could not connect (ECONNREFUSED)",
    });
  });
});
