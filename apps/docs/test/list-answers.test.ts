import { describe, expect, it } from "vitest";
import { withAnswerList } from "../scripts/list-answers.mjs";
import type { OpenApiDocument } from "../scripts/types.js";

const spec: OpenApiDocument = {
  paths: {
    "/v1/Things": {
      post: {
        operationId: "addThings",
        description: "Adds things.\n",
        responses: {
          "200": { description: "Added." },
          "401": { $ref: "#/components/responses/Unauthorized" },
        },
      },
    },
  },
  components: { responses: { Unauthorized: { description: "No valid token." } } },
};

describe("withAnswerList", () => {
  it("lists every answer under the description, references followed", () => {
    const operation = withAnswerList(spec).paths?.["/v1/Things"]?.post;

    expect(operation?.description).toBe(
      "Adds things.\n\n**Answers**\n\n- `200`: Added.\n- `401`: No valid token.",
    );
  });

  it("refuses a reference that points at nothing", () => {
    const broken = structuredClone(spec);
    broken.components = {};

    expect(() => withAnswerList(broken)).toThrow("#/components/responses/Unauthorized points");
  });
});
