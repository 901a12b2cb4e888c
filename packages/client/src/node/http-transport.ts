import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import {
  afterTwoTurns,
  agentFor,
  closedUnderRequest,
  notSent,
  StaleConnection,
  stillOpen,
  whenOpen,
} from "./connection.js";
import { notConnected } from "./not-connected.js";
import { AnswerBody, responseOf } from "./read-answer.js";
import { bodyOf, headersOf } from "./request-parts.js";

// A request finds a closed kept-open connection at most this many times in a row.
const STALE_TRIES = 3;

const GIVEN_UP = "the request was given up before any of it went out";

/**
 * The Node entry's transport, called like fetch(url, init): one request through node:http
 * or node:https, the whole answer read into a Response. Node's own HTTP parser is native,
 * where Node's fetch parses with a WebAssembly module that V8 recompiles once per process
 * (tens of MiB for a moment), and no web streams sit between the socket and the bytes. It
 * sends a string or a Uint8Array as it is, never follows a redirect (whatever
 * `init.redirect` says), and asks for no compression.
 *
 * Connections are kept open, and one is written to only once it is known to be alive: a
 * request that finds its connection closed before writing a byte goes again on another,
 * since the server cannot have seen it. A server that closes one under a written request
 * gets a connection per request from then on.
 */
export async function sendOverNodeHttp(url: string, init: RequestInit): Promise<Response> {
  for (let tries = 1; ; tries++) {
    try {
      return await sendOnce(url, init);
    } catch (error) {
      if (!(error instanceof StaleConnection)) throw error;
      if (tries >= STALE_TRIES) throw notSent(error.message, error);
    }
  }
}

function sendOnce(url: string, init: RequestInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const signal = init.signal ?? undefined;
    // Also reached when a signal aborts between two tries on closed kept-open connections.
    if (signal?.aborted) {
      reject(notSent(GIVEN_UP, signal.reason));
      return;
    }

    const method = init.method ?? "GET";
    const body = bodyOf(init.body);
    const { origin } = new URL(url);
    const secure = origin.startsWith("https:");
    const send = secure ? httpsRequest : httpRequest;
    const request = send(url, {
      method,
      headers: headersOf(init.headers, method, body),
      agent: agentFor(origin, secure),
    });

    // Some of the request may have left only once its connection is open and it is written.
    let open = false;
    let written = false;
    const write = () => {
      written = true;
      request.end(body);
    };

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
    /** `error`, or why nothing was sent when nothing can have been. */
    const failed = (error: unknown) => {
      // An abort settles first (onAbort), so this is never one: nothing went out, try again.
      if (!written) return settle(new StaleConnection(error));
      if (open && request.reusedSocket) closedUnderRequest(origin);
      if (open) return settle(error);

      settle(notConnected(error) ? error : notSent("the connection did not open", error));
    };

    request.on("socket", (socket) => {
      whenOpen(socket, secure, () => (open = true));
      if (!request.reusedSocket) return write();

      afterTwoTurns(() => {
        if (settled) return;
        if (stillOpen(socket)) return write();
        failed(new Error("closed by the server"));
      });
    });

    // Set once the answer's head (status and headers) is in: from then on its status is
    // the outcome.
    let answerAsItCame: (() => void) | undefined;
    const onAbort = () => {
      if (answerAsItCame) return answerAsItCame();

      const reason = signal?.reason;
      settle(written && open ? reason : notSent(GIVEN_UP, reason));
    };
    signal?.addEventListener("abort", onAbort);

    request.on("error", (error) => (answerAsItCame ? answerAsItCame() : failed(error)));
    // No request here asks to switch protocols; Node would otherwise wait for a listener.
    request.on("upgrade", (_, socket) => {
      socket.destroy();
      settle(new Error("the server answered 101 Switching Protocols, which is not an answer"));
    });
    request.on("response", (answer) => {
      // An answer before this request was written is not its answer: a stray one the server
      // sent on the kept-open connection (a late duplicate, a "408" before closing).
      if (!written) return failed(new Error(`an answer (${answer.statusCode}) came unasked`));

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
  });
}
