import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

const { version } = JSON.parse(readFileSync("package.json", "utf8"));

export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  // The README's examples import the package by name; run them against the source.
  resolve: { alias: { "@adultwork-api/client": resolve(import.meta.dirname, "src/node.ts") } },
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    testTimeout: 20_000,
  },
});
