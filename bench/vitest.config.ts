import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The smoke run starts servers, the mock and turbo: seconds, not milliseconds.
    testTimeout: 120_000,
  },
});
