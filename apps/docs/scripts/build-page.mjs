import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { pageTemplatePath, redoclyConfigPath } from "./paths.mjs";

const require = createRequire(import.meta.url);
const redoclyCli = require.resolve("@redocly/cli/bin/cli.js");

// redocly.yaml already says `telemetry: off`; the variables also turn off the update check
// against npm, and keep both off should someone build with another config.
const QUIET_REDOCLY = { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

/**
 * Renders an OpenAPI document into one self-contained HTML page with Redoc (its scripts
 * inlined). The page opens at its top with the route of tag `openTag` open, so that tag's
 * operations are drawn without a click.
 * @param {{ openapiPath: string, pagePath: string, openTag: string }} paths
 */
export async function buildPage({ openapiPath, pagePath, openTag }) {
  const args = [
    redoclyCli,
    "build-docs",
    openapiPath,
    "--inlineBundle",
    `--output=${pagePath}`,
    `--config=${redoclyConfigPath}`,
    `--template=${pageTemplatePath}`,
    `--templateOptions.openSection=${slug(openTag)}`,
  ];
  const { code, output } = await run(process.execPath, args, { ...process.env, ...QUIET_REDOCLY });

  if (code !== 0) {
    throw new Error(`redocly build-docs exited with ${code}; its output:\n${output}`);
  }
}

/**
 * The route Redoc gives a tag: its name in lower case, words joined by dashes.
 * @param {string} name
 */
export function slug(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * Runs a command and collects its output, shown on failure only: on success Redocly
 * prints nothing useful but a Node 20 deprecation banner.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ code: number | null, output: string }>}
 */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
