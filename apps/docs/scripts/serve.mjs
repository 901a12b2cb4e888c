// Serves the built docs on 127.0.0.1: `node scripts/serve.mjs [--port 8080]`.
import { access } from "node:fs/promises";
import { parseArgs } from "node:util";
import { outDir, outFiles } from "./paths.mjs";
import { serveDirectory } from "./static-server.mjs";

const DEFAULT_PORT = 8080;

const { values } = parseArgs({ options: { port: { type: "string" } } });
const port = Number(values.port ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535 (got ${values.port})`);
  process.exit(2);
}

try {
  await access(outFiles.page);
} catch {
  console.error(
    `${outFiles.page} does not exist yet: run "pnpm run docs" from the repository root.`,
  );
  process.exit(1);
}

try {
  const { url } = await serveDirectory(outDir, { port });
  console.log(`API reference:      ${url}`);
  console.log(`Postman collection: ${outFiles.postman}`);
  console.log(`                    (also at ${url}postman-collection.json; import it in Postman)`);
  console.log("Press Ctrl+C to stop.");
} catch (error) {
  const taken = /** @type {NodeJS.ErrnoException} */ (error).code === "EADDRINUSE";
  console.error(taken ? `Port ${port} is taken: pass --port <another>.` : String(error));
  process.exit(1);
}
