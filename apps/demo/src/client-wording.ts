import { TOKEN_VARIABLE } from "./token.js";

/**
 * The client's messages name its own options (baseUrl, maxRequestBytes, timeoutMs,
 * accessToken). Shown by this command, they name its flags and variables instead.
 */

/** How the user named the server: the flag to check when it cannot be reached. */
export type ServerSource =
  | { option: "--base-url" }
  | { option: "--target"; name: string; label: string };

/** Where this command takes the token from, as a fix. */
export const GIVE_THE_TOKEN = `give the access token in ${TOKEN_VARIABLE} or to --token-stdin`;

const UNREACHABLE = /check baseUrl and that the server is up/g;

/** `text`, a message of the client, in this command's words. */
export function inCliWords(text: string, server: ServerSource | undefined): string {
  return text
    .replace(UNREACHABLE, server ? unreachableFix(server) : "check that the server is up")
    .replace(/\bbaseUrl\b/g, serverFlag(server))
    .replace(/\bmaxRequestBytes\b/g, "--max-request-bytes")
    .replace(/\btimeoutMs\b/g, "--timeout")
    .replace(/\bpass the accessToken\b/g, `remove them, and ${GIVE_THE_TOKEN}`)
    .replace(/\bthe accessToken\b/g, "the access token")
    .replace(/\baccessToken\b/g, "the access token");
}

function serverFlag(server: ServerSource | undefined): string {
  if (server?.option === "--target") return `--target ${server.name}`;

  return "--base-url";
}

function unreachableFix(server: ServerSource): string {
  if (server.option === "--base-url") return "check --base-url and that the server is up";

  return `check the network and that ${server.label} (--target ${server.name}) is up`;
}

// The provider does not document a limit on request size, so the hint names none.
const TOO_LARGE_HINT =
  "lower --max-request-bytes (the API's limit on request size is not documented)";

/** The reason for a picture's outcome, in this command's words, with a fix where one helps. */
export function outcomeReason(
  reason: string,
  httpStatus: number | undefined,
  server: ServerSource | undefined,
): string {
  const worded = inCliWords(reason, server);
  const hint = fixFor(worded, httpStatus, server);

  return hint ? `${worded.replace(/\.$/, "")}; ${hint}` : worded;
}

function fixFor(reason: string, httpStatus: number | undefined, server?: ServerSource) {
  if (httpStatus === 413) return TOO_LARGE_HINT;
  if (/could not connect/.test(reason) && !/\bcheck\b/.test(reason)) {
    return server ? unreachableFix(server) : "check that the server is up";
  }
  if (/^no answer within/.test(reason)) return "raise --timeout if the server is slow to answer";

  return undefined;
}
