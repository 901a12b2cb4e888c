import { sendOverNodeHttp, type Transport } from "@adultwork-api/client";
import { formatBytes } from "./format.js";

/**
 * Wraps the client's transport to log each request's size and timing. Headers are not
 * logged (the Authorization header holds the token) and base64 images are cut to a few
 * characters. It wraps the client's own transport, so a run with --debug sends exactly as
 * a run without it.
 */
export function debugFetch(log: (line: string) => void): Transport {
  return async (url, init) => {
    // Read before sending: the client reuses an upload's body bytes once the call settles.
    const body = textOf(init.body);
    const bytes = init.body instanceof Uint8Array ? init.body.length : Buffer.byteLength(body);
    const pictures = (body.match(/"Image":/g) ?? []).length;
    const started = performance.now();

    log(
      `-> ${init.method ?? "GET"} ${url} ${formatBytes(bytes)}, ` +
        `${pictures} picture(s), authorization [REDACTED]`,
    );
    log(`   body ${cutImages(body).slice(0, 400)}`);

    try {
      const response = await sendOverNodeHttp(url, init);
      const ms = Math.round(performance.now() - started);
      log(`<- ${response.status} ${response.statusText} in ${ms} ms`);

      return response;
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      const { code, cause } = error as Error & { code?: string; cause?: { code?: string } };
      const why = code ?? cause?.code;
      log(`<- no answer after ${ms} ms: ${(error as Error).message}${why ? ` (${why})` : ""}`);
      throw error;
    }
  };
}

/** The client sends a string (raw calls) or the bytes of a JSON body (uploads). */
function textOf(body: RequestInit["body"]): string {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array)
    return Buffer.from(body.buffer, body.byteOffset, body.length).toString("utf8");

  return "";
}

export function cutImages(body: string): string {
  return body.replace(
    /("Image":")([A-Za-z0-9+/=]{8})([A-Za-z0-9+/=]*)"/g,
    (_, key: string, start: string, rest: string) =>
      `${key}${start}...[${start.length + rest.length} chars]"`,
  );
}
