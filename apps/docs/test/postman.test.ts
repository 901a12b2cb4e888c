import { type RunningMock, startMock } from "@adultwork-api/mock";
import { PostmanValidator } from "@har-sdk/validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPostmanCollection, LOCAL_MOCK_URL, listRequests } from "../scripts/build-postman.mjs";
import { listOperations } from "../scripts/inject-samples.mjs";
import type { PostmanCollection } from "../scripts/types.js";
import { readBuilt, readSpec, requestExamples } from "./support/built.js";
import { toFetchArgs } from "./support/postman-request.js";

const collection: PostmanCollection = JSON.parse(await readBuilt("postman"));
const requests = listRequests(collection.item);
const spec = await readSpec();
const operations = listOperations(spec);

describe("the Postman collection", () => {
  it("is a valid v2.1 collection", async () => {
    expect(collection.info.schema).toContain("/v2.1.0/");
    // The validator ships the v2.1 JSON schema and checks offline.
    expect(await new PostmanValidator().verify(collection as never)).toEqual([]);
  });

  it("holds one request per operation", () => {
    const sent = requests.map((request) => `${request.method} /${pathOf(request).join("/")}`);
    const expected = operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`);

    expect(sent.sort()).toEqual(expected.sort());
  });

  it("sends the bearer token from {{accessToken}} and each request inherits it", () => {
    expect(collection.auth).toEqual({
      type: "bearer",
      bearer: [{ key: "token", value: "{{accessToken}}", type: "string" }],
    });
    for (const request of requests) expect(request.auth).toBeUndefined();
  });

  it("points {{baseUrl}} at the local mock by default", () => {
    const baseUrl = collection.variable?.find((variable) => variable.key === "baseUrl");

    expect(baseUrl?.value).toBe(LOCAL_MOCK_URL);
    for (const request of requests)
      expect(typeof request.url === "object" && request.url.host).toEqual(["{{baseUrl}}"]);
  });

  it("uses each operation's request example as the body", () => {
    const examples = requestExamples(spec);

    for (const { operationId, path } of operations) {
      const request = requests.find((each) => `/${pathOf(each).join("/")}` === path);
      expect(JSON.parse(request?.body?.raw ?? "null"), operationId).toEqual(
        examples.get(operationId),
      );
    }
  });
});

describe("the Postman collection's ids", () => {
  const idsOf = (json: string) => [...json.matchAll(/"(?:_postman_id|id)":"([^"]+)"/g)];

  it("are the same in every build of the same spec", async () => {
    const first = JSON.stringify(await buildPostmanCollection(spec));
    const second = JSON.stringify(await buildPostmanCollection(spec));

    expect(idsOf(first).length).toBeGreaterThan(1);
    expect(second).toBe(first);
  });

  it("are all different", () => {
    const ids = idsOf(JSON.stringify(collection)).map((match) => match[1]);

    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("the Postman collection against the mock", () => {
  let mock: RunningMock;

  beforeAll(async () => {
    mock = await startMock({ record: true });
    expect(new URL(mock.url).hostname).toBe("127.0.0.1");
  });

  afterAll(async () => {
    await mock?.close();
  });

  it.each(requests.map((request) => [`/${pathOf(request).join("/")}`, request] as const))(
    "gets 200 for %s",
    async (path, request) => {
      const variables = { baseUrl: mock.url.replace(/\/$/, ""), accessToken: "postman-token" };
      const { url, init } = toFetchArgs(collection, request, variables);
      const response = await fetch(url, init);

      expect(response.status).toBe(200);
      expect(mock.received.at(-1)?.path).toBe(path);
      expect(mock.received.at(-1)?.headers.authorization).toBeDefined();
    },
  );
});

function pathOf(request: (typeof requests)[number]): string[] {
  return typeof request.url === "string" ? [] : (request.url.path ?? []);
}
