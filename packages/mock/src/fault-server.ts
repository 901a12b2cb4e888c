import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * What the fault server does with one request:
 * - `{ status }` answers with that status (and `Retry-After` when given) after reading the body;
 * - `{ reset: true }` cuts the connection as soon as the first part of the request arrives;
 * - `{ hang: true }` reads the whole request and never answers (until `release` or `close`).
 */
export type FaultStep =
  | { status: number; retryAfter?: number | string; body?: string }
  | { reset: true }
  | { hang: true };

/** Steps taken in order, one per request (then 200s), or a function that picks each step. */
export type FaultScript = readonly FaultStep[] | ((request: FaultRequestLine) => FaultStep);

/** What is known of a request before its body arrives. */
export interface FaultRequestLine {
  /** 0 for the first request the server sees, resets included. */
  index: number;
  method: string;
  path: string;
}

export interface FaultPicture {
  description: string | undefined;
  /** The `Image` string decoded from base64. */
  image: Uint8Array;
}

/** A request the fault server read to the end, with its credentials blanked out. */
export interface FaultRequest extends FaultRequestLine {
  headers: IncomingHttpHeaders;
  body: string;
  /** The pictures in a JSON body shaped like the API's; empty for anything else. */
  pictures: FaultPicture[];
  userId: number | undefined;
  /** The status it was answered with, or "hang" while it waits for `release`. */
  answer: number | "hang";
}

export interface RunningFaultServer {
  /** Base URL to give the client, such as `http://127.0.0.1:39417`. */
  url: string;
  /** Every request read to the end, oldest first (hung ones included, reset ones not). */
  received: FaultRequest[];
  /** The requests whose answer was a 2xx: what an API would have stored. */
  accepted(): FaultRequest[];
  /** How many requests were cut off by a `reset` step. */
  resets(): number;
  /** Resolves once `count` requests have been read to the end. */
  waitForRequests(count: number): Promise<void>;
  /** Answers every hung request with `status`. */
  release(status?: number): void;
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}

/** Starts a loopback stand-in for the API that answers each request as the script says. */
export async function startFaultServer(script: FaultScript = []): Promise<RunningFaultServer> {
  const received: FaultRequest[] = [];
  const hung: Array<{ request: FaultRequest; response: ServerResponse }> = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let seen = 0;
  let resetCount = 0;

  const stepFor = (line: FaultRequestLine): FaultStep => {
    if (typeof script === "function") return script(line);

    return script[line.index] ?? { status: 200 };
  };

  const settleWaiters = () => {
    for (const waiter of [...waiters]) {
      if (received.length < waiter.count) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const server = createServer((incoming, outgoing) => {
    const line = { index: seen++, method: incoming.method ?? "GET", path: incoming.url ?? "/" };
    const step = stepFor(line);

    if ("reset" in step) {
      resetCount++;
      cutOff(incoming);
      return;
    }

    readBody(incoming).then(
      (body) => {
        const request = describe(line, incoming.headers, body);

        if ("hang" in step) {
          hung.push({ request, response: outgoing });
        } else {
          answer(outgoing, step);
          request.answer = step.status;
        }

        received.push(request);
        settleWaiters();
      },
      () => outgoing.destroy(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    accepted: () =>
      received.filter((r) => typeof r.answer === "number" && r.answer >= 200 && r.answer < 300),
    resets: () => resetCount,
    waitForRequests: (count) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        settleWaiters();
      }),
    release: (status = 200) => {
      for (const { request, response } of hung.splice(0)) {
        answer(response, { status });
        request.answer = status;
      }
    },
    close: async () => {
      for (const { response } of hung.splice(0)) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// A TCP reset (not a clean close) is what a client sees when a proxy or server dies mid-upload.
function cutOff(incoming: IncomingMessage): void {
  const socket = incoming.socket as Socket;
  const length = incoming.headers["content-length"];
  const hasBody =
    (length !== undefined && length !== "0") || "transfer-encoding" in incoming.headers;

  if (hasBody) {
    incoming.once("data", () => socket.resetAndDestroy());
  } else {
    socket.resetAndDestroy();
  }
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    incoming.on("error", reject);
  });
}

function answer(
  response: ServerResponse,
  step: { status: number; retryAfter?: number | string; body?: string },
): void {
  const headers: Record<string, string> = {};
  if (step.retryAfter !== undefined) headers["retry-after"] = String(step.retryAfter);
  if (step.body !== undefined) headers["content-type"] = "application/json";

  response.writeHead(step.status, headers);
  response.end(step.body);
}

function describe(
  line: FaultRequestLine,
  headers: IncomingHttpHeaders,
  body: string,
): FaultRequest {
  const safeHeaders = headers.authorization ? { ...headers, authorization: "[REDACTED]" } : headers;
  const parsed = parseJson(body);

  return {
    ...line,
    headers: safeHeaders,
    body,
    pictures: picturesOf(parsed),
    userId: typeof parsed?.UserID === "number" ? parsed.UserID : undefined,
    answer: "hang",
  };
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);

    return typeof value === "object" && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function picturesOf(body: Record<string, unknown> | undefined): FaultPicture[] {
  if (!Array.isArray(body?.Pictures)) return [];

  return body.Pictures.flatMap((item: unknown) => {
    const { Description, Image } = (item ?? {}) as Record<string, unknown>;
    if (typeof Image !== "string") return [];

    return [
      {
        description: typeof Description === "string" ? Description : undefined,
        image: new Uint8Array(Buffer.from(Image, "base64")),
      },
    ];
  });
}
