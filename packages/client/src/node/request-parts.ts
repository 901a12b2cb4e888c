import type { OutgoingHttpHeaders } from "node:http";

/** The body as this transport sends it: a string or bytes, as they are. */
export function bodyOf(body: RequestInit["body"]): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;

  throw new TypeError(
    "This transport sends a string or a Uint8Array body only; for other bodies pass " +
      "`fetch: globalThis.fetch` to createClient",
  );
}

/** The headers to send, with an explicit length and no compression asked for. */
export function headersOf(
  given: HeadersInit | undefined,
  method: string,
  body: string | Uint8Array | undefined,
): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of given instanceof Headers ? given : new Headers(given)) {
    headers[name] = value;
  }

  // An explicit length: the body goes out whole, never in chunks.
  if (body !== undefined || (method !== "GET" && method !== "HEAD")) {
    headers["content-length"] =
      typeof body === "string" ? Buffer.byteLength(body) : (body?.byteLength ?? 0);
  }
  // The answer is handed over as it came, so it must come uncompressed.
  headers["accept-encoding"] = "identity";

  return headers;
}
