import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient as createBrowserClient } from "../src/index.js";
import { createClient } from "../src/node.js";
import { TEST_URL, TOKEN } from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";

describe("an injected fetch", () => {
  it("is called with the URL and an init: text for raw calls, bytes for uploads", async () => {
    const calls: [unknown, RequestInit | undefined][] = [];
    const fetch = async (url: unknown, init?: RequestInit) => {
      calls.push([url, { ...init, body: structuredClone(init?.body ?? null) }]);
      return new Response(null);
    };
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch: fetch as never });
    const picture = makeJpeg();

    await client.addFreePictures({ Pictures: [{ Image: "/9j/2Q==" }] });
    await client.uploadPictures([{ image: picture, description: "one" }]);

    const [raw, upload] = calls;
    expect(raw?.[0]).toBe(`${TEST_URL}/v1/Pictures/AddFreePictures`);
    expect(raw?.[1]).toMatchObject({ method: "POST", redirect: "manual" });
    expect(raw?.[1]?.headers).toBeInstanceOf(Headers);
    expect(raw?.[1]?.signal).toBeInstanceOf(AbortSignal);
    expect(raw?.[1]?.body).toBe('{"Pictures":[{"Image":"/9j/2Q=="}]}');

    expect(upload?.[0]).toBe(`${TEST_URL}/v1/Pictures/AddFreePictures`);
    expect(upload?.[1]?.body).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(Buffer.from(upload?.[1]?.body as Uint8Array).toString())).toEqual({
      Pictures: [{ Description: "one", Image: Buffer.from(picture).toString("base64") }],
    });
  });
});

describe("the default transport, over loopback", () => {
  const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(200, { "content-length": "0" }).end();
    });
  });
  let baseUrl: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ["Node entry, node:http", createClient],
    ["browser entry, fetch", createBrowserClient],
  ])("sends each upload body whole, with its Content-Length (%s)", async (_, create) => {
    received.length = 0;
    const client = create({ accessToken: TOKEN, baseUrl });
    const pictures = [1, 2, 3].map((seed) => makeJpeg(64, 48, seed));

    const plan = await client.planUpload(
      pictures.map((image) => ({ image })),
      {
        maxPicturesPerRequest: 2,
      },
    );
    const report = await client.uploadPictures(
      pictures.map((image) => ({ image })),
      { maxPicturesPerRequest: 2 },
    );

    expect(report.uploaded).toBe(3);
    expect(received.map((request) => request.headers["transfer-encoding"])).toEqual([
      undefined,
      undefined,
    ]);
    expect(received.map((request) => Number(request.headers["content-length"]))).toEqual(
      plan.map((batch) => batch.bytes),
    );
    const images = received.flatMap((request) =>
      JSON.parse(request.body.toString()).Pictures.map((p: { Image: string }) => p.Image),
    );
    expect(images).toEqual(pictures.map((bytes) => Buffer.from(bytes).toString("base64")));
  });

  it("sends a raw call's text as it is", async () => {
    received.length = 0;
    const client = createClient({ accessToken: TOKEN, baseUrl });

    const { response } = await client.addFreePictures({ Pictures: [{ Image: "/9j/2Q==" }] });

    expect(response.status).toBe(200);
    expect(received[0]?.headers["content-type"]).toBe("application/json");
    expect(received[0]?.body.toString()).toBe('{"Pictures":[{"Image":"/9j/2Q=="}]}');
  });
});
