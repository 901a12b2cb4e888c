import { describe, expect, it } from "vitest";
import { createClient, RequestError } from "../src/node.js";
import { connectionRefused, connectionReset, fakeFetch, TEST_URL, TOKEN } from "./helpers/fetch.js";

const body = {
  Pictures: [{ Description: "Beach", Image: "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgI=" }],
};

function clientAnswering(reply: Parameters<typeof fakeFetch>[0]) {
  const { fetch, requests } = fakeFetch(reply);
  const client = createClient({
    accessToken: TOKEN,
    baseUrl: TEST_URL,
    fetch,
    retry: { maxDelayMs: 0 },
  });

  return { client, requests };
}

describe("raw calls", () => {
  it("sends the body as given to each endpoint", async () => {
    const { client, requests } = clientAnswering(() => new Response(null));

    await client.addFreePictures(body);
    await client.addMemberFreePictures({ UserID: 42, ...body });

    expect(requests.map((r) => [r.method, new URL(r.url).pathname, JSON.parse(r.body)])).toEqual([
      ["POST", "/v1/Pictures/AddFreePictures", body],
      ["POST", "/v1/Groups/Pictures/AddFreePictures", { UserID: 42, ...body }],
    ]);
  });

  it.each([
    ["an empty 200", () => new Response(null, { status: 200 })],
    ["a 204", () => new Response(null, { status: 204 })],
    ["a 200 with a body that is not JSON", () => new Response("OK <b>done</b>", { status: 200 })],
    ["a 200 with JSON", () => Response.json({ ok: true })],
  ])("treats %s as success with data undefined", async (_, reply) => {
    const { client } = clientAnswering(reply);

    const result = await client.addFreePictures(body);

    expect(result.error).toBeUndefined();
    expect(result.data).toBeUndefined();
    expect(result.response.ok).toBe(true);
  });

  it.each([
    [400, null, undefined],
    [401, "", undefined],
    [403, "Forbidden", "Forbidden"],
    [400, '{"Message":"bad image"}', { Message: "bad image" }],
    [500, null, undefined],
    [302, null, undefined],
  ])(
    "returns HTTP %i with body %j as an error value, never as success",
    async (status, text, parsed) => {
      const { client } = clientAnswering(() => new Response(text, { status }));

      const result = await client.addFreePictures(body);

      expect(result.error).toEqual({ status, body: parsed });
      expect(result.error).toBeTruthy();
      expect(result.data).toBeUndefined();
    },
  );

  it("returns the error value even when the empty error body has no Content-Length", async () => {
    const { client } = clientAnswering(
      () => new Response(new ReadableStream({ start: (c) => c.close() }), { status: 400 }),
    );

    const result = await client.addFreePictures(body);

    expect(result.error).toEqual({ status: 400, body: undefined });
  });

  it("does not follow redirects, which could carry the token elsewhere", async () => {
    const { client, requests } = clientAnswering(
      () => new Response(null, { status: 307, headers: { location: "https://elsewhere.test/" } }),
    );

    const result = await client.addFreePictures(body);

    expect(result.error?.status).toBe(307);
    expect(requests).toHaveLength(1);
  });

  it("retries a raw call on 429 and returns the final answer", async () => {
    const { client, requests } = clientAnswering((_, call) =>
      call === 1 ? new Response(null, { status: 429 }) : new Response(null),
    );

    const result = await client.addFreePictures(body);

    expect(result.error).toBeUndefined();
    expect(requests).toHaveLength(2);
  });

  it("throws a RequestError saying nothing was sent when it cannot connect", async () => {
    const { client, requests } = clientAnswering(() => {
      throw connectionRefused();
    });

    const error = await client.addFreePictures(body).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({
      mayHaveBeenProcessed: false,
      message:
        "POST /v1/Pictures/AddFreePictures was not sent: could not connect (ECONNREFUSED) " +
        "(3 attempts)",
    });
    expect(requests).toHaveLength(3);
  });

  it("throws a RequestError saying the outcome is unknown when the connection breaks", async () => {
    const { client, requests } = clientAnswering(() => {
      throw connectionReset();
    });

    const error = (await client.addFreePictures(body).catch((e: unknown) => e)) as RequestError;

    expect(error).toBeInstanceOf(RequestError);
    expect(error.mayHaveBeenProcessed).toBe(true);
    expect(error.message).toBe(
      "POST /v1/Pictures/AddFreePictures got no usable answer after sending " +
        "(fetch failed: other side closed): " +
        "the pictures may have been added, so check the gallery before sending again",
    );
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.request).toEqual({
      method: "POST",
      url: `${TEST_URL}/v1/Pictures/AddFreePictures`,
      body: '{"Pictures":[{"Description":"Beach","Image":"/9j/4AAQSkZJ... (40 chars)"}]}',
    });
    expect(requests).toHaveLength(1);
  });

  it("rejects with the caller's reason when the caller aborts", async () => {
    const { client } = clientAnswering(() => new Response(null));
    const reason = new Error("stop");

    await expect(client.addFreePictures(body, { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
  });

  it("rethrows what a token function throws, sending nothing", async () => {
    const { fetch, requests } = fakeFetch();
    const failure = new Error("refresh failed");
    const client = createClient({
      accessToken: () => Promise.reject(failure),
      baseUrl: TEST_URL,
      fetch,
    });

    await expect(client.addFreePictures(body)).rejects.toBe(failure);
    expect(requests).toHaveLength(0);
  });
});
