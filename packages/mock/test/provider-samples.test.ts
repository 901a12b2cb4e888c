import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../src/index.js";
import { send } from "./send.js";
import { MEMBER_PATH, memberGalleryBody, OWN_PATH, ownGalleryBody } from "./spec-examples.js";

let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ record: true });
});

afterAll(async () => {
  await mock.close();
});

describe("the provider's samples, written as its page writes them", () => {
  // The page shows `bearer` in lower case and no Content-Type header.
  const pageHeaders = { Authorization: "bearer {your-access-token}" };

  it("accepts the own-gallery sample", async () => {
    const answer = await send(
      `${mock.url}${OWN_PATH}`,
      pageHeaders,
      JSON.stringify(ownGalleryBody),
    );

    expect(answer.status).toBe(200);
    expect(answer.body).toBe("");
  });

  it("accepts the group-manager sample", async () => {
    const body = JSON.stringify(memberGalleryBody);
    const answer = await send(`${mock.url}${MEMBER_PATH}`, pageHeaders, body);

    expect(answer.status).toBe(200);
  });

  it("records what it received, with the token blanked out", async () => {
    const last = mock.received.at(-1);

    expect(last?.path).toBe(MEMBER_PATH);
    expect(JSON.parse(last?.body ?? "{}")).toEqual(memberGalleryBody);
    expect(last?.headers.authorization).toBe("[REDACTED]");
    expect(JSON.stringify(mock.received)).not.toContain("your-access-token");
  });
});
