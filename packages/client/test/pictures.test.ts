import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient as createBrowserClient, OptionError, PictureError } from "../src/index.js";
import { createClient } from "../src/node.js";
import { fakeFetch, TEST_URL, TOKEN } from "./helpers/fetch.js";
import { jpegLike, makeJpeg, PNG_HEAD } from "./helpers/jpeg.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "client-pictures-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function setup() {
  const { fetch, requests } = fakeFetch();

  return { client: createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch }), requests };
}

async function rejection(promise: Promise<unknown>): Promise<PictureError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PictureError);

  return error as PictureError;
}

describe("checks before any request", () => {
  const good = { image: makeJpeg() };

  it("rejects an empty picture, naming its index and saying what to do", async () => {
    const { client, requests } = setup();

    const error = await rejection(client.uploadPictures([good, { image: new Uint8Array() }]));

    expect(error.index).toBe(1);
    expect(error.message).toBe(
      "The picture at index 1 is empty: only JPEG pictures can be sent; convert it or leave it out",
    );
    expect(requests).toHaveLength(0);
  });

  it("rejects a PNG, naming it", async () => {
    const { client, requests } = setup();
    const png = new File([PNG_HEAD], "logo.png");

    const error = await rejection(client.uploadPictures([good, good, { image: png }]));

    expect(error.index).toBe(2);
    expect(error.pictureName).toBe("logo.png");
    expect(error.message).toMatch(
      /^The picture at index 2 \(logo\.png\) is not a JPEG \(it starts like a PNG\)/,
    );
    expect(requests).toHaveLength(0);
  });

  it("rejects a description that is not a string", async () => {
    const { client } = setup();
    const picture = { image: makeJpeg(), description: 42 as unknown as string, name: "x.jpg" };

    const error = await rejection(client.uploadPictures([picture]));

    expect(error.message).toBe(
      "The picture at index 0 (x.jpg) has a description of type number: pass text or leave it out",
    );
  });

  it("rejects a picture too big for any request, saying which limit to raise", async () => {
    const { client, requests } = setup();

    const error = await rejection(
      client.uploadPictures([good, { image: jpegLike(3000) }], { maxRequestBytes: 2000 }),
    );

    expect(error.index).toBe(1);
    expect(error.message).toMatch(
      /needs 4012 bytes .* more than the 1985 that fit under maxRequestBytes/,
    );
    expect(error.message).toMatch(/make the picture smaller or raise maxRequestBytes/);
    expect(requests).toHaveLength(0);
  });

  it("rejects an image of a type it cannot read", async () => {
    const { client } = setup();

    const error = await rejection(client.uploadPictures([{ image: 12 as unknown as Uint8Array }]));

    expect(error.message).toMatch(/has an image of type number: pass a Uint8Array, an ArrayBuffer/);
  });

  it("rejects a missing file, naming the file and keeping the cause", async () => {
    const { client } = setup();

    const error = await rejection(client.uploadPictures([{ image: join(dir, "nope.jpg") }]));

    expect(error.message).toMatch(
      /^The picture at index 0 \(nope\.jpg\) could not be read \(ENOENT/,
    );
    expect(error.cause).toMatchObject({ code: "ENOENT" });
  });

  it("rejects a non-JPEG file, checking only its first bytes", async () => {
    const { client } = setup();
    await writeFile(join(dir, "fake.jpg"), PNG_HEAD);

    const error = await rejection(client.uploadPictures([{ image: join(dir, "fake.jpg") }]));

    expect(error.message).toMatch(/\(fake\.jpg\) is not a JPEG \(it starts like a PNG\)/);
  });

  it("refuses file paths in the browser entry", async () => {
    const { fetch } = fakeFetch();
    const client = createBrowserClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

    const error = await rejection(client.uploadPictures([{ image: "a.jpg" }]));

    expect(error.message).toMatch(/is a file path, which only the Node entry reads/);
  });

  it("rejects something that is not a list of pictures", async () => {
    const { client } = setup();

    await expect(client.uploadPictures(undefined as never)).rejects.toThrow(OptionError);
  });

  it("accepts every kind of image: bytes, ArrayBuffer, Blob, File and path", async () => {
    const { client, requests } = setup();
    const bytes = makeJpeg(4, 4, 7);
    await writeFile(join(dir, "ok.jpg"), bytes);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

    const report = await client.uploadPictures([
      { image: bytes },
      { image: buffer },
      { image: new Blob([bytes]) },
      { image: new File([bytes], "file.jpg") },
      { image: join(dir, "ok.jpg") },
      { image: Buffer.from(bytes) },
    ]);

    const images = JSON.parse(requests[0]?.body ?? "").Pictures.map(
      (p: { Image: string }) => p.Image,
    );
    expect(new Set(images)).toEqual(new Set([Buffer.from(bytes).toString("base64")]));
    expect(images).toHaveLength(6);
    expect(report.outcomes.map((o) => o.name)).toEqual([
      undefined,
      undefined,
      undefined,
      "file.jpg",
      "ok.jpg",
      undefined,
    ]);
  });

  it("takes an async iterable of pictures", async () => {
    const { client, requests } = setup();
    async function* pictures() {
      yield { image: makeJpeg(), description: "one" };
      yield { image: makeJpeg(), description: "two" };
    }

    const report = await client.uploadPictures(pictures());

    expect(report.uploaded).toBe(2);
    expect(requests).toHaveLength(1);
  });
});
