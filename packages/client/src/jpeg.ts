// Signatures of formats people most often send by mistake, for a clearer reason.
const LOOKALIKES: [name: string, offset: number, signature: string][] = [
  ["a PNG", 1, "PNG"],
  ["a GIF", 0, "GIF8"],
  ["a WebP", 8, "WEBP"],
  ["a PDF", 0, "%PDF"],
  ["a HEIC or MP4", 4, "ftyp"],
];

/** How many leading bytes `signatureProblem` looks at. */
export const HEAD_BYTES = 12;

const has = (bytes: Uint8Array, offset: number, signature: string) =>
  [...signature].every((char, i) => bytes[offset + i] === char.charCodeAt(0));

/**
 * Why `head` (the first bytes of a file) cannot be a JPEG, or undefined when it
 * starts with the JPEG signature.
 */
export function signatureProblem(head: Uint8Array): string | undefined {
  if (head.length === 0) return "is empty";
  if (has(head, 0, "\xff\xd8\xff")) return undefined;

  const lookalike = LOOKALIKES.find(([, offset, signature]) => has(head, offset, signature));

  return `is not a JPEG (it starts like ${lookalike ? lookalike[0] : "no known image format"})`;
}

/**
 * Checks that `bytes` look like one complete JPEG: the start-of-image marker
 * first and the end-of-image marker last. Returns undefined when they do,
 * otherwise a short reason such as "is empty".
 */
export function checkPicture(bytes: Uint8Array): string | undefined {
  const problem = signatureProblem(bytes);
  if (problem) return problem;

  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) {
    return "ends before the JPEG end marker: the file looks truncated";
  }

  return undefined;
}
