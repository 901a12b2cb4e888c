import jpeg from "jpeg-js";

/** A real, decodable JPEG of `width` x `height` pixels; the same seed gives the same bytes. */
export function makeJpeg(width = 8, height = 8, seed = 1): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(width * height * 4);
  let state = seed;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    data[i] = state >>> 24;
  }

  return new Uint8Array(jpeg.encode({ data, width, height }, 80).data);
}

/**
 * Bytes that pass the client's JPEG check (start and end markers) with `size`
 * bytes in all: for tests that only care about sizes, not pixels.
 */
export function jpegLike(size: number, fill = 0x41): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(Math.max(size, 5)).fill(fill);
  bytes.set([0xff, 0xd8, 0xff]);
  bytes.set([0xff, 0xd9], bytes.length - 2);

  return bytes;
}

export const PNG_HEAD = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13,
]);
