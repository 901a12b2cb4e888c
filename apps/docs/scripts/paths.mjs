import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The root of this package, whatever the working directory. */
export const docsRoot = fileURLToPath(new URL("..", import.meta.url));

/** The OpenAPI bundle that @adultwork-api/spec builds. */
export const specBundlePath = require.resolve("@adultwork-api/spec/openapi.json");

export const samplesDir = `${docsRoot}samples`;
export const redoclyConfigPath = `${docsRoot}redocly.yaml`;
export const pageTemplatePath = `${docsRoot}page-template.hbs`;

/** What the build writes, all in out/. */
export const outDir = `${docsRoot}out`;
export const outFiles = {
  openapi: `${outDir}/openapi.json`,
  page: `${outDir}/index.html`,
  postman: `${outDir}/postman-collection.json`,
};
