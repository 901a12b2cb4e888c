import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// Runs in its own process, so reading bodies does not take the event loop or
// the core of the process being measured. It stops when its parent closes stdin.

let receivedBytes = 0;

const server = createServer((request, response) => {
  if (request.method === "GET" && request.url === "/received") {
    response.writeHead(200, { "content-type": "text/plain" }).end(String(receivedBytes));
    return;
  }

  // Read and discard: a body is never held whole, whatever its size.
  request.on("data", (chunk: Buffer) => {
    receivedBytes += chunk.length;
  });
  request.on("end", () => {
    response.writeHead(200, { "content-length": "0" }).end();
  });
});

server.keepAliveTimeout = 60_000;

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});

process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
