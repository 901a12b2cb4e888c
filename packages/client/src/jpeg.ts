import { OptionError } from "./errors.js";
import { kindOf } from "./options.js";

// Signatures of formats people most often send by mistake, for a clearer reason.
const LOOKALIKES: [name: string, offset: number, signature: string][] = [
  ["a PNG", 1, "PNG"],
  ["a GIF", 0, "GIF8"],
  ["a WebP", 8, "WEBP"],
  ["a PDF", 0, "%PDF"],
  ["a HEIC or MP4", 4, "ftyp"],
];

/** How many leading bytes the check looks at. */
export const HEAD_BYTES = 12;

/** What is wrong with a picture's bytes, as a code and a short sentence. */
export interface JpegProblem {
  code: "empty" | "not-jpeg" | "truncated";
  text: string;
}

const TRUNCATED: JpegProblem = {
  code: "truncated",
  text: "looks truncated: its image data stops before the JPEG end marker",
};

const has = (bytes: Uint8Array, offset: number, signature: string) =>
  [...signature].every((char, i) => bytes[offset + i] === char.charCodeAt(0));

/**
 * What the first bytes alone show, for a picture of `size` bytes: no bytes, or not
 * the start-of-image marker.
 */
export function headProblem(head: Uint8Array, size: number): JpegProblem | undefined {
  if (size === 0 || head.length === 0) return { code: "empty", text: "is empty" };
  if (has(head, 0, "\xff\xd8\xff")) return undefined;

  const lookalike = LOOKALIKES.find(([, offset, signature]) => has(head, offset, signature));

  return {
    code: "not-jpeg",
    text: `is not a JPEG (it starts like ${lookalike?.[0] ?? "no known image format"})`,
  };
}

type ByteSearch = (this: Uint8Array, byte: number, from: number) => number;

// Node's Buffer finds a byte with memchr, several times faster than a typed array's own
// indexOf, and takes any Uint8Array; where there is no Buffer, the typed array's serves.
const indexOfByte: ByteSearch =
  (globalThis as { Buffer?: { prototype: { indexOf: ByteSearch } } }).Buffer?.prototype.indexOf ??
  Uint8Array.prototype.indexOf;

// Markers that stand alone, with no length after them: TEM and RST0-RST7.
const standsAlone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/**
 * Whether the picture reaches its end-of-image marker: walks the segments from the
 * start marker by their lengths and, after each start of scan, the entropy-coded data
 * to the first marker that is neither stuffing (FF 00) nor a restart (RSTn). Reaching
 * EOI (FF D9) there means the picture is whole, whatever follows it (phones append
 * trailers and Motion Photos a whole video); a progressive JPEG's later scans and
 * tables are walked the same way.
 */
export function reachesEndMarker(bytes: Uint8Array): boolean {
  let at = 2;
  let scanned = false;

  for (;;) {
    if (bytes[at] !== 0xff) return false;
    // A marker may be preceded by any number of FF fill bytes.
    while (bytes[at] === 0xff) at++;
    const marker = bytes[at++];

    if (marker === 0xd9) return scanned;
    if (marker === undefined || marker === 0x00 || marker === 0xd8) return false;
    if (standsAlone(marker)) continue;

    const length = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
    if (length < 2) return false;
    at += length;
    if (marker !== 0xda) continue;

    scanned = true;
    for (;;) {
      at = indexOfByte.call(bytes, 0xff, at);
      const next = bytes[at + 1];
      if (at < 0 || next === undefined) return false;
      if (next !== 0x00 && !standsAlone(next)) break;
      at += 2;
    }
  }
}

/**
 * What is wrong with a picture whose bytes are all in hand: its first bytes, then a
 * walk to its end marker. Bytes in memory are always walked, once ("ends with FF D9"
 * alone would pass FF D8 FF D9): in Node, on a 2.6 MB picture, the walk takes about a
 * quarter of the time its base64 encoding does.
 */
export function jpegProblem(bytes: Uint8Array): JpegProblem | undefined {
  return (
    headProblem(bytes.subarray(0, HEAD_BYTES), bytes.length) ??
    (reachesEndMarker(bytes) ? undefined : TRUNCATED)
  );
}

/**
 * Checks that `bytes` hold one complete JPEG: the start-of-image marker first, then
 * segments and image data that lead to the end-of-image marker (data after it is
 * allowed). Returns undefined when they do, otherwise a short reason such as "is empty".
 */
export function checkPicture(bytes: Uint8Array): string | undefined {
  if (!(bytes instanceof Uint8Array)) {
    throw new OptionError(
      `checkPicture needs the picture's bytes as a Uint8Array (got ${kindOf(bytes)}): ` +
        "read the file first, or wrap an ArrayBuffer in new Uint8Array(buffer)",
    );
  }

  return jpegProblem(bytes)?.text;
}
