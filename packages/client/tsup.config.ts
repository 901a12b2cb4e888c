import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8"));

export default defineConfig({
  entry: ["src/index.ts", "src/node.ts"],
  format: ["esm"],
  dts: true,
  target: "es2022",
  clean: true,
  sourcemap: true,
  // Keep the `node:` prefix: it marks built-ins plainly for bundlers and for the packaging test.
  removeNodeProtocol: false,
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
