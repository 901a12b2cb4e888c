import type { Client } from "openapi-fetch";
import { type AccessToken, resolveToken } from "./auth.js";
import type { paths } from "./generated/schema.js";
import { scrubJson } from "./redact.js";
import { isRetryableStatus, retryAfterMs, retryDelayMs, sleep } from "./retry.js";

/** Why an attempt got no HTTP answer. */
export type Failure =
  | "token" // the accessToken function failed: nothing was sent
  | "cancelled" // aborted before sending: nothing was sent
  | "not-sent" // the connection failed before the request went out
  | "aborted" // aborted while in flight: outcome unknown
  | "timeout" // no answer in time: outcome unknown
  | "no-answer"; // the connection broke after sending: outcome unknown

/** What came of sending one body, retries included. */
export interface Exchange {
  attempts: number;
  response?: Response;
  /** The answer's body: parsed JSON, text, or undefined when empty. */
  body?: unknown;
  failure?: Failure;
  error?: unknown;
}

export type ApiPath = keyof paths;

/** Sends one JSON body: text (raw calls) or the bytes of an upload's batch. */
export type Send = (
  path: ApiPath,
  body: string | Uint8Array,
  signal?: AbortSignal,
) => Promise<Exchange>;

export interface SendConfig {
  api: Client<paths>;
  accessToken: AccessToken;
  timeoutMs: number;
  maxAttempts: number;
  maxDelayMs: number;
  userAgent: string | undefined;
}

// Error codes that mean no connection was made, so the server never saw the request.
const NOT_CONNECTED =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/;

/** The error code showing that `error` happened before connecting, if it did. */
export function notConnectedCode(error: unknown): string | undefined {
  const { code, cause, errors } = (error ?? {}) as {
    code?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (NOT_CONNECTED.test(String(code))) return String(code);

  // Several addresses tried (happy eyeballs): not connected only if none connected.
  const codes = Array.isArray(errors) ? errors.map(notConnectedCode) : [];
  if (codes.length > 0 && codes.every(Boolean)) return codes[0];

  return cause === undefined ? undefined : notConnectedCode(cause);
}

type Post = (
  path: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Makes the function that sends one JSON body, with auth, timeout and retries. */
export function createSend(config: SendConfig): Send {
  const post = config.api.POST as unknown as Post;

  async function attempt(path: ApiPath, body: string | Uint8Array, signal?: AbortSignal) {
    if (signal?.aborted) return { failure: "cancelled" } as const;

    let token: string;
    try {
      token = await resolveToken(config.accessToken);
    } catch (error) {
      return { failure: "token", error } as const;
    }

    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    const timer = setTimeout(() => controller.abort(), config.timeoutMs);
    signal?.addEventListener("abort", onAbort);

    try {
      const { error, response } = await post(path, {
        body,
        bodySerializer: (json: string | Uint8Array) => json,
        // The API answers 200 with no body; text never throws on a stray body.
        parseAs: "text",
        headers: {
          Authorization: `Bearer ${token}`,
          ...(config.userAgent && { "User-Agent": config.userAgent }),
        },
        signal: controller.signal,
      });

      // openapi-fetch gives an empty error body as "" or undefined, by Content-Length.
      return {
        response,
        body: error === "" || error === undefined ? undefined : scrubJson(error, token),
      };
    } catch (error) {
      const failure: Failure = signal?.aborted
        ? "aborted"
        : controller.signal.aborted
          ? "timeout"
          : notConnectedCode(error)
            ? "not-sent"
            : "no-answer";

      return { failure, error };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  return async (path, body, signal) => {
    for (let attempts = 1; ; attempts++) {
      const result: Omit<Exchange, "attempts"> = await attempt(path, body, signal);
      const { failure, response } = result;

      if (failure === "token" || failure === "cancelled")
        return { ...result, attempts: attempts - 1 };

      const retryable = failure === "not-sent" || (response && isRetryableStatus(response.status));
      if (!retryable || attempts >= config.maxAttempts) return { ...result, attempts };

      const retryAfter = retryAfterMs(response?.headers.get("retry-after") ?? null, Date.now());
      const waited = await sleep(retryDelayMs(attempts, retryAfter, config.maxDelayMs), signal);
      if (!waited) return { ...result, attempts };
    }
  };
}
