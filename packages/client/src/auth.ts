import { InsecureTransportError, OptionError } from "./errors.js";
import { counted, shown } from "./options.js";

/** An access token, or a function the client calls for one before every request. */
export type AccessToken = string | (() => string | Promise<string>);

// Visible ASCII only: anything else would break the header, and fetch would
// quote the whole header, token included, in its error message.
const TOKEN_SHAPE = /^[\x21-\x7e]+$/;

/** What the first character a token may not hold is, and where: never the token's text. */
function firstBadCharacter(token: string): string {
  const at = token.search(/[^\x21-\x7e]/);
  const code = token.charCodeAt(at);
  const kind =
    code === 0x20
      ? "a space"
      : code === 0x0a || code === 0x0d
        ? "a line break"
        : code < 0x20 || code === 0x7f
          ? "a control character"
          : "a character outside ASCII";

  return `, with ${kind} at character ${at + 1}`;
}

/** Where the token comes from, for a message. */
export const TOKEN_SOURCE = "the access_token the provider's OAuth sign-in returned";

/** Throws unless `token` can go in an Authorization header. Never quotes it. */
export function checkToken(token: unknown): asserts token is string {
  if (typeof token === "string" && TOKEN_SHAPE.test(token)) return;

  // A header copied whole: the one part of a token's text a message may name.
  if (typeof token === "string" && /^bearer\s/i.test(token)) {
    throw new OptionError(
      'accessToken starts with "Bearer ": drop that prefix, which the client adds',
    );
  }
  const got =
    typeof token !== "string"
      ? typeof token
      : `a string of ${counted(token.length, "character")}${token && firstBadCharacter(token)}`;

  throw new OptionError(
    `accessToken must be visible ASCII with no spaces or line breaks (got ${got}): ` +
      `pass ${TOKEN_SOURCE}, and nothing else`,
  );
}

/** The token for the next request: the string itself, or what the function returns. */
export async function resolveToken(accessToken: AccessToken): Promise<string> {
  const token = typeof accessToken === "function" ? await accessToken() : accessToken;
  checkToken(token);

  return token;
}

const isLoopback = (host: string) =>
  host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * Checks `baseUrl` and returns it without a trailing slash. Plain http:// is
 * allowed only to this machine, because the token would travel unencrypted.
 * A query or fragment is refused rather than stripped: either one says that the
 * URL is not the API's address the caller meant.
 */
export function checkBaseUrl(baseUrl: unknown): string {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch (cause) {
    throw new OptionError(`baseUrl must be an absolute URL such as ${SANDBOX_URL}`, { cause });
  }

  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new InsecureTransportError(
      `baseUrl ${url.origin} uses plain http, which would send the access token unencrypted: ` +
        "use https (plain http is allowed only to localhost, 127.0.0.0/8 and ::1)",
    );
  }
  if (url.username || url.password) {
    throw new OptionError("baseUrl must not hold a user name or password: pass the accessToken");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OptionError(`baseUrl must start with https:// (got ${shown(url.protocol)})`);
  }
  // The API's paths are added at the end: after a query or fragment they would be lost.
  if (/[?#]/.test(url.href)) {
    throw new OptionError(
      `baseUrl must not hold a query or fragment (got one after ${url.origin}${url.pathname}): ` +
        "pass the API's address alone",
    );
  }

  // Each operation's path starts with /v1: a base ending in it would double it.
  if (/\/v1\/*$/i.test(url.pathname)) {
    throw new OptionError(
      "baseUrl must not end in /v1: the operation paths already start with /v1, so leave it off",
    );
  }

  return url.href.replace(/\/+$/, "");
}

/** The provider's sandbox, for building and testing against. */
export const SANDBOX_URL = "https://api-sandbox.adultwork.com";

/** The live API: calls change real galleries. */
export const LIVE_URL = "https://api.adultwork.com";
