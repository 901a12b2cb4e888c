import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../src/index.js";
import { send } from "./send.js";
import { MEMBER_PATH, OWN_PATH, validImage } from "./spec-examples.js";

// If Prism ever stops validating, these fail: each body breaks the spec in one way.

let mock: RunningMock;
const json = { Authorization: "Bearer test-token", "Content-Type": "application/json" };
const picture = { Description: "canary", Image: validImage };

beforeAll(async () => {
  mock = await startMock();
});

afterAll(async () => {
  await mock.close();
});

const brokenOnBoth: [string, unknown][] = [
  ["no Pictures", {}],
  ["an empty Pictures", { Pictures: [] }],
  ["a picture without Image", { Pictures: [{ Description: "no image" }] }],
  ["an Image that is not base64", { Pictures: [{ Image: "not base64!" }] }],
  ["an Image with base64 cut mid-group", { Pictures: [{ Image: validImage.slice(0, -1) }] }],
  ["a Description that is not a string", { Pictures: [{ ...picture, Description: 7 }] }],
];

describe.each([
  ["own gallery", OWN_PATH, {}],
  ["member gallery", MEMBER_PATH, { UserID: 123456 }],
])("POST to the %s endpoint", (_name, path, extra) => {
  it("answers 200 to a valid body", async () => {
    const body = JSON.stringify({ ...extra, Pictures: [picture] });

    expect((await send(`${mock.url}${path}`, json, body)).status).toBe(200);
  });

  it("answers 401 without a token", async () => {
    const body = JSON.stringify({ ...extra, Pictures: [picture] });
    const answer = await send(`${mock.url}${path}`, { "Content-Type": "application/json" }, body);

    expect(answer.status).toBe(401);
  });

  it.each(brokenOnBoth)("rejects %s with 400", async (_case, broken) => {
    const body = JSON.stringify({ ...extra, ...(broken as object) });
    const answer = await send(`${mock.url}${path}`, json, body);

    expect(answer.status).toBe(400);
    expect(answer.headers["sl-violations"]).toBeDefined();
  });

  it("rejects malformed JSON with a prompt 400", async () => {
    const answer = await send(`${mock.url}${path}`, json, '{"Pictures": [');

    expect(answer.status).toBe(400);
  });

  it("rejects a body over 10 MiB with 413", async () => {
    const huge = JSON.stringify({ ...extra, Pictures: [{ Image: "A".repeat(10_500_000) }] });

    expect((await send(`${mock.url}${path}`, json, huge)).status).toBe(413);
    // A client that closes its connection after each answer gets the same.
    const closing = { ...json, Connection: "close" };
    expect((await send(`${mock.url}${path}`, closing, huge)).status).toBe(413);
  });

  it("answers the next valid body with 200 after a chunked body over 10 MiB", async () => {
    const huge = JSON.stringify({ ...extra, Pictures: [{ Image: "A".repeat(10_500_000) }] });
    const chunked = { ...json, "Transfer-Encoding": "chunked" };
    const valid = JSON.stringify({ ...extra, Pictures: [picture] });

    expect((await send(`${mock.url}${path}`, chunked, huge)).status).toBe(413);
    expect((await send(`${mock.url}${path}`, json, valid)).status).toBe(200);
    expect((await send(`${mock.url}${path}`, json, valid)).status).toBe(200);
  });
});

describe("the member endpoint", () => {
  it.each([
    ["no UserID", { Pictures: [picture] }],
    ["a UserID string", { UserID: "123456", Pictures: [picture] }],
    ["a fractional UserID", { UserID: 1.5, Pictures: [picture] }],
  ])("rejects %s with 400", async (_case, body) => {
    const answer = await send(`${mock.url}${MEMBER_PATH}`, json, JSON.stringify(body));

    expect(answer.status).toBe(400);
  });
});
