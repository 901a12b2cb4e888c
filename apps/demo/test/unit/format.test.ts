import { describe, expect, it } from "vitest";
import { formatBytes } from "../../src/format.js";

describe("formatBytes", () => {
  it.each([
    [512, "512 B"],
    [1536, "1.5 KiB"],
    [10 * 1024 ** 2, "10.0 MiB"],
    [3 * 1024 ** 3, "3.0 GiB"],
  ])("writes %d bytes as %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
