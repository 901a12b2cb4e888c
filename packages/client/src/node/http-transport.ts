import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

// Answers that carry no body: the Response constructor refuses one for them.
const NO_BODY = new Set([204, 205, 304]);

/**
 * The Node entry's transport, called like fetch(url, init): one request through node:http
 * or node:https and their default agents, the whole answer read into a Response. Node's
 * own HTTP parser is native, where Node's fetch parses with a WebAssembly module that V8
 * recompiles once per process (tens of MiB for a moment), and no web streams sit between
 * the socket and the bytes. It sends a string or a Uint8Array as it is, never follows a
 * redirect (whatever `init.redirect` says), and asks for no compression.
 */
export function sendOverNodeHttp(url: string, init: RequestInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }

    const method = init.method ?? "GET";
    const body = bodyOf(init.body);
    const send = url.startsWith("https:") ? httpsRequest : httpRequest;
    const request = send(url, { method, headers: headersOf(init.headers, method, body) });

    let settled = false;
    const settle = (error: unknown, response?: Response) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      if (response) return resolve(response);

      // Destroying frees the socket rather than leaving it half used in the pool.
      request.destroy();
      reject(error);
    };
    const onAbort = () => settle(signal?.reason);
    signal?.addEventListener("abort", onAbort);

    request.on("error", settle);
    request.on("response", (answer) => {
      const chunks: Buffer<ArrayBuffer>[] = [];
      answer.on("data", (chunk: Buffer<ArrayBuffer>) => chunks.push(chunk));
      // Node names a cut-off answer just "aborted", which reads as if the caller aborted.
      answer.on("error", (error) => {
        settle(new Error("the connection closed before the end of the answer", { cause: error }));
      });
      answer.on("end", () => {
        // A server may answer before reading the whole body. The caller writes its next
        // body into the same bytes once this settles, so none of them may still be sent.
        if (!request.writableFinished) request.destroy();

        try {
          settle(undefined, responseOf(answer, chunks));
        } catch (error) {
          settle(error);
        }
      });
    });

    request.end(body);
  });
}

function bodyOf(body: RequestInit["body"]): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;

  throw new TypeError(
    "This transport sends a string or a Uint8Array body only; for other bodies pass " +
      "`fetch: globalThis.fetch` to createClient",
  );
}

function headersOf(
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

function responseOf(answer: IncomingMessage, chunks: Buffer<ArrayBuffer>[]): Response {
  const status = answer.statusCode ?? 0;
  if (status < 200 || status > 599) {
    throw new Error(
      `the server answered with HTTP status ${status}, which is not a final answer ` +
        "(200-599), so it cannot be read; it may have processed the request",
    );
  }

  const headers = new Headers();
  const raw = answer.rawHeaders;
  for (let at = 0; at < raw.length; at += 2) headers.append(raw[at] as string, raw[at + 1] ?? "");
  const body =
    NO_BODY.has(status) || chunks.length === 0
      ? null
      : chunks.length === 1
        ? chunks[0]
        : Buffer.concat(chunks);

  return new Response(body, { status, statusText: answer.statusMessage ?? "", headers });
}
