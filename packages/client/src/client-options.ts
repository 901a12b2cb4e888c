import { type AccessToken, checkBaseUrl, checkToken, SANDBOX_URL, TOKEN_SOURCE } from "./auth.js";
import { OptionError } from "./errors.js";
import {
  DEFAULT_TIMEOUT_MS,
  functionOption,
  kindOf,
  MAX_TIMER_MS,
  optionsOf,
  wholeNumber,
} from "./options.js";
import { RETRY_DEFAULTS, type RetryOptions } from "./retry.js";

/**
 * What sends each request, called like fetch: `globalThis.fetch` fits, and so does the
 * Node entry's `sendOverNodeHttp`, or a function that wraps either.
 */
export type Transport = (url: string, init: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** The user's OAuth access token, or a function called for one before every request. */
  accessToken: AccessToken;
  /**
   * The API's address, with no query or fragment; a trailing slash is dropped.
   * @default SANDBOX_URL. Plain http:// is refused except to loopback addresses.
   */
  baseUrl?: string | undefined;
  /**
   * The fetch to use, called as `fetch(url, init)`: `url` a string and `init` with
   * `method`, `headers` (a Headers), `body`, `signal` and `redirect: "manual"`. The
   * body is a string for the raw calls and a Uint8Array for an upload's batches; the
   * client reuses that array for a later batch once the call has settled, so read the
   * body before answering. @default node:http and node:https in Node (see the
   * README's "How requests go out"); globalThis.fetch elsewhere
   */
  fetch?: Transport | undefined;
  /**
   * The longest one attempt may take, in whole milliseconds from 1 to 2147483647
   * (the most a timer keeps). @default 120000 (2 minutes)
   */
  timeoutMs?: number | undefined;
  /**
   * Retries, only of requests that were certainly not processed (429, 503, no
   * connection): without an idempotency key a repeat could add pictures twice.
   * `false` for none. @default { maxAttempts: 3, maxDelayMs: 30000 }
   */
  retry?: RetryOptions | false | undefined;
  /** Put in front of this package's own User-Agent (not sent by browsers). */
  userAgent?: string | undefined;
}

/** The client's settings, every one checked. */
export interface ClientSettings {
  accessToken: AccessToken;
  baseUrl: string;
  fetch: Transport | undefined;
  timeoutMs: number;
  maxAttempts: number;
  maxDelayMs: number;
  userAgent: string | undefined;
}

const CLIENT_OPTIONS = ["accessToken", "baseUrl", "fetch", "timeoutMs", "retry", "userAgent"];
const RETRY_OPTIONS = ["maxAttempts", "maxDelayMs"];

// What a header value may hold; fetch would refuse anything else, but only when sending.
const HEADER_TEXT = /^[\x20-\x7e]*$/;

function readRetry(retry: unknown) {
  if (retry === false) return { maxAttempts: 1, maxDelayMs: 0 };
  if (retry !== undefined && (retry === null || typeof retry !== "object")) {
    throw new OptionError(
      `retry must be false or { maxAttempts, maxDelayMs } (got ${kindOf(retry)}): ` +
        "leave it out for the defaults",
    );
  }

  const options = optionsOf("retry", retry, RETRY_OPTIONS);
  return {
    maxAttempts: wholeNumber("retry.maxAttempts", options.maxAttempts, RETRY_DEFAULTS.maxAttempts),
    maxDelayMs: wholeNumber(
      "retry.maxDelayMs",
      options.maxDelayMs,
      RETRY_DEFAULTS.maxDelayMs,
      0,
      MAX_TIMER_MS,
    ),
  };
}

/** Checks every option's name and type, so that a mistake shows before any request. */
export function readClientOptions(input: ClientOptions): ClientSettings {
  const options = optionsOf("createClient", input, CLIENT_OPTIONS);

  const { accessToken, baseUrl, userAgent } = options;
  if (accessToken === undefined) {
    throw new OptionError(
      `accessToken is missing: pass createClient({ accessToken }) with ${TOKEN_SOURCE}`,
    );
  }
  if (typeof accessToken !== "function") checkToken(accessToken);
  if (baseUrl !== undefined && typeof baseUrl !== "string") {
    throw new OptionError(
      `baseUrl must be a string such as ${SANDBOX_URL} (got ${kindOf(baseUrl)}): ` +
        "leave it out for the sandbox",
    );
  }
  if (userAgent !== undefined && (typeof userAgent !== "string" || !HEADER_TEXT.test(userAgent))) {
    throw new OptionError(
      `userAgent must be text in printable ASCII, with no line breaks (got ${kindOf(userAgent)}): ` +
        'pass a product name such as "my-app/1.2"',
    );
  }

  return {
    accessToken: accessToken as AccessToken,
    baseUrl: checkBaseUrl(baseUrl ?? SANDBOX_URL),
    fetch: functionOption(
      "fetch",
      options.fetch,
      "pass a function called as fetch(url, init), or leave it out for the platform's own",
    ),
    timeoutMs: wholeNumber("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS, 1, MAX_TIMER_MS),
    ...readRetry(options.retry),
    userAgent: userAgent as string | undefined,
  };
}
