import { chainOf } from "../errors.js";
import type { NotConnected } from "../send.js";

// Codes of a connection that could not be made (refused, unreachable, no DNS answer,
// connect timeout): the server never saw the request, and a new attempt may succeed.
const NOT_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

// A server certificate that TLS refused: the handshake comes before the request.
const CERTIFICATE = /CERT|CRL|^UNABLE_TO_|^HOSTNAME_MISMATCH$|^INVALID_CA$/;

// OpenSSL's reasons for a failed handshake that no later record can give: what came back
// was not TLS (a plain http server, say), or no TLS version or cipher suite was shared.
// Node's fetch gives them with the code ERR_SSL_<reason>, node:https as EPROTO, with the
// reason in the message either way. Errors that could also come once the request was
// written (a bad record MAC, a record too long) are not among them.
const HANDSHAKE_ONLY =
  /wrong version number|\w+ alert (protocol version|handshake failure)|unsupported protocol/;

// What Node's TLS socket says when the connection closes before the handshake finished.
const CLOSED_IN_HANDSHAKE = "before secure TLS connection was established";

/** What one error, not its causes, says about whether the request went out. */
function readOne(error: unknown): NotConnected | undefined {
  const { code, message, notSent } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
    notSent?: unknown;
  };
  const text = String(code);

  if (notSent === true) return { why: chainOf(error), retry: true };
  if (NOT_CONNECTED.has(text)) return { why: `could not connect (${text})`, retry: true };
  if (text === "ERR_INVALID_URL") return { why: "fetch found the URL invalid", retry: false };
  if (message === "bad port") {
    return {
      why: "fetch refuses to send to that port (a bad port in the fetch standard): use another",
      retry: false,
    };
  }
  if (message === "unknown scheme") {
    return { why: "fetch cannot send to that URL scheme", retry: false };
  }

  // A refused certificate or a failed handshake: the server answers the same way each time.
  if (CERTIFICATE.test(text)) {
    return { why: `the server's TLS certificate was refused (${text})`, retry: false };
  }
  const reason = /^(ERR_SSL_|EPROTO$)/.test(text) && HANDSHAKE_ONLY.exec(String(message));
  if (reason) {
    return {
      why:
        `the TLS handshake failed (${reason[0]}): ` +
        "check that the server at that address speaks https",
      retry: false,
    };
  }
  if (text === "ECONNRESET" && String(message).includes(CLOSED_IN_HANDSHAKE)) {
    return { why: "the connection closed during the TLS handshake (ECONNRESET)", retry: true };
  }

  return undefined;
}

/**
 * Whether `error`, as node:http or Node's fetch throws it, came before any of the request
 * reached the server, and why. Besides error codes this knows the errors the Node entry's
 * transport marks `notSent` (a request given up before any of it went out), the messages
 * Node's fetch gives, with no code, to requests it refuses to make ("bad port", a port
 * the fetch standard blocks such as 6000, and "unknown scheme"), and TLS handshakes that
 * failed. Browsers never say why a request failed, so their entry has none of this.
 */
export function notConnected(error: unknown): NotConnected | undefined {
  const found = readOne(error);
  if (found) return found;

  const { cause, errors } = (error ?? {}) as { cause?: unknown; errors?: unknown };
  // Several addresses tried (happy eyeballs): not connected only if none connected.
  const each = Array.isArray(errors) ? errors.map(notConnected) : [];
  if (each.length > 0 && each.every(Boolean)) return each[0];

  return cause === undefined ? undefined : notConnected(cause);
}
