import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningFaultServer, startFaultServer } from "../src/index.js";

const PATH = "/v1/Pictures/AddFreePictures";
const jpegBytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

function body(userId?: number): string {
  const picture = { Description: "a", Image: Buffer.from(jpegBytes).toString("base64") };

  return JSON.stringify(
    userId === undefined ? { Pictures: [picture] } : { UserID: userId, Pictures: [picture] },
  );
}

function post(url: string, payload = body()) {
  return fetch(`${url}${PATH}`, {
    method: "POST",
    headers: { authorization: "Bearer secret-token", "content-type": "application/json" },
    body: payload,
  });
}

let server: RunningFaultServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("startFaultServer", () => {
  it("listens on a loopback port and answers 200 once the script runs out", async () => {
    server = await startFaultServer([{ status: 500 }]);

    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await post(server.url)).status).toBe(500);
    expect((await post(server.url)).status).toBe(200);
  });

  it("records each request it read, with decoded pictures and the token blanked", async () => {
    server = await startFaultServer();

    await post(server.url, body(42));

    const [seen] = server.received;
    expect(seen?.path).toBe(PATH);
    expect(seen?.userId).toBe(42);
    expect(seen?.headers.authorization).toBe("[REDACTED]");
    expect(seen?.body).not.toContain("secret-token");
    expect(seen?.pictures).toEqual([{ description: "a", image: jpegBytes }]);
  });

  it("sends Retry-After with 429 and 503", async () => {
    server = await startFaultServer([
      { status: 429, retryAfter: 0 },
      { status: 503, retryAfter: "1" },
    ]);

    const first = await post(server.url);
    const second = await post(server.url);

    expect([first.status, first.headers.get("retry-after")]).toEqual([429, "0"]);
    expect([second.status, second.headers.get("retry-after")]).toEqual([503, "1"]);
  });

  it("counts only 2xx answers as accepted", async () => {
    server = await startFaultServer([{ status: 503 }, { status: 200 }]);

    await post(server.url);
    await post(server.url);

    expect(server.received.map((r) => r.answer)).toEqual([503, 200]);
    expect(server.accepted()).toHaveLength(1);
  });

  it("resets the connection mid-request and does not record it", async () => {
    server = await startFaultServer([{ reset: true }]);
    const url = new URL(server.url);

    // A body sent in two parts, so the reset lands before the request is complete.
    const outcome = await new Promise<string>((resolve) => {
      const outgoing = request({ host: url.hostname, port: url.port, path: PATH, method: "POST" });
      outgoing.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      outgoing.on("response", () => resolve("answered"));
      outgoing.write('{"Pictures":[');
    });

    expect(outcome).toMatch(/ECONNRESET|EPIPE/);
    expect(server.resets()).toBe(1);
    expect(server.received).toEqual([]);
  });

  it("holds a hung request until released, and lets a test await its arrival", async () => {
    server = await startFaultServer([{ hang: true }]);

    const answer = post(server.url);
    await server.waitForRequests(1);
    expect(server.received[0]?.answer).toBe("hang");

    server.release(201);
    expect((await answer).status).toBe(201);
    expect(server.received[0]?.answer).toBe(201);
  });

  it("drops hung requests on close", async () => {
    server = await startFaultServer([{ hang: true }]);

    const answer = post(server.url);
    await server.waitForRequests(1);
    await server.close();
    server = undefined;

    await expect(answer).rejects.toThrow();
  });

  it("takes each step from a function when given one", async () => {
    server = await startFaultServer((line) => ({ status: line.index === 0 ? 404 : 204 }));

    expect((await post(server.url)).status).toBe(404);
    expect((await post(server.url)).status).toBe(204);
  });
});
