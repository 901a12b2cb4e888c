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

/** How many trailing bytes the check looks at: the end-of-image marker. */
export const TAIL_BYTES = 2;

/** What is wrong with a picture's bytes, as a code and a short sentence. */
export interface JpegProblem {
  code: "empty" | "not-jpeg" | "truncated";
  text: string;
}

/** The first and last bytes of a picture, and its size: all the check needs. */
export interface PictureEdges {
  head: Uint8Array;
  tail: Uint8Array;
  size: number;
}

const has = (bytes: Uint8Array, offset: number, signature: string) =>
  [...signature].every((char, i) => bytes[offset + i] === char.charCodeAt(0));

/** The edges of bytes already in memory. */
export const edgesOf = (bytes: Uint8Array): PictureEdges => ({
  head: bytes.subarray(0, HEAD_BYTES),
  tail: bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)),
  size: bytes.length,
});

/**
 * Why a picture cannot be a whole JPEG, judged by its first and last bytes: it
 * must start with the start-of-image marker and end with the end-of-image marker.
 */
export function jpegProblem({ head, tail, size }: PictureEdges): JpegProblem | undefined {
  if (size === 0 || head.length === 0) return { code: "empty", text: "is empty" };

  if (!has(head, 0, "\xff\xd8\xff")) {
    const lookalike = LOOKALIKES.find(([, offset, signature]) => has(head, offset, signature));
    const like = lookalike ? lookalike[0] : "no known image format";

    return { code: "not-jpeg", text: `is not a JPEG (it starts like ${like})` };
  }

  if (tail.length < TAIL_BYTES || tail[0] !== 0xff || tail[1] !== 0xd9) {
    return {
      code: "truncated",
      text:
        "does not end with the JPEG end marker, so it looks truncated " +
        "or has other data after the picture",
    };
  }

  return undefined;
}

/**
 * Checks that `bytes` look like one complete JPEG: the start-of-image marker
 * first and the end-of-image marker last, the same check an upload makes.
 * Returns undefined when they do, otherwise a short reason such as "is empty".
 */
export function checkPicture(bytes: Uint8Array): string | undefined {
  return jpegProblem(edgesOf(bytes))?.text;
}
