/** Turns bytes into standard base64 with padding. */
export type Base64Encoder = (bytes: Uint8Array) => string;

/** The length of the base64 text for `byteLength` bytes. */
export const base64Length = (byteLength: number) => 4 * Math.ceil(byteLength / 3);

// A multiple of 3, so the base64 of each chunk joins without padding in between.
const CHUNK = 3 * 0x4000;

/** A base64 encoder that needs no Node built-ins (the Node entry uses Buffer). */
export const encodeBase64: Base64Encoder = (bytes) => {
  const native = (bytes as { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);

  let base64 = "";
  for (let start = 0; start < bytes.length; start += CHUNK) {
    base64 += btoa(String.fromCharCode(...bytes.subarray(start, start + CHUNK)));
  }

  return base64;
};

const encoder = new TextEncoder();

/** The size in bytes of `value` as JSON text, UTF-8 encoded (as fetch sends it). */
export const jsonBytes = (value: unknown) => encoder.encode(JSON.stringify(value)).length;
