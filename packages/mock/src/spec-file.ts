import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The path of the bundled OpenAPI document that the mock serves. */
export function bundledSpecPath(): string {
  try {
    return require.resolve("@adultwork-api/spec/openapi.json");
  } catch (error) {
    throw new Error(
      "The bundled spec is missing. Build it first: run `pnpm build` at the repository root.",
      { cause: error },
    );
  }
}
