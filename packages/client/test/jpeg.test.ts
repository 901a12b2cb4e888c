import { describe, expect, it } from "vitest";
import { checkPicture } from "../src/index.js";
import { jpegLike, makeJpeg, PNG_HEAD } from "./helpers/jpeg.js";

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

  it("reports a JPEG cut short before its end marker", () => {
    const whole = makeJpeg();

    expect(checkPicture(whole.subarray(0, whole.length - 10))).toBe(
      "does not end with the JPEG end marker, so it looks truncated " +
        "or has other data after the picture",
    );
    expect(checkPicture(jpegLike(3).subarray(0, 3))).toMatch(/truncated/);
  });

  it("reports data after the end marker the same way", () => {
    const padded = new Uint8Array([...makeJpeg(), 0, 0, 0, 0]);

    expect(checkPicture(padded)).toMatch(/^does not end with the JPEG end marker/);
  });
});
