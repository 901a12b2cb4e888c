import { fc, test } from "@fast-check/vitest";
import { describe, expect, it, vi } from "vitest";
import { checkPicture, OptionError } from "../src/index.js";
import { jpegLike, makeJpeg, PNG_HEAD, progressiveShape, segment } from "./helpers/jpeg.js";

const TRUNCATED = "looks truncated: its image data stops before the JPEG end marker";

// A few real pictures of different sizes, so the cuts land in headers and in image data.
const jpegs = [makeJpeg(), makeJpeg(16, 8, 2), makeJpeg(40, 24, 3)];

describe("checkPicture", () => {
  it("accepts a real JPEG", () => {
    expect(checkPicture(makeJpeg())).toBeUndefined();
  });

  it("reports empty bytes", () => {
    expect(checkPicture(new Uint8Array())).toBe("is empty");
  });

  it("names a PNG, GIF, WebP, PDF and HEIC for what they are", () => {
    const riff = new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 ");
    const heic = new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode("ftypheic")]);

    expect(checkPicture(PNG_HEAD)).toBe("is not a JPEG (it starts like a PNG)");
    expect(checkPicture(new TextEncoder().encode("GIF89a..."))).toMatch(/like a GIF/);
    expect(checkPicture(riff)).toMatch(/like a WebP/);
    expect(checkPicture(new TextEncoder().encode("%PDF-1.7"))).toMatch(/like a PDF/);
    expect(checkPicture(heic)).toMatch(/like a HEIC/);
  });

  it("reports other bytes as no known image format", () => {
    expect(checkPicture(new TextEncoder().encode("hello"))).toBe(
      "is not a JPEG (it starts like no known image format)",
    );
  });

  it("reports a JPEG cut short in its image data", () => {
    const whole = makeJpeg();

    expect(checkPicture(whole.subarray(0, whole.length - 10))).toBe(TRUNCATED);
    expect(checkPicture(jpegLike(3).subarray(0, 3))).toBe(TRUNCATED);
  });

  test.prop([
    fc
      .constantFrom(...jpegs)
      .chain((jpeg) => fc.tuple(fc.constant(jpeg), fc.nat({ max: jpeg.length - 4 }))),
  ])("reports a JPEG cut anywhere before the end of its end marker", ([jpeg, cut]) => {
    expect(checkPicture(jpeg.subarray(0, 3 + cut))).toBe(TRUNCATED);
  });

  test.prop([fc.constantFrom(...jpegs), fc.uint8Array({ maxLength: 300 })])(
    "accepts a JPEG followed by any data, as phones append after the end marker",
    (jpeg, trailer) => {
      expect(checkPicture(new Uint8Array([...jpeg, ...trailer]))).toBeUndefined();
    },
  );

  it("accepts a whole MP4 after the end marker, as in a Motion Photo", () => {
    const mp4 = new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode("ftypmp42"), 0xff, 0xd8]);

    expect(checkPicture(new Uint8Array([...makeJpeg(), ...mp4, ...new Uint8Array(500)]))).toBe(
      undefined,
    );
  });

  it("walks the later scans and tables of a progressive JPEG", () => {
    const shape = progressiveShape();

    expect(checkPicture(shape)).toBeUndefined();
    expect(checkPicture(new Uint8Array([...shape, 1, 2, 3]))).toBeUndefined();
    expect(checkPicture(shape.subarray(0, shape.length - 4))).toBe(TRUNCATED);
  });

  it("skips a thumbnail's end marker inside a header segment", () => {
    const thumbnail = [0xff, 0xd8, 0xff, 0xd9];
    const withThumbnail = new Uint8Array([
      0xff,
      0xd8,
      ...segment(0xe1, [0x45, 0x78, 0x69, 0x66, 0, 0, ...thumbnail]),
      ...makeJpeg().subarray(2),
    ]);
    const cutAfterThumbnail = withThumbnail.subarray(0, 4 + 6 + thumbnail.length + 2);

    expect(checkPicture(withThumbnail)).toBeUndefined();
    expect(cutAfterThumbnail.subarray(-2)).toEqual(new Uint8Array([0xff, 0xd9]));
    expect(checkPicture(cutAfterThumbnail)).toBe(TRUNCATED);
  });

  it.each([null, undefined, "/9j/2Q==", [0xff, 0xd8], new ArrayBuffer(4)])(
    "throws an OptionError naming checkPicture for %j, which is not bytes",
    (input) => {
      expect(() => checkPicture(input as never)).toThrow(OptionError);
      expect(() => checkPicture(input as never)).toThrow(
        /^checkPicture needs the picture's bytes as a Uint8Array \(got /,
      );
    },
  );

  it("reports a start and end marker with no image between them", () => {
    expect(checkPicture(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBe(TRUNCATED);
  });
});

describe("checkPicture where there is no Buffer, as in a browser", () => {
  it("finds the same for whole, cut and padded JPEGs", async () => {
    const cases = jpegs.flatMap((jpeg) => [
      jpeg,
      jpeg.subarray(0, jpeg.length - 10),
      jpeg.subarray(0, jpeg.length >> 1),
      new Uint8Array([...jpeg, 0xff, 0xd8, 0x00]),
    ]);
    vi.resetModules();
    vi.stubGlobal("Buffer", undefined);
    try {
      const portable = await import("../src/jpeg.js");
      // A fresh copy of the module, which looked for Buffer and found none.
      expect(portable.checkPicture).not.toBe(checkPicture);
      for (const bytes of cases) expect(portable.checkPicture(bytes)).toBe(checkPicture(bytes));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
