// Serves the built docs on 127.0.0.1: `node scripts/serve.mjs [--port 8080]`.
import { access } from "node:fs/promises";
import { parseArgs } from "node:util";
import { outDir, outFiles } from "./paths.mjs";
import { serveDirectory } from "./static-server.mjs";

const DEFAULT_PORT = 8080;

const usage = `Usage: pnpm run docs [--port N]

Builds the API reference and the Postman collection, then serves them on 127.0.0.1.

  --port N   port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --help     show this help`;

/** @param {string} message */
function fail(message) {
  console.error(`docs: ${message}`);
  process.exit(2);
}

/** @type {{ port?: string, help?: boolean }} */
let values = {};
try {
  ({ values } = parseArgs({ options: { port: { type: "string" }, help: { type: "boolean" } } }));
} catch (error) {
  fail(`${/** @type {Error} */ (error).message}\n\n${usage}`);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const text = values.port ?? String(DEFAULT_PORT);
const port = Number(text);
if (!/^\d+$/.test(text) || port > 65535) {
  fail(`--port ${text || "''"} is not a port number: use a whole number from 0 to 65535.`);
}

try {
  await access(outFiles.page);
} catch {
  console.error(
    `${outFiles.page} does not exist yet: run "pnpm run docs" from the repository root.`,
  );
  process.exit(1);
}

// Ctrl-C is how this server is meant to end: a clean stop, not a death by signal that
// pnpm would report as a failed command. Keep-alive connections are not waited for.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));

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
