import type { PictureErrorCode } from "./errors.js";
import { isRetryableStatus } from "./retry.js";
import type { Exchange, Failure } from "./send.js";

/** What happened to one picture. */
export interface PictureOutcome {
  /** Its position in the input, from 0. */
  index: number;
  name?: string;
  /**
   * `uploaded`: the API answered 2xx. `failed`: it was certainly not added
   * (refused, or never sent). `unknown`: it may or may not have been added.
   */
  status: "uploaded" | "failed" | "unknown";
  /**
   * Why, for people, when it was not uploaded. It does not repeat what `status`,
   * `httpStatus` and `attempts` say; it starts with "not sent" when no request
   * carrying the picture reached the API.
   */
  reason?: string;
  /**
   * Set when the picture was refused as its batch was read, with the code a
   * PictureError would have: `truncated` (its end marker was not found), `unreadable`
   * (the file could not be read, or changed size since the check), and so on.
   */
  code?: PictureErrorCode;
  /** The HTTP status of the last answer, when there was one. */
  httpStatus?: number;
  /** How many times sending it was tried (0 when it never was). */
  attempts: number;
  /**
   * How far the request carrying it got, whatever came of it:
   * - `not-sent`: no request carrying it reached the API (kept back, stopped, aborted
   *   before sending, the accessToken function failed, the connection or its TLS
   *   handshake never opened, or the picture could not be read): `status` is `failed`,
   *   and sending it again cannot add it twice;
   * - `answered`: the API answered with an HTTP status, in `httpStatus`: 2xx is
   *   `uploaded`, a refusal `failed`, a 5xx other than 503 `unknown`;
   * - `unanswered`: it was sent, or may have been, and no answer came (a timeout, a
   *   broken connection, an abort in flight): `status` is `unknown`.
   */
  delivery: "not-sent" | "answered" | "unanswered";
}

export type Settled = Omit<PictureOutcome, "index" | "name" | "delivery">;

// Error bodies are not documented; a short excerpt helps without flooding logs.
const excerpt = (body: unknown) => {
  const text = typeof body === "string" ? body : JSON.stringify(body);

  return text ? `: ${text.length > 200 ? `${text.slice(0, 200)}...` : text}` : "";
};

/** Why an answer that was not 2xx came, in words: the status itself is in httpStatus. */
function answerReason(status: number, body: unknown): string {
  if (status === 429) return "the API had too many requests and did not process it: send it later";
  if (status === 503) return "the API was unavailable and did not process it: send it later";
  if (status >= 500) return `the API failed while handling it${excerpt(body)}`;
  if (status < 400) {
    return "the API answered with a redirect, which the client does not follow: check baseUrl";
  }
  if (status === 401 || status === 403) {
    return `the API refused the access token${excerpt(body)} (check the token and its scope)`;
  }

  return `the API refused it${excerpt(body)}`;
}

/** What came of the last attempt made, or of none, as an outcome. */
function settleLast(exchange: Exchange, timeoutMs: number): Settled {
  const { attempts, response, failure, why } = exchange;

  if (response) {
    const httpStatus = response.status;
    if (response.ok) return { status: "uploaded", httpStatus, attempts };

    const unknown = httpStatus >= 500 && !isRetryableStatus(httpStatus);
    return {
      status: unknown ? "unknown" : "failed",
      reason: answerReason(httpStatus, exchange.body),
      httpStatus,
      attempts,
    };
  }

  const reasons: Record<Failure, [Settled["status"], string]> = {
    token: ["failed", `not sent: the accessToken function failed (${why})`],
    cancelled: ["failed", "not sent: the upload was aborted"],
    stopped: ["failed", "not sent: the upload was stopped"],
    "not-sent": ["failed", `not sent: ${why}`],
    aborted: ["unknown", "aborted while the request was in flight"],
    timeout: ["unknown", `no answer within ${timeoutMs} ms`],
    "no-answer": ["unknown", `no usable answer came after sending (${why})`],
  };
  const [status, reason] = reasons[failure ?? "no-answer"];

  return { status, reason, attempts };
}

/**
 * Turns what came of a request into the outcome of each picture it carried. The
 * reason says why in words, and leaves out what status, httpStatus and attempts say,
 * so that a program can show them side by side without saying anything twice.
 */
export function settle(exchange: Exchange, timeoutMs: number): Settled {
  const settled = settleLast(exchange, timeoutMs);
  if (exchange.stopped) settled.reason += "; the upload was stopped before it could be tried again";

  return settled;
}
