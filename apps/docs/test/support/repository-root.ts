import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { docsRoot } from "../../scripts/paths.mjs";

/** The folder holding pnpm-workspace.yaml, found by walking up from this package. */
export function findRepositoryRoot(from: string = docsRoot): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}: run from the repo`);
    dir = parent;
  }

  return dir;
}
