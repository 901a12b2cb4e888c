import { defineConfig } from "tsup";

export default defineConfig({
  // The children run in processes of their own, so each is an entry of its own.
  entry: ["src/main.ts", "src/sink-server.ts", "src/memory-child.ts", "src/mock-child.ts"],
  format: ["esm"],
  target: "node20",
  clean: true,
  sourcemap: true,
});
