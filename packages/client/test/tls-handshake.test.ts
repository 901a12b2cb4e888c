import type { AddressInfo } from "node:net";
import { createServer as createNetServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientOptions, createClient, RequestError } from "../src/node.js";
import { fakeFetch, TEST_URL, TOKEN } from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";
import { type LoopbackServer, startLoopbackServer } from "./helpers/loopback-server.js";

const RAW_BODY = { Pictures: [{ Image: "/9j/2Q==" }] };
const PLAIN_HTTP =
  "the TLS handshake failed (wrong version number): " +
  "check that the server at that address speaks https";

// The Node entry's own transport, and Node's fetch passed in: both must say the same.
const transports: [string, Partial<ClientOptions>][] = [
  ["node:https", {}],
  ["fetch", { fetch: globalThis.fetch }],
];

describe("https to a server that speaks plain http", () => {
  let server: LoopbackServer;
  let baseUrl: string;
  beforeAll(async () => {
    server = await startLoopbackServer();
    baseUrl = server.url.replace("http:", "https:");
  });
  afterAll(() => server.close());

  it.each(transports)("is failed as not sent, without a retry (%s)", async (_, options) => {
    const client = createClient({ accessToken: TOKEN, baseUrl, ...options });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toEqual({
      index: 0,
      status: "failed",
      reason: `not sent: ${PLAIN_HTTP}`,
      attempts: 1,
      delivery: "not-sent",
    });
    expect(server.received).toHaveLength(0);
  });

  it.each(transports)(
    "throws a RequestError that says nothing was processed (%s)",
    async (_, options) => {
      const client = createClient({ accessToken: TOKEN, baseUrl, ...options });

      const error = await client.addFreePictures(RAW_BODY).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(RequestError);
      expect(error).toMatchObject({
        mayHaveBeenProcessed: false,
        message: `POST /v1/Pictures/AddFreePictures was not sent: ${PLAIN_HTTP}`,
      });
      expect(server.received).toHaveLength(0);
    },
  );
});

describe("https to a server that closes the connection during the handshake", () => {
  let server: Server;
  let baseUrl: string;
  let connections = 0;
  beforeAll(async () => {
    server = createNetServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(transports)("is failed as not sent, after its retries (%s)", async (_, options) => {
    connections = 0;
    const client = createClient({
      accessToken: TOKEN,
      baseUrl,
      retry: { maxDelayMs: 0 },
      ...options,
    });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toEqual({
      index: 0,
      status: "failed",
      reason: "not sent: the connection closed during the TLS handshake (ECONNRESET)",
      attempts: 3,
      delivery: "not-sent",
    });
    expect(connections).toBe(3);
  });
});

/** An error as Node's fetch throws it: a TypeError whose cause holds the code. */
const fetchFailed = (code: string, message: string) =>
  new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });

const OPENSSL = "80CC33F1F67F0000:error:0A00042E:SSL routines:ssl3_read_bytes:";

describe("a TLS error through an injected fetch", () => {
  it.each([
    [
      "a TLS version the server does not take (fetch)",
      fetchFailed("ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION", `${OPENSSL}tlsv1 alert protocol version`),
      "tlsv1 alert protocol version",
    ],
    [
      "no shared cipher suite (fetch)",
      fetchFailed(
        "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
        `${OPENSSL}sslv3 alert handshake failure`,
      ),
      "sslv3 alert handshake failure",
    ],
    [
      "a TLS version the server does not take (node:https)",
      Object.assign(new Error(`write EPROTO ${OPENSSL}tlsv1 alert protocol version`), {
        code: "EPROTO",
      }),
      "tlsv1 alert protocol version",
    ],
  ])("is not sent, without a retry, after %s", async (_, thrown, reason) => {
    const { fetch, requests } = fakeFetch(() => {
      throw thrown;
    });
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toMatchObject({
      status: "failed",
      reason:
        `not sent: the TLS handshake failed (${reason}): ` +
        "check that the server at that address speaks https",
      attempts: 1,
    });
    expect(requests).toHaveLength(1);
  });

  it.each([
    [
      "a bad record MAC",
      fetchFailed("ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC", "bad record mac"),
    ],
    ["a record too long", fetchFailed("ERR_SSL_PACKET_LENGTH_TOO_LONG", "packet length too long")],
    ["a reset after the handshake", fetchFailed("ECONNRESET", "read ECONNRESET")],
  ])("is unknown after %s, which may come once the request went out", async (_, thrown) => {
    const { fetch } = fakeFetch(() => {
      throw thrown;
    });
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toMatchObject({ status: "unknown", attempts: 1 });
  });
});
