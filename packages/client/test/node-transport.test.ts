import { execFileSync, spawnSync } from "node:child_process";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type IncomingMessage } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { agentFor } from "../src/node/connection.js";
import { sendOverNodeHttp } from "../src/node/http-transport.js";
import { MAX_ANSWER_BYTES } from "../src/node/read-answer.js";
import { createClient, RequestError } from "../src/node.js";
import { type ClosingServer, startClosingServer } from "./helpers/closing-server.js";
import { TOKEN } from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";
import { startLoopbackServer, useLoopbackServer } from "./helpers/loopback-server.js";

const PATH = "/v1/Pictures/AddFreePictures";
const RAW_BODY = { Pictures: [{ Image: "/9j/2Q==" }] };

const serve = useLoopbackServer();

/** `count` small pictures, each with different bytes. */
const distinctPictures = (count: number) =>
  Array.from({ length: count }, (_, at) => ({ image: makeJpeg(8, 8, at + 1) }));

/** Runs `use` against a server that closes each connection after its answer, then stops it. */
async function withClosingServer(use: (closing: ClosingServer) => Promise<void>, answer?: string) {
  const closing = await startClosingServer(answer);
  try {
    await use(closing);
  } finally {
    await closing.close();
  }
}

const clientFor = (baseUrl: string, timeoutMs?: number) =>
  createClient({ accessToken: TOKEN, baseUrl, timeoutMs, retry: { maxDelayMs: 0 } });

/** Calls `onData` once the first bytes of an answer's body reach the client. */
function whenAnswerBodyStarts(onData: () => void) {
  // Node publishes on this channel once an answer's head is read, before any of its body.
  const channel = "http.client.response.finish";
  const listener = (message: unknown) => {
    unsubscribe(channel, listener);
    (message as { response: IncomingMessage }).response.once("data", onData);
  };
  subscribe(channel, listener);
}

describe("the Node entry's transport, against a node:http server on loopback", () => {
  const text = '{"Pictures":[{"Image":"/9j/2Q==","Description":"café"}]}';
  const bytes = new TextEncoder().encode(text);

  it.each([
    ["a Headers, a string body", new Headers({ "X-Test": "one" }), text],
    ["an array, a Uint8Array body", [["X-Test", "one"]] as [string, string][], bytes],
    ["a record, a Uint8Array body", { "X-Test": "one" }, bytes],
  ])(
    "sends the method, every header and the body whole with its length (%s)",
    async (_, headers, body) => {
      const { url, received } = await serve();

      const response = await sendOverNodeHttp(`${url}${PATH}`, { method: "POST", headers, body });

      expect(response.status).toBe(200);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ method: "POST", path: PATH });
      expect(received[0]?.headers).toMatchObject({
        "x-test": "one",
        "content-length": String(bytes.byteLength),
        "accept-encoding": "identity",
      });
      expect(received[0]?.headers["transfer-encoding"]).toBeUndefined();
      expect(received[0]?.body.toString()).toBe(text);
    },
  );

  it("sends the client's headers and its raw call's text as they are", async () => {
    const { url, received } = await serve();

    await clientFor(url).addFreePictures(RAW_BODY);

    expect(received[0]?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      "content-type": "application/json",
      "user-agent": expect.stringMatching(/^@adultwork-api\/client\//),
    });
    expect(received[0]?.body.toString()).toBe(JSON.stringify(RAW_BODY));
  });

  it("reads the whole answer: status, status text, every header and the body", async () => {
    const { url } = await serve((_, response) => {
      response.setHeader("Set-Cookie", ["a=1", "b=2"]);
      response.writeHead(422, "Not Quite", { "X-Reason": "missing" });
      response.write('{"error":');
      response.end('"no"}');
    });

    const response = await sendOverNodeHttp(url, { method: "POST", body: "{}" });

    expect([response.status, response.statusText]).toEqual([422, "Not Quite"]);
    expect(response.headers.get("x-reason")).toBe("missing");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.json()).toEqual({ error: "no" });
  });

  it.each([204, 205, 304])("gives a %i answer a null body", async (status) => {
    const { url } = await serve((_, response) => response.writeHead(status).end());

    const response = await sendOverNodeHttp(url, { method: "POST", body: "{}" });

    expect(response.status).toBe(status);
    expect(response.body).toBeNull();
  });

  it("keeps the connection open for the next request", async () => {
    const { url, sockets, received } = await serve();
    const client = clientFor(url);

    await client.addFreePictures(RAW_BODY);
    await client.addFreePictures(RAW_BODY);

    expect(received).toHaveLength(2);
    expect(sockets).toHaveLength(1);
  });

  it("hands back a redirect as it came, without following it", async () => {
    const { url, received } = await serve((_, response) => {
      response.writeHead(307, { Location: "/elsewhere" }).end();
    });

    const direct = await sendOverNodeHttp(`${url}${PATH}`, { method: "POST", body: "{}" });
    const report = await clientFor(url).uploadPictures([{ image: makeJpeg() }]);

    expect([direct.status, direct.headers.get("location")]).toEqual([307, "/elsewhere"]);
    expect(report.outcomes[0]).toMatchObject({ status: "failed", httpStatus: 307, attempts: 1 });
    expect(received.map((request) => request.path)).toEqual([PATH, PATH]);
  });

  it("hands back an answer that came before the server read the body, and sends on", async () => {
    // Answers on the request's head: the rest of the 4 MiB body is read after the answer.
    const early = createServer((_, response) => response.writeHead(413).end());
    await new Promise<void>((resolve) => early.listen(0, "127.0.0.1", resolve));
    const earlyUrl = `http://127.0.0.1:${(early.address() as AddressInfo).port}`;
    const { url } = await serve();

    try {
      const body = new Uint8Array(4 * 1024 * 1024);
      const response = await sendOverNodeHttp(earlyUrl, { method: "POST", body });
      const next = await sendOverNodeHttp(url, { method: "POST", body: "{}" });

      expect([response.status, next.status]).toEqual([413, 200]);
    } finally {
      early.closeAllConnections();
      early.close();
    }
  });
});

