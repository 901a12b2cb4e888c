export type { components, paths } from "./generated/schema.js";
export { createClient } from "./create-client.js";
