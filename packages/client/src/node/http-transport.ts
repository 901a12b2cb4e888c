import { Agent as HttpAgent, request as httpRequest, type OutgoingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import { AnswerBody, responseOf } from "./read-answer.js";

// Every request gets a connection of its own, closed after its answer. On a kept-open
// connection a request can go out just as the server closes it, and then nobody can
// tell whether the server read it: with no idempotency key that picture is "unknown".
// A fresh connection costs one handshake (TLS sessions are still resumed), small next to
// a batch of pictures.
const AGENTS = { http: new HttpAgent(), https: new HttpsAgent() };

/** Rejects a request given up before its connection opened: it never went out. */
function neverConnected(reason: unknown): Error {
  const error = new Error("the connection was not open yet when the request was given up", {
    cause: reason,
  });

  return Object.assign(error, { code: "ENOTCONN" });
}

/** Calls `opened` once `socket` can carry the request: connected, and for TLS, secured. */
function whenOpen(socket: Socket, secure: boolean, opened: () => void): void {
  const event = secure ? "secureConnect" : "connect";
  if (!socket.connecting && (!secure || (socket as { encrypted?: boolean }).encrypted)) {
    opened();
  } else {
    socket.once(event, opened);
  }
}

/**
 * The Node entry's transport, called like fetch(url, init): one request through node:http
 * or node:https on a connection of its own, the whole answer read into a Response. Node's
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
    const secure = url.startsWith("https:");
    const send = secure ? httpsRequest : httpRequest;
    const request = send(url, {
      method,
      headers: headersOf(init.headers, method, body),
      agent: secure ? AGENTS.https : AGENTS.http,
    });
    let open = false;
    request.on("socket", (socket) => whenOpen(socket, secure, () => (open = true)));

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
    // Set once the answer's status line is in: from then on that status is the outcome.
    let answerAsItCame: (() => void) | undefined;
    const onAbort = () =>
      answerAsItCame
        ? answerAsItCame()
        : settle(open ? signal?.reason : neverConnected(signal?.reason));
    signal?.addEventListener("abort", onAbort);

    request.on("error", (error) => (answerAsItCame ? answerAsItCame() : settle(error)));
    // No request here asks to switch protocols; Node would otherwise wait for a listener.
    request.on("upgrade", (_, socket) => {
      socket.destroy();
      settle(new Error("the server answered 101 Switching Protocols, which is not an answer"));
    });
    request.on("response", (answer) => {
      const kept = new AnswerBody();
      // The server has given its verdict: a body cut off, stalled past the timeout or
      // aborted does not undo it, so the answer goes back with what came of its body.
      answerAsItCame = () => {
        // A connection with an answer or a body half sent cannot be reused. The caller
        // writes its next body into the same bytes once this settles, so none of them
        // may still go out either.
        if (!answer.complete || !request.writableFinished) request.destroy();

        try {
          settle(undefined, responseOf(answer, kept));
        } catch (error) {
          settle(error);
        }
      };

      answer.on("data", (chunk: Buffer) => {
        if (!kept.add(chunk)) answerAsItCame?.();
      });
      answer.on("error", answerAsItCame);
      answer.on("end", answerAsItCame);
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
