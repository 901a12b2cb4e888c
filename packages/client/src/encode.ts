/** Turns bytes into standard base64 with padding. */
export type Base64Encoder = (bytes: Uint8Array) => string;

/**
 * Writes the base64 of `bytes` into `target` from offset `at` and returns the offset
 * after it. `bytes` may be the last bytes of the very span the encoding fills: each
 * chunk is read before its text is written, and the text never catches up with the
 * bytes not read yet, so a file can be read straight into its place in a request body
 * and encoded where it lies.
 */
export type Base64Writer = (bytes: Uint8Array, target: Uint8Array, at: number) => number;

/** The length of the base64 text for `byteLength` bytes. */
export const base64Length = (byteLength: number) => 4 * Math.ceil(byteLength / 3);

// A multiple of 3, so the chunks' base64 joins with no padding between; under the
// number of arguments every engine takes in one call.
const CHUNK = 3 * 8192;

// The base64 of each chunk, through the platform's btoa.
function* base64Chunks(bytes: Uint8Array) {
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const chunk = bytes.subarray(start, start + CHUNK) as unknown as number[];
    yield btoa(String.fromCharCode.apply(null, chunk));
  }
}

/** A base64 writer that needs no Node built-ins. */
export const writeBase64: Base64Writer = (bytes, target, at) => {
  const ascii = new TextEncoder();
  for (const text of base64Chunks(bytes)) at += ascii.encodeInto(text, target.subarray(at)).written;

  return at;
};

/**
 * Encodes bytes as standard base64 with padding, with no Node built-ins: the
 * platform's `Uint8Array.prototype.toBase64` where there is one, else btoa by chunks.
 */
export const encodeBase64: Base64Encoder = (bytes) => {
  const native = (bytes as { toBase64?: () => string }).toBase64;

  return native ? native.call(bytes) : [...base64Chunks(bytes)].join("");
};
