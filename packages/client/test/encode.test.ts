import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { base64Length, writeBase64 as writePortable } from "../src/encode.js";
import { encodeBase64 as encodePortable } from "../src/index.js";
import { writeBase64 as writeWithBuffer } from "../src/node/base64.js";
import { encodeBase64 as encodeWithBuffer } from "../src/node.js";

const base64Of = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

// Seeded bytes of any length up to a few of the Node writer's chunks.
const longBytes = fc
  .record({ length: fc.nat({ max: 150_000 }), seed: fc.nat() })
  .map(({ length, seed }) => {
    let state = seed;
    return Uint8Array.from({ length }, () => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state >>> 24;
    });
  });
const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 100 }), longBytes);

describe.each([
  ["the browser entry", encodePortable, writePortable],
  ["the Node entry", encodeWithBuffer, writeWithBuffer],
])("base64 in %s", (_, encode, write) => {
  test.prop([anyBytes], { numRuns: 30 })("encodes as Buffer does", (bytes) => {
    expect(encode(bytes)).toBe(base64Of(bytes));
  });

  test.prop([anyBytes, fc.nat({ max: 9 })], { numRuns: 30 })(
    "writes into a body at an offset and returns the offset after it",
    (bytes, at) => {
      const target = new Uint8Array(at + base64Length(bytes.length) + 3).fill(0x2a);

      const end = write(bytes, target, at);

      expect(end).toBe(at + base64Length(bytes.length));
      expect(latin1(target.subarray(at, end))).toBe(base64Of(bytes));
      expect([...target.subarray(0, at), ...target.subarray(end)].every((b) => b === 0x2a)).toBe(
        true,
      );
    },
  );

  test.prop([anyBytes], { numRuns: 30 })(
    "encodes in place, from the end of the span its base64 fills",
    (bytes) => {
      const target = new Uint8Array(base64Length(bytes.length));
      const input = target.subarray(target.length - bytes.length);
      input.set(bytes);

      write(input, target, 0);

      expect(latin1(target)).toBe(base64Of(bytes));
    },
  );
});
