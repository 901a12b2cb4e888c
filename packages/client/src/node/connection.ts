import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { Socket } from "node:net";

// Connections kept open between requests, apart from any agent the program set up; and
// a connection per request, for servers found to close kept-open ones without notice.
// The timeout is the one Node's global agent has: an idle connection is closed after it,
// or a second before a server's `Keep-Alive: timeout=N` runs out when that comes sooner
// (Node heeds the hint only below an agent's timeout). It only ever ends idle
// connections: a request in flight on a silent connection is left to timeoutMs.
const KEPT_OPEN_OPTIONS = { keepAlive: true, timeout: 5_000 };
const KEPT_OPEN = {
  http: new HttpAgent(KEPT_OPEN_OPTIONS),
  https: new HttpsAgent(KEPT_OPEN_OPTIONS),
};
const ONE_PER_REQUEST = { http: new HttpAgent(), https: new HttpsAgent() };

const closesWithoutNotice = new Set<string>();

/** The agent for a request to `origin`. */
export function agentFor(origin: string, secure: boolean): HttpAgent {
  const agents = closesWithoutNotice.has(origin) ? ONE_PER_REQUEST : KEPT_OPEN;

  return secure ? agents.https : agents.http;
}

/**
 * Notes that the server at `origin` closed a kept-open connection under a request
 * written on it. Whether it read that request cannot be known, so later requests to it
 * each get a connection of their own, on which the question cannot come up again.
 */
export function closedUnderRequest(origin: string): void {
  closesWithoutNotice.add(origin);
}

/**
 * A request given up before any of it went out. `notSent` marks it for the client, which
 * reports it as not sent and tries it again; the message and cause say what happened.
 */
export function notSent(message: string, cause: unknown): Error & { notSent: true } {
  return Object.assign(new Error(message, { cause }), { notSent: true as const });
}

/**
 * A kept-open connection that closed before this request wrote a byte on it: the request
 * can go again on another connection, as nothing of it was sent.
 */
export class StaleConnection extends Error {
  constructor(cause?: unknown) {
    super("the kept-open connection closed before the request went out on it", { cause });
  }
}

/** Calls `opened` once `socket` can carry the request: connected, and for TLS, secured. */
export function whenOpen(socket: Socket, secure: boolean, opened: () => void): void {
  const encrypted = (socket as { encrypted?: boolean }).encrypted;
  if (!socket.connecting && (!secure || encrypted)) {
    opened();
  } else {
    socket.once(secure ? "secureConnect" : "connect", opened);
  }
}

/**
 * Calls `then` two turns of the event loop from now. A server may close a kept-open
 * connection right after its answer without saying so; Node reads that close in one turn
 * and drops the connection in the next, so by then a dead one shows as such.
 */
export function afterTwoTurns(then: () => void): void {
  setImmediate(() => setImmediate(then));
}

/** Whether a kept-open connection can still carry a request. */
export const stillOpen = (socket: Socket) =>
  !socket.destroyed && !socket.readableEnded && socket.writable;
