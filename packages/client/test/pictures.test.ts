import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkPicture,
  createClient as createBrowserClient,
  OptionError,
  PictureError,
} from "../src/index.js";
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

    expect(error).toMatchObject({ index: 1, code: "empty" });
    expect(error.message).toBe(
      "The picture at index 1 is empty: leave it out, or check that it was read or copied whole",
    );
    expect(requests).toHaveLength(0);
  });

  it("rejects a PNG, naming it", async () => {
    const { client, requests } = setup();
    const png = new File([PNG_HEAD], "logo.png");

    const error = await rejection(client.uploadPictures([good, good, { image: png }]));

    expect(error).toMatchObject({ index: 2, pictureName: "logo.png", code: "not-jpeg" });
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
    expect(error.code).toBe("bad-description");
  });

  it.each([
    ["Description", "description"],
    ["descripton", "description"],
    ["Image", "image"],
    ["Name", "name"],
  ])("rejects a misspelt field %s, suggesting %s", async (wrong, right) => {
    const { client, requests } = setup();
    const picture = { image: makeJpeg(), name: "x.jpg", [wrong]: "Sunset" };

    const error = await rejection(client.uploadPictures([good, picture as never]));

    expect(error).toMatchObject({ index: 1, code: "unknown-field" });
    expect(error.message).toMatch(
      new RegExp(
        `^The picture at index 1 \\(x\\.jpg\\) has no field "${wrong}": did you mean ${right}\\?`,
      ),
    );
    expect(requests).toHaveLength(0);
  });

  it("rejects an unknown field with no near name, listing the fields", async () => {
    const { client } = setup();

    const error = await rejection(
      client.uploadPictures([{ image: "/tmp/a.jpg", caption: "Sunset" } as never]),
    );

    expect(error.message).toBe(
      'The picture at index 0 (a.jpg) has no field "caption": ' +
        "A picture's fields are image, description, name.",
    );
  });

  it("rejects a picture too big for any request, saying which limit to raise", async () => {
    const { client, requests } = setup();

    const error = await rejection(
      client.uploadPictures([good, { image: jpegLike(3000) }], { maxRequestBytes: 2000 }),
    );

    expect(error).toMatchObject({ index: 1, code: "too-large" });
    expect(error.message).toMatch(
      /needs 4012 bytes .* more than the 1985 that fit under maxRequestBytes/,
    );
    expect(error.message).toMatch(/make the picture smaller or raise maxRequestBytes/);
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['"a.jpg"', "a.jpg", 'is a string, not a picture: pass { image: "a.jpg" }'],
    ["12", 12, "is 12, not a picture: pass { image: bytes }"],
    ["null", null, "is null, not a picture: pass { image: bytes }"],
    ["undefined", undefined, "is undefined, not a picture: pass { image: bytes }"],
    ["an array", ["a.jpg"], "is an array, not a picture: pass { image: bytes }"],
    ["a Uint8Array", makeJpeg(), "is a Uint8Array, not a picture: pass { image: bytes }"],
    ["a Buffer", Buffer.from(makeJpeg()), "is a Buffer, not a picture: pass { image: bytes }"],
    [
      "an ArrayBuffer",
      makeJpeg().buffer,
      "is an ArrayBuffer, not a picture: pass { image: bytes }",
    ],
    ["a Blob", new Blob([makeJpeg()]), "is a Blob, not a picture: pass { image: bytes }"],
  ])("rejects the bare item %s, showing the picture object it needs", async (_, item, reason) => {
    const { client, requests } = setup();

    const error = await rejection(client.uploadPictures([good, item as never]));

    expect(error).toMatchObject({ index: 1, code: "bad-image", reason });
    expect(error.message).toBe(`The picture at index 1 ${reason}`);
    expect(requests).toHaveLength(0);
  });

  it("names a bare File by its name", async () => {
    const { client } = setup();

    const error = await rejection(
      client.uploadPictures([new File([makeJpeg()], "x.jpg") as never]),
    );

    expect(error.message).toBe(
      "The picture at index 0 (x.jpg) is a File, not a picture: pass { image: bytes }",
    );
  });

  it("does not repeat a long bare string, which is likelier base64 than a path", async () => {
    const { client } = setup();
    const base64 = Buffer.from(jpegLike(600)).toString("base64");

    const error = await rejection(client.uploadPictures([base64 as never]));

    expect(error.reason).toBe("is a string, not a picture: pass { image: path }");
  });

  it("lists bare items among the problems checkPictures finds", async () => {
    const { client } = setup();

    const problems = await client.checkPictures(["a.jpg", good] as never);

    expect(problems.map((problem) => [problem.index, problem.code])).toEqual([[0, "bad-image"]]);
  });

  it("blames a huge description, not the picture, and says to shorten it", async () => {
    const { client, requests } = setup();
    const description = "x".repeat(9 * 2 ** 20);

    const error = await rejection(client.uploadPictures([{ image: makeJpeg(), description }]));

    expect(error.code).toBe("too-large");
    expect(error.message).toMatch(
      new RegExp(
        `its description takes ${9 * 2 ** 20 + 17} of them: shorten it or raise maxRequestBytes$`,
      ),
    );
    expect(error.message).not.toMatch(/picture smaller/);
    expect(requests).toHaveLength(0);
  });

  it("blames the description when it makes up most of an item too big anyway", async () => {
    const { client } = setup();
    const picture = { image: jpegLike(3000), description: "x".repeat(5000) };

    const error = await rejection(client.uploadPictures([picture], { maxRequestBytes: 2000 }));

    expect(error.reason).toMatch(/its description takes 5017 of them: shorten it or raise/);
  });

  it("blames the picture when a short description is not what makes it too big", async () => {
    const { client } = setup();
    const picture = { image: jpegLike(3000), description: "Sunset" };

    const error = await rejection(client.uploadPictures([picture], { maxRequestBytes: 2000 }));

    expect(error.reason).toMatch(/: make the picture smaller or raise maxRequestBytes$/);
  });

  it("rejects an image of a type it cannot read", async () => {
    const { client } = setup();

    const error = await rejection(client.uploadPictures([{ image: 12 as unknown as Uint8Array }]));

    expect(error.message).toMatch(/has an image of type number: pass a Uint8Array, an ArrayBuffer/);
    expect(error.code).toBe("bad-image");
  });

  it("rejects a missing file, naming the file and keeping the cause", async () => {
    const { client } = setup();

    const error = await rejection(client.uploadPictures([{ image: join(dir, "nope.jpg") }]));

    expect(error.message).toMatch(
      /^The picture at index 0 \(nope\.jpg\) could not be read \(ENOENT/,
    );
    expect(error.cause).toMatchObject({ code: "ENOENT" });
    expect(error.code).toBe("unreadable");
  });

  it("rejects a non-JPEG file, checking only its first and last bytes", async () => {
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
    expect(error.code).toBe("bad-image");
  });

  it("rejects a truncated picture given as bytes, as checkPicture does", async () => {
    const { client, requests } = setup();
    const whole = makeJpeg();
    const cut = whole.subarray(0, whole.length - 10);

    const error = await rejection(client.uploadPictures([good, { image: cut }]));

    expect(error).toMatchObject({ index: 1, code: "truncated" });
    expect(error.message).toMatch(/looks truncated: its image data stops before the JPEG end/);
    expect(error.reason.startsWith(`${checkPicture(cut)}: `)).toBe(true);
    expect(requests).toHaveLength(0);
  });

  it("accepts pictures with data after the end marker, from bytes, a Blob or a file", async () => {
    const { client, requests } = setup();
    const trailed = new Uint8Array([...makeJpeg(), ...new TextEncoder().encode("trailer")]);
    await writeFile(join(dir, "trailed.jpg"), trailed);

    const report = await client.uploadPictures([
      { image: trailed },
      { image: new Blob([trailed]) },
      { image: join(dir, "trailed.jpg") },
    ]);

    expect(report.uploaded).toBe(3);
    const images = JSON.parse(requests[0]?.body ?? "").Pictures.map(
      (p: { Image: string }) => p.Image,
    );
    expect(images).toEqual(Array(3).fill(Buffer.from(trailed).toString("base64")));
  });

  it("keeps the reason apart from the picture's index and name", async () => {
    const { client } = setup();

    const error = await rejection(
      client.uploadPictures([{ image: new Uint8Array(), name: "blank.jpg" }]),
    );

    expect(error.reason).toBe("is empty: leave it out, or check that it was read or copied whole");
    expect(error.message).toBe(`The picture at index 0 (blank.jpg) ${error.reason}`);
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

describe("bytes with start and end markers but no image between them", () => {
  // FF D8 FF alone is cut short; FF D8 FF D9 ends with the end marker but holds nothing.
  const THREE_BYTES = new Uint8Array([0xff, 0xd8, 0xff]);
  const MARKERS_ONLY = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
  const THUMBNAIL_ONLY = new Uint8Array([0xff, 0xd8, 0xff, 0xd8, 0xff, 0xd9]);

  it.each([
    ["FF D8 FF", THREE_BYTES],
    ["FF D8 FF D9", MARKERS_ONLY],
    ["FF D8 FF D8 FF D9", THUMBNAIL_ONLY],
  ])("are refused before any request when given as bytes: %s", async (_, bytes) => {
    const { client, requests } = setup();

    const upload = await rejection(client.uploadPictures([{ image: bytes }]));
    const plan = await rejection(client.planUpload([{ image: bytes.buffer }]));
    const [problem] = await client.checkPictures([{ image: bytes }]);

    expect([upload.code, plan.code, problem?.code]).toEqual([
      "truncated",
      "truncated",
      "truncated",
    ]);
    expect(requests).toHaveLength(0);
  });

  it("are failed, not sent, when a file or Blob holds them", async () => {
    const { client, requests } = setup();
    await writeFile(join(dir, "markers.jpg"), MARKERS_ONLY);

    const report = await client.uploadPictures([
      { image: join(dir, "markers.jpg") },
      { image: new Blob([MARKERS_ONLY]) },
      { image: makeJpeg() },
    ]);

    expect(report.outcomes.map((outcome) => [outcome.status, outcome.code])).toEqual([
      ["failed", "truncated"],
      ["failed", "truncated"],
      ["uploaded", undefined],
    ]);
    expect(requests).toHaveLength(1);
  });
});

describe("checkPictures", () => {
  it("lists every picture an upload would refuse, in input order, and sends nothing", async () => {
    const { client, requests } = setup();
    const whole = makeJpeg();

    const problems = await client.checkPictures(
      [
        { image: whole },
        { image: new Uint8Array(), name: "blank.jpg" },
        { image: PNG_HEAD },
        { image: whole.subarray(0, 40) },
        { image: whole, description: 7 as unknown as string },
        { image: jpegLike(3000) },
        { image: join(dir, "missing.jpg") },
        { image: null as unknown as Uint8Array },
        { image: whole, Description: "Sunset" } as never,
        { image: whole },
      ],
      { maxRequestBytes: 2000 },
    );

    expect(problems.every((problem) => problem instanceof PictureError)).toBe(true);
    expect(problems.map((problem) => [problem.index, problem.code])).toEqual([
      [1, "empty"],
      [2, "not-jpeg"],
      [3, "truncated"],
      [4, "bad-description"],
      [5, "too-large"],
      [6, "unreadable"],
      [7, "bad-image"],
      [8, "unknown-field"],
    ]);
    expect(problems[0]?.pictureName).toBe("blank.jpg");
    expect(requests).toHaveLength(0);
  });

  it("walks a file or Blob that does not end with the end marker, to find a cut", async () => {
    const { client } = setup();
    const whole = makeJpeg();
    const cut = whole.subarray(0, whole.length - 10);
    const trailed = new Uint8Array([...whole, 0, 0, 0]);
    await writeFile(join(dir, "cut.jpg"), cut);
    await writeFile(join(dir, "trailed.jpg"), trailed);

    const problems = await client.checkPictures([
      { image: join(dir, "cut.jpg") },
      { image: new Blob([cut]) },
      { image: join(dir, "trailed.jpg") },
      { image: new Blob([trailed]) },
    ]);

    expect(problems.map((problem) => [problem.index, problem.code])).toEqual([
      [0, "truncated"],
      [1, "truncated"],
    ]);
    expect(problems[0]?.message).toMatch(/^The picture at index 0 \(cut\.jpg\) looks truncated/);
  });

  it("walks a file that ends with the end marker too, as an upload does when it reads it", async () => {
    const { client } = setup();
    await writeFile(join(dir, "markers-only.jpg"), new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));

    const problems = await client.checkPictures([{ image: join(dir, "markers-only.jpg") }]);

    expect(problems.map((problem) => problem.code)).toEqual(["truncated"]);
  });

  it("returns an empty list when every picture passes", async () => {
    const { client } = setup();

    expect(await client.checkPictures([{ image: makeJpeg() }, { image: jpegLike(50) }])).toEqual(
      [],
    );
  });

  it("counts the member's UserID in the budget, as the member's upload does", async () => {
    const { client } = setup();
    // Its item is 1972 bytes: with {"Pictures":[]} that is 1987, with the UserID 2003.
    const picture = { image: jpegLike(1470) };
    const budget = { maxRequestBytes: 1990 };

    expect(await client.checkPictures([picture], budget)).toEqual([]);
    const [problem] = await client.forMember(123456).checkPictures([picture], budget);
    expect(problem?.code).toBe("too-large");
  });

  it("still throws for an argument that is not a list of pictures", async () => {
    const { client } = setup();

    await expect(client.checkPictures(42 as never)).rejects.toThrow(OptionError);
  });
});

describe("PictureError", () => {
  it("can be made with an index, a name and a reason alone", () => {
    const error = new PictureError(3, "a.jpg", "is odd: fix it");

    expect(error).toMatchObject({ index: 3, pictureName: "a.jpg", code: "bad-image" });
    expect(error.message).toBe("The picture at index 3 (a.jpg) is odd: fix it");
  });
});
