import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the mock received it, with its credentials blanked out. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FrontDoorOptions {
  port: number;
  upstream: string;
  onRequest: ((request: ReceivedRequest) => void) | undefined;
}

/**
 * The loopback server people and tests talk to. It forwards every request to
 * Prism and, on the way, makes two allowances that Prism does not make:
 *
 * - The auth scheme is case-insensitive (RFC 9110, 11.1), and the provider's
 *   own samples write `bearer`; Prism accepts only `Bearer`.
 * - The provider's samples send a JSON body with no Content-Type; Prism would
 *   refuse that with a 415-style 400.
 */
export async function startFrontDoor(options: FrontDoorOptions): Promise<Server> {
  const upstream = new URL(options.upstream);

  const server = createServer((incoming, outgoing) => {
    forward(incoming, outgoing, upstream, options.onRequest);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });

  return server;
}

export function serverUrl(server: Server): string {
  const { port } = server.address() as AddressInfo;

  return `http://127.0.0.1:${port}`;
}

function forward(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  upstream: URL,
  onRequest: FrontDoorOptions["onRequest"],
): void {
  const headers = normalizeHeaders(incoming.headers);
  const chunks: Buffer[] = [];

  const proxied = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: incoming.method,
      path: incoming.url,
      headers,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(outgoing);
    },
  );

  proxied.on("error", () => {
    if (!outgoing.headersSent) outgoing.writeHead(502);
    outgoing.end();
  });

  incoming.on("data", (chunk: Buffer) => {
    if (onRequest) chunks.push(chunk);
    proxied.write(chunk);
  });

  incoming.on("end", () => {
    proxied.end();
    onRequest?.({
      method: incoming.method ?? "GET",
      path: incoming.url ?? "/",
      headers: redactHeaders(headers),
      body: Buffer.concat(chunks).toString("utf8"),
    });
  });

  incoming.on("error", () => proxied.destroy());
}

// Headers about one connection, not the message: a proxy drops them on both legs (RFC
// 9110, 7.6.1). Passed on, a client's "Connection: close" would make Prism close its leg
// after an early answer, while this door is still sending it the body.
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"];

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const result = { ...headers };
  for (const name of HOP_BY_HOP) delete result[name];

  return result;
}

function normalizeHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const result = endToEnd(headers);

  const auth = result.authorization;
  if (auth && /^bearer\s/i.test(auth)) {
    result.authorization = `Bearer ${auth.slice("bearer".length).trimStart()}`;
  }

  const hasBody =
    result["content-length"] !== "0" && (result["content-length"] || result["transfer-encoding"]);
  if (hasBody && !result["content-type"]) {
    result["content-type"] = "application/json";
  }

  return result;
}

function redactHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  if (!headers.authorization) return headers;

  return { ...headers, authorization: "[REDACTED]" };
}
