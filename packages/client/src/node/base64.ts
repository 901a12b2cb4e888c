import type { Base64Encoder, Base64Writer } from "../encode.js";

const asBuffer = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Base64 through Buffer, which is several times faster than the portable encoder. */
export const encodeBase64: Base64Encoder = (bytes) => asBuffer(bytes).toString("base64");

// A multiple of 3, so the chunks' base64 joins with no padding between; small enough
// that each chunk's text is a short-lived string, not one the size of the picture.
// Known cost: V8 grows its young generation under this garbage, a few MiB once per process.
const CHUNK = 3 * 16 * 1024;

/** Base64 into a body through Buffer, chunk by chunk (safe in place, as Base64Writer says). */
export const writeBase64: Base64Writer = (bytes, target, at) => {
  const input = asBuffer(bytes);
  const output = asBuffer(target);

  for (let start = 0; start < input.length; start += CHUNK) {
    at += output.write(input.toString("base64", start, start + CHUNK), at, "latin1");
  }

  return at;
};