describe("an answer that is odd in its body or its status", () => {
  it("keeps at most MAX_ANSWER_BYTES of a body and takes the status without the rest", async () => {
    const { url, sockets } = await serve((_, response) => {
      // More than the cap, and then nothing more: the end never comes.
      response.writeHead(200, { "Content-Length": String(4 * MAX_ANSWER_BYTES) });
      response.write(Buffer.alloc(2 * MAX_ANSWER_BYTES, "x"));
    });

    const response = await sendOverNodeHttp(`${url}${PATH}`, { method: "POST", body: "{}" });

    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBe(MAX_ANSWER_BYTES);
    // The server's socket errors as well as closes: it was still writing.
    const socket = sockets[0];
    socket?.on("error", () => {});
    if (socket && !socket.destroyed) await new Promise((closed) => socket.on("close", closed));
    expect(socket?.destroyed).toBe(true);
  });

  it("undoes a compression the server applied though none was asked for", async () => {
    const problem = JSON.stringify({ Message: "Image is not valid" });
    const { url } = await serve((_, response) => {
      response.writeHead(400, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
      response.end(gzipSync(problem));
    });

    const { error } = await clientFor(url).addFreePictures(RAW_BODY);

    expect(error).toEqual({ status: 400, body: JSON.parse(problem) });
  });

  it("keeps the status of a status line whose text Response refuses", async () => {
    await withClosingServer(async (closing) => {
      const { error } = await clientFor(closing.url).addFreePictures(RAW_BODY);

      expect(error).toEqual({ status: 401, body: undefined });
    }, "HTTP/1.1 401 Unauthorized\x01\r\nContent-Length: 0\r\n\r\n");
  });

  it("puts a note, not compressed bytes, in place of a body that inflates past 1 MiB", async () => {
    const { url } = await serve((_, response) => {
      response.writeHead(400, { "Content-Encoding": "gzip" });
      response.end(gzipSync(Buffer.alloc(2 * MAX_ANSWER_BYTES)));
    });

    const { error } = await clientFor(url).addFreePictures(RAW_BODY);

    expect(error).toEqual({
      status: 400,
      body: "[a gzip body that could not be inflated within 1 MiB]",
    });
  });

  it("reports 101 Switching Protocols at once as unknown, not after the timeout", async () => {
    await withClosingServer(async (closing) => {
      const error = await clientFor(closing.url, 60_000)
        .addFreePictures(RAW_BODY)
        .catch((e: unknown) => e);

      expect(error).toMatchObject({
        mayHaveBeenProcessed: true,
        message: expect.stringContaining("101 Switching Protocols"),
      });
    }, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: other\r\n\r\n");
  });
});

describe("a server that closes each connection after its answer, without saying so", () => {
  it("gets every one of many calls made back to back, each on a new connection", async () => {
    await withClosingServer(async (closing) => {
      const client = clientFor(closing.url);
      for (let call = 0; call < 20; call++) {
        const { response } = await client.addFreePictures(RAW_BODY);
        expect(response.status).toBe(200);
      }

      expect(closing.bodies).toHaveLength(20);
    });
  });

  it("records every picture as uploaded with four requests at a time", async () => {
    await withClosingServer(async (closing) => {
      const report = await clientFor(closing.url).uploadPictures(distinctPictures(24), {
        maxPicturesPerRequest: 1,
        concurrency: 4,
      });

      expect(report.uploaded).toBe(24);
      expect(closing.bodies).toHaveLength(24);
    });
  });

  it("records every picture of a many-batch upload as uploaded", async () => {
    const pictures = distinctPictures(12);

    await withClosingServer(async (closing) => {
      const report = await clientFor(closing.url).uploadPictures(pictures, {
        maxPicturesPerRequest: 1,
      });

      // Each sent once: a closed connection found before writing is no attempt.
      expect(report.outcomes.map(({ status, attempts }) => [status, attempts])).toEqual(
        pictures.map(() => ["uploaded", 1]),
      );
      expect(closing.bodies).toHaveLength(12);
    });
  });
});

describe("an answer that comes on a kept-open connection before the request is written", () => {
  it.each([
    ["a second 200", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false],
    ["a 408 and a close", "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n", true],
  ])(
    "is not taken as its answer (%s): the request goes on another connection",
    async (_, stray, close) => {
      const sockets: Socket[] = [];
      let requests = 0;
      const server = createNetServer((socket) => {
        sockets.push(socket);
        socket.on("data", (chunk: Buffer) => {
          if (!chunk.includes("\r\n\r\n")) return;
          requests++;
          socket.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
      const post = () => sendOverNodeHttp(url, { method: "POST", body: "{}" });

      try {
        await post();
        // Sent before the next request starts: it reaches the connection that request is given.
        if (close) sockets[0]?.end(stray);
        else sockets[0]?.write(stray);
        const response = await post();

        expect(response.status).toBe(200);
        expect(requests).toBe(2);
        expect(sockets).toHaveLength(2);
      } finally {
        for (const socket of sockets) socket.destroy();
        server.close();
      }
    },
  );
});

describe("a server that closes a kept-open connection under a written request", () => {
  it("gets that picture as unknown, and a connection per request from then on", async () => {
    // Answers the first request on each connection; drops the connection on the second.
    let connections = 0;
    const server = createNetServer((socket) => {
      connections++;
      let requests = 0;
      socket.on("data", (chunk: Buffer) => {
        if (!chunk.includes("\r\n\r\n")) return;
        requests++;
        if (requests === 1) socket.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        else socket.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pictures = distinctPictures(5);

    try {
      const report = await clientFor(url).uploadPictures(pictures, { maxPicturesPerRequest: 1 });

      expect(report.outcomes.map((outcome) => outcome.status)).toEqual([
        "uploaded",
        "unknown",
        "uploaded",
        "uploaded",
        "uploaded",
      ]);
      expect(connections).toBe(4);
    } finally {
      server.close();
    }
  });
});

describe("the idle timer of a kept-open connection", () => {
  /** Sends one request to `url` and returns the client's connection, once back in the pool. */
  async function pooledConnection(url: string): Promise<Socket> {
    const freed = once(agentFor(new URL(url).origin, false), "free");
    await sendOverNodeHttp(url, { method: "POST", body: "{}" });

    return (await freed)[0] as Socket;
  }

  it.each([
    ["a second before the server's Keep-Alive timeout", "timeout=3", 2000],
    ["after 5 s, as Node's own agent does, when the server keeps it longer", "timeout=60", 5000],
  ])("closes an idle connection %s", async (_, hint, idleMs) => {
    const { url } = await serve((_, response) => response.setHeader("Keep-Alive", hint).end());

    const socket = await pooledConnection(url);

    expect(socket.timeout).toBe(idleMs);
  });

  it("leaves a request in flight alone when the timer runs out during it", async () => {
    let connection: Socket | undefined;
    const { url, received, sockets } = await serve((_, response) => {
      if (received.length === 1) return response.end();

      // The request is in flight on the pooled connection: let its idle timer run out
      // (shortened here from the seconds it would be), and answer only once it has.
      connection?.setTimeout(10);
      connection?.once("timeout", () => response.end("late"));
    });
    connection = await pooledConnection(url);

    const response = await sendOverNodeHttp(url, { method: "POST", body: "{}" });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe("late");
    expect(received).toHaveLength(2);
    expect(sockets).toHaveLength(1);
  });
});

describe("when no answer comes through the Node entry's transport", () => {
  it("reports a refused connection as not sent, retried, with its code", async () => {
    const closed = await startLoopbackServer();
    await closed.close();

    const direct = await sendOverNodeHttp(closed.url, { method: "POST" }).catch((e) => e);
    const error = await clientFor(closed.url)
      .addFreePictures(RAW_BODY)
      .catch((e: unknown) => e);

    expect(direct).toMatchObject({ code: "ECONNREFUSED" });
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({
      mayHaveBeenProcessed: false,
      message: `POST ${PATH} was not sent: could not connect (ECONNREFUSED) (3 attempts)`,
    });
  });

  it.each([
    ["a reset", (request: IncomingMessage) => request.socket.resetAndDestroy(), "read ECONNRESET"],
    [
      "a close with no answer",
      (request: IncomingMessage) => request.socket.end(),
      "socket hang up",
    ],
  ])(
    "reports %s after the body went out as unknown, and never sends again",
    async (_, drop, why) => {
      const { url, received } = await serve((request) => drop(request));
      const client = clientFor(url);

      const report = await client.uploadPictures([{ image: makeJpeg() }]);
      const error = await client.addFreePictures(RAW_BODY).catch((e: unknown) => e);

      expect(report.outcomes[0]).toEqual({
        index: 0,
        status: "unknown",
        reason: `no usable answer came after sending (${why})`,
        attempts: 1,
        delivery: "unanswered",
      });
      expect(error).toMatchObject({
        mayHaveBeenProcessed: true,
        message: expect.stringContaining(`got no usable answer after sending (${why})`),
      });
      expect(received).toHaveLength(2);
    },
  );

  it.each([
    [200, "uploaded"],
    [400, "failed"],
  ])("takes an answer cut off after its status line as that status (%i)", async (status, is) => {
    const { url, received } = await serve((request, response) => {
      response.writeHead(status, { "Content-Length": "100" });
      response.write("the first bytes", () => request.socket.destroy());
    });

    const report = await clientFor(url).uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toMatchObject({ status: is, attempts: 1 });
    expect(received).toHaveLength(1);
  });

  it("reports a status outside 200-599 as unknown: the server did answer", async () => {
    const { url, received } = await serve((_, response) => response.writeHead(999).end("?"));
    const client = clientFor(url);

    const direct = await sendOverNodeHttp(url, { method: "POST" }).catch((e: Error) => e);
    const report = await client.uploadPictures([{ image: makeJpeg() }]);
    const error = await client.addFreePictures(RAW_BODY).catch((e: unknown) => e);

    expect(direct).toBeInstanceOf(Error);
    expect((direct as Error).message).toMatch(/^the server answered with HTTP status 999/);
    expect(report.outcomes[0]).toMatchObject({ status: "unknown", attempts: 1 });
    expect(report.outcomes[0]?.reason).toContain("HTTP status 999");
    expect(error).toMatchObject({ mayHaveBeenProcessed: true });
    expect(received).toHaveLength(3);
  });

  it("rejects with the abort's reason before any answer, and frees the socket", async () => {
    const controller = new AbortController();
    const reason = new Error("stopped by the test");
    // Aborted once the server has read the request, and before it answers.
    const { url, sockets } = await serve(() => controller.abort(reason));

    const sent = sendOverNodeHttp(url, { method: "POST", body: "{}", signal: controller.signal });

    await expect(sent).rejects.toBe(reason);
    await once(sockets[0] as NonNullable<(typeof sockets)[0]>, "close");
  });

  it("hands back the status and the body so far when aborted mid-answer", async () => {
    const { url, sockets } = await serve((_, response) => {
      response.writeHead(200, { "Content-Length": "100" });
      response.write("the first bytes");
    });
    const controller = new AbortController();
    whenAnswerBodyStarts(() => controller.abort(new Error("stopped by the test")));

    const response = await sendOverNodeHttp(url, {
      method: "POST",
      body: "{}",
      signal: controller.signal,
    });

    expect(response.status).toBe(200);
    // The abort comes as the first bytes arrive, before or after they are kept.
    expect("the first bytes".startsWith(await response.text())).toBe(true);
    await once(sockets[0] as NonNullable<(typeof sockets)[0]>, "close");
  });

  it("takes a 2xx whose body stalls past timeoutMs as uploaded, not sent again", async () => {
    const { url, received } = await serve((_, response) => {
      response.writeHead(200, { "Content-Length": "100" });
      response.write("the first bytes");
    });

    const report = await clientFor(url, 200).uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toMatchObject({ status: "uploaded", attempts: 1 });
    expect(received).toHaveLength(1);
  });

  it("gives up after timeoutMs with no answer: unknown, not sent again", async () => {
    const { url, received } = await serve(() => {});

    const report = await clientFor(url, 200).uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toMatchObject({
      status: "unknown",
      reason: "no answer within 200 ms",
      attempts: 1,
    });
    expect(received).toHaveLength(1);
  });

  it("never puts the token in an error", async () => {
    const errors: unknown[] = [];
    const collect = async (baseUrl: string, timeoutMs?: number) => {
      errors.push(
        await clientFor(baseUrl, timeoutMs)
          .addFreePictures(RAW_BODY)
          .catch((e: unknown) => e),
      );
    };
    const closed = await startLoopbackServer();
    await closed.close();
    await collect(closed.url);
    await collect((await serve((request) => request.socket.resetAndDestroy())).url);
    await collect((await serve((_, response) => response.writeHead(999).end())).url);
    await collect((await serve(() => {})).url, 100);

    expect(errors.every((error) => error instanceof RequestError)).toBe(true);
    for (const error of errors) {
      expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(TOKEN);
    }
  });
});

// The certificate comes from the openssl command. Without it this is skipped with a
// notice, except in CI, where .ci/run installs it.
const hasOpenssl = spawnSync("openssl", ["version"], { stdio: "ignore" }).status === 0;
if (!hasOpenssl && !process.env.CI) {
  process.stderr.write("\n!!! SKIPPED: the TLS test needs the openssl command !!!\n\n");
}

describe("a connection that never opens", () => {
  it("is not sent, and tried again, when TLS never completes before timeoutMs", async () => {
    // Takes the TCP connection and never answers the TLS hello: the request never goes out.
    const silent = createNetServer(() => {});
    const accepted: unknown[] = [];
    silent.on("connection", (socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const baseUrl = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;

    try {
      const report = await clientFor(baseUrl, 100).uploadPictures([{ image: makeJpeg() }]);

      expect(report.outcomes[0]).toEqual({
        index: 0,
        status: "failed",
        reason:
          "not sent: the request was given up before any of it went out: " +
          "timeoutMs (100 ms) ran out",
        attempts: 3,
        delivery: "not-sent",
      });
      expect(accepted).toHaveLength(3);
    } finally {
      for (const socket of accepted) (socket as { destroy(): void }).destroy();
      silent.close();
    }
  });

  it("rejects as not sent when aborted before its connection opened", async () => {
    const { url, received } = await serve();
    const controller = new AbortController();
    const reason = new Error("stopped by the test");

    const sent = sendOverNodeHttp(url, { method: "POST", body: "{}", signal: controller.signal });
    // Connecting takes at least a turn of the event loop; this abort comes before it.
    controller.abort(reason);

    await expect(sent).rejects.toMatchObject({
      notSent: true,
      message: "the request was given up before any of it went out",
      cause: reason,
    });
    expect(received).toHaveLength(0);
  });

  it("rejects as not sent, not with the bare reason, when the signal aborted already", async () => {
    const { url, received } = await serve();
    const reason = new Error("stopped by the test");

    const sent = sendOverNodeHttp(url, { method: "POST", signal: AbortSignal.abort(reason) });

    await expect(sent).rejects.toMatchObject({ notSent: true, cause: reason });
    expect(received).toHaveLength(0);
  });

  it("says what happened when the connection resets before it opens, and retries", async () => {
    // Resets each TCP connection as it comes: the TLS handshake, and so the request, never go.
    const resetting = createNetServer((socket) => socket.resetAndDestroy());
    await new Promise<void>((resolve) => resetting.listen(0, "127.0.0.1", resolve));
    const baseUrl = `https://127.0.0.1:${(resetting.address() as AddressInfo).port}`;

    try {
      const client = clientFor(baseUrl);
      const report = await client.uploadPictures([{ image: makeJpeg() }]);
      const error = await client.addFreePictures(RAW_BODY).catch((e: unknown) => e);

      const why = /^the connection did not open: .*ECONNRESET/;
      expect(report.outcomes[0]).toMatchObject({ status: "failed", attempts: 3 });
      expect(report.outcomes[0]?.reason?.replace(/^not sent: /, "")).toMatch(why);
      expect(error).toMatchObject({ mayHaveBeenProcessed: false });
      expect((error as Error).message).toMatch(/ was not sent: the connection did not open: /);
      expect(JSON.stringify([report, (error as Error).message])).not.toContain("ENOTCONN");
    } finally {
      resetting.close();
    }
  });
});

describe.skipIf(!hasOpenssl && !process.env.CI)(
  "over https, to a server whose certificate is refused",
  () => {
    /** A key and a self-signed certificate for 127.0.0.1, made by the openssl command. */
    async function selfSigned() {
      const dir = await mkdtemp(join(tmpdir(), "client-tls-"));
      try {
        const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
        execFileSync(
          "openssl",
          [
            ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"],
            ...["-nodes", "-subj", "/CN=127.0.0.1", "-days", "1", "-keyout", key, "-out", cert],
          ],
          { stdio: "ignore" },
        );

        return { key: await readFile(key), cert: await readFile(cert) };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }

    it("reports the request as not sent, and does not retry it", async () => {
      let requests = 0;
      const tls = createHttpsServer(await selfSigned(), (_, response) => {
        requests++;
        response.end();
      });
      await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
      const baseUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;

      try {
        const report = await clientFor(baseUrl).uploadPictures([{ image: makeJpeg() }]);

        expect(report.outcomes[0]).toMatchObject({
          status: "failed",
          reason:
            "not sent: the server's TLS certificate was refused (DEPTH_ZERO_SELF_SIGNED_CERT)",
          attempts: 1,
        });
        expect(requests).toBe(0);
      } finally {
        tls.close();
      }
    });
  },
);
