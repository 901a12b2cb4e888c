import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach } from "vitest";

/** One request as a raw node:http server received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Answers a request once its whole body has been read. */
export type Answer = (
  request: IncomingMessage,
  response: ServerResponse,
  received: ReceivedRequest,
) => void;

export interface LoopbackServer {
  url: string;
  received: ReceivedRequest[];
  /** Every connection the server accepted, in order. */
  sockets: Socket[];
  close(): Promise<void>;
}

/**
 * A plain node:http server on 127.0.0.1 that records what it reads and answers an empty 200
 * unless told otherwise; on the first of `ports` that is free, or any free port.
 */
export async function startLoopbackServer(
  answer: Answer = (_, response) => response.end(),
  ports: number[] = [0],
): Promise<LoopbackServer> {
  const received: ReceivedRequest[] = [];
  const sockets: Socket[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const seen = {
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      received.push(seen);
      answer(request, response, seen);
    });
  });
  server.on("connection", (socket) => sockets.push(socket));
  for (const [at, port] of ports.entries()) {
    const listening = await new Promise<boolean>((resolve) => {
      const taken = () => resolve(false);
      server.once("error", taken);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", taken);
        resolve(true);
      });
    });
    if (listening) break;
    if (at === ports.length - 1) throw new Error(`none of the ports ${ports} is free on loopback`);
  }

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    sockets,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * For a test file whose tests start servers: the returned `serve` starts one, and every
 * server a test started is stopped after it, whatever the test did.
 */
export function useLoopbackServer(): (answer?: Answer) => Promise<LoopbackServer> {
  const started: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });

  return async (answer) => {
    const server = await startLoopbackServer(answer);
    started.push(server);

    return server;
  };
}
