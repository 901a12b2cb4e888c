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
 * Bytes that pass the client's JPEG check with `size` bytes in all (8 at least): the
 * start marker, an empty start-of-scan segment, `fill` as the image data, then the end
 * marker. For tests that only care about sizes, not pixels.
 */
export function jpegLike(size: number, fill = 0x41): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(Math.max(size, 8)).fill(fill);
  bytes.set([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02]);
  bytes.set([0xff, 0xd9], bytes.length - 2);

  return bytes;
}

export const PNG_HEAD = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13,
]);

/** One JPEG marker segment: FF, the marker, then a length that counts itself. */
export function segment(marker: number, payload: ArrayLike<number> = []): number[] {
  const length = payload.length + 2;

  return [0xff, marker, length >> 8, length & 0xff, ...Array.from(payload)];
}

/**
 * The shape of a progressive JPEG, built by hand: tables and scans in turn, each scan's
 * data with stuffing (FF 00), a restart marker and fill bytes, then EOI. Not decodable;
 * for the structural check only.
 */
export function progressiveShape(): Uint8Array<ArrayBuffer> {
  const scanData = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0x00];

  return new Uint8Array([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0]),
    ...segment(0xdb, new Array(65).fill(1)),
    ...segment(0xc2, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...segment(0xc4, new Array(20).fill(2)),
    ...segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
    ...scanData,
    ...segment(0xc4, new Array(20).fill(3)),
    ...segment(0xda, [1, 1, 0, 1, 0x3f, 0]),
    ...scanData,
    0xff,
    0xff,
    0xff,
    0xd9,
  ]);
}
