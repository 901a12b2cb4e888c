import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";

export interface ClosingServer {
  url: string;
  /** The bodies of the requests the server read in full, in order. */
  bodies: string[];
  close(): Promise<void>;
}

/**
 * A raw TCP server on 127.0.0.1 that reads one request per connection, answers it with
 * `answer` (the whole HTTP answer) and closes the connection at once, without saying
 * `Connection: close`: the client learns of the close only from the socket.
 */
export async function startClosingServer(
  answer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
): Promise<ClosingServer> {
  const bodies: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let seen = Buffer.alloc(0);
    let answered = false;
    socket.on("data", (chunk: Buffer) => {
      // Bytes after the answer are the client's next request on a connection being closed.
      if (answered) return;
      seen = Buffer.concat([seen, chunk]);
      const headEnd = seen.indexOf("\r\n\r\n");
      if (headEnd < 0) return;

      const length = Number(
        /content-length: *(\d+)/i.exec(seen.subarray(0, headEnd).toString())?.[1],
      );
      const body = seen.subarray(headEnd + 4);
      if (body.length < length) return;

      bodies.push(body.toString());
      answered = true;
      socket.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
