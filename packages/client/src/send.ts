import type { Client } from "openapi-fetch";
import { type AccessToken, resolveToken } from "./auth.js";
import { chainOf, detail } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { scrub, scrubJson } from "./redact.js";
import { isRetryableStatus, retryAfterMs, retryDelayMs, sleep } from "./retry.js";

/** Why an attempt got no HTTP answer, or why none was made. */
export type Failure =
  | "token" // the accessToken function failed: nothing was sent
  | "cancelled" // aborted before sending: nothing was sent
  | "stopped" // the upload was stopping before the first attempt: nothing was sent
  | "not-sent" // the request failed before it reached the server: see NotConnectedCheck
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
  /** What was thrown, kept as a `cause`; a plain Error in its place if it held the token. */
  error?: unknown;
  /**
   * What was thrown, in words, with the token scrubbed out: for "not-sent" why nothing
   * went out, otherwise the messages of the error and its causes.
   */
  why?: string;
  /** For "not-sent": true when a new attempt may connect. */
  retry?: boolean | undefined;
  /** True when a retry was due but the upload was stopping: the last attempt stands. */
  stopped?: boolean;
}

export type ApiPath = keyof paths;

/**
 * Sends one JSON body: text (raw calls) or the bytes of an upload's batch. Once `stop`
 * aborts no attempt starts, and a wait before a retry ends at once; an attempt in flight
 * goes on, where `signal` would cut it off.
 */
export type Send = (
  path: ApiPath,
  body: string | Uint8Array,
  signal?: AbortSignal,
  stop?: AbortSignal,
) => Promise<Exchange>;

export interface SendConfig {
  api: Client<paths>;
  accessToken: AccessToken;
  timeoutMs: number;
  maxAttempts: number;
  maxDelayMs: number;
  userAgent: string | undefined;
  notConnected?: NotConnectedCheck | undefined;
}

/** A request that failed before it reached the server: why, and whether to try again. */
export interface NotConnected {
  /** For people: what went wrong, with the error code where there is one. */
  why: string;
  /**
   * True when a new attempt may connect (a refused connection, DNS); false when the
   * same attempt would fail the same way (a port fetch blocks, a refused certificate).
   */
  retry: boolean;
}

/**
 * Whether `error` came before any of the request was sent, and why; undefined when that
 * cannot be known. Only Node says why a request failed: the Node entry passes one.
 */
export type NotConnectedCheck = (error: unknown) => NotConnected | undefined;

type Post = (
  path: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Makes the function that sends one JSON body, with auth, timeout and retries. */
export function createSend(config: SendConfig): Send {
  const post = config.api.POST as unknown as Post;

  async function attempt(
    path: ApiPath,
    body: string | Uint8Array,
    signal?: AbortSignal,
    stop?: AbortSignal,
  ): Promise<Omit<Exchange, "attempts">> {
    // Nothing goes out once the signal has aborted or the upload is stopping: looked at
    // before the token and again after it, as its function may take a while.
    const halted = (): Failure | undefined =>
      signal?.aborted ? "cancelled" : stop?.aborted ? "stopped" : undefined;
    let failure = halted();
    if (failure) return { failure };

    // A string token was checked when the client was made, and cannot have changed.
    let token = config.accessToken;
    try {
      if (typeof token !== "string") token = await resolveToken(token);
    } catch (error) {
      return { failure: "token", error, why: detail(error) };
    }
    failure = halted();
    if (failure) return { failure };

    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    const timer = setTimeout(
      () => controller.abort(new Error(`timeoutMs (${config.timeoutMs} ms) ran out`)),
      config.timeoutMs,
    );
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
      // A request whose connection never opened was not sent, whatever stopped it.
      const unsent = config.notConnected?.(error);
      failure = unsent
        ? signal?.aborted
          ? "cancelled"
          : "not-sent"
        : signal?.aborted
          ? "aborted"
          : controller.signal.aborted
            ? "timeout"
            : "no-answer";
      // A custom transport may put the token in its error's text: none of it goes further.
      const text = chainOf(error);
      const scrubbed = scrub(text, token);

      return {
        ...unsent,
        failure,
        error: scrubbed === text ? error : new Error(scrubbed),
        why: scrub(unsent?.why ?? text, token),
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  return async (path, body, signal, stop) => {
    let last: Exchange | undefined;
    for (let attempts = 1; ; attempts++) {
      const result = await attempt(path, body, signal, stop);
      const { failure, response } = result;

      // A stop that came before a retry went out leaves the last attempt's outcome.
      if (failure === "stopped" && last) return { ...last, stopped: true };
      if (failure === "token" || failure === "cancelled" || failure === "stopped") {
        return { ...result, attempts: attempts - 1 };
      }

      last = { ...result, attempts };
      const retryable = result.retry || (response && isRetryableStatus(response.status));
      if (!retryable || attempts >= config.maxAttempts) return last;

      const retryAfter = retryAfterMs(response?.headers.get("retry-after") ?? null, Date.now());
      await sleep(retryDelayMs(attempts, retryAfter, config.maxDelayMs), signal, stop);
      // An abort during the wait leaves the last attempt's outcome as it stands.
      if (signal?.aborted) return last;
    }
  };
}
