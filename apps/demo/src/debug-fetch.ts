import { formatBytes } from "./format.js";

/**
 * Wraps fetch to log each request's size and timing. Headers are not logged (the
 * Authorization header holds the token) and base64 images are cut to a few characters.
 */
export function debugFetch(log: (line: string) => void, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = await request.clone().text();
    const pictures = (body.match(/"Image":/g) ?? []).length;
    const started = performance.now();

    log(
      `-> ${request.method} ${request.url} ${formatBytes(Buffer.byteLength(body))}, ` +
        `${pictures} picture(s), authorization [REDACTED]`,
    );
    log(`   body ${cutImages(body).slice(0, 400)}`);

    try {
      const response = await inner(request);
      const ms = Math.round(performance.now() - started);
      log(`<- ${response.status} ${response.statusText} in ${ms} ms`);

      return response;
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
      log(`<- no answer after ${ms} ms: ${(error as Error).message}${cause ? ` (${cause})` : ""}`);
      throw error;
    }
  };
}

export function cutImages(body: string): string {
  return body.replace(
    /("Image":")([A-Za-z0-9+/=]{8})([A-Za-z0-9+/=]*)"/g,
    (_, key: string, start: string, rest: string) =>
      `${key}${start}...[${start.length + rest.length} chars]"`,
  );
}
