import { detail, type PictureErrorCode } from "./errors.js";
import { isRetryableStatus } from "./retry.js";
import { type Exchange, notConnectedCode } from "./send.js";

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
}

export type Settled = Omit<PictureOutcome, "index" | "name">;

const MAYBE = "the API may or may not have added it";

// Error bodies are not documented; a short excerpt helps without flooding logs.
const excerpt = (body: unknown) => {
  const text = typeof body === "string" ? body : JSON.stringify(body);

  return text ? `: ${text.length > 200 ? `${text.slice(0, 200)}...` : text}` : "";
};

/** Turns what came of a request into the outcome of each picture it carried. */
export function settle(exchange: Exchange, timeoutMs: number): Settled {
  const { attempts, response, failure, error } = exchange;

  if (response) {
    const httpStatus = response.status;
    if (response.ok) return { status: "uploaded", httpStatus, attempts };

    const unknown = httpStatus >= 500 && !isRetryableStatus(httpStatus);
    const after = isRetryableStatus(httpStatus)
      ? ` after ${attempts} attempt(s): not processed, send it again later`
      : excerpt(exchange.body);

    return {
      status: unknown ? "unknown" : "failed",
      reason: `HTTP ${httpStatus}${after}${unknown ? `; ${MAYBE}` : ""}`,
      httpStatus,
      attempts,
    };
  }

  const reasons: Record<string, [Settled["status"], string]> = {
    token: ["failed", `not sent: the accessToken function failed (${detail(error)})`],
    cancelled: ["failed", "not sent: the upload was aborted"],
    "not-sent": [
      "failed",
      `not sent: could not connect in ${attempts} attempt(s) (${notConnectedCode(error)})`,
    ],
    aborted: ["unknown", `aborted while the request was in flight; ${MAYBE}`],
    timeout: ["unknown", `no answer within ${timeoutMs} ms; ${MAYBE}`],
    "no-answer": ["unknown", `the connection failed after sending (${detail(error)}); ${MAYBE}`],
  };
  const [status, reason] = reasons[failure ?? "no-answer"] as [Settled["status"], string];

  return { status, reason, attempts };
}
