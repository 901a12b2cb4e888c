import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

/** This package's folder (the build puts every module directly in dist/). */
export const benchDir = fileURLToPath(new URL("..", import.meta.url));

/** The workspace root, where turbo runs. */
export const workspaceRoot = join(benchDir, "..");

/** The folder of a workspace package this bench depends on. */
export const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

type ExportTarget = string | { [condition: string]: ExportTarget };

interface PackageJson {
  bin?: string | Record<string, string>;
  exports?: Record<string, ExportTarget>;
}

export async function readPackageJson(name: string): Promise<PackageJson> {
  return JSON.parse(await readFile(join(packageDir(name), "package.json"), "utf8")) as PackageJson;
}

/** The file a package's command runs, from its `bin` field. */
export async function binPath(name: string, command: string): Promise<string> {
  const { bin } = await readPackageJson(name);
  const relative = typeof bin === "string" ? bin : bin?.[command];
  if (!relative) throw new Error(`${name} declares no "${command}" command in its bin field`);

  return join(packageDir(name), relative);
}

// Node's rule: the first key, in the map's own order, that is one of the conditions.
function pick(target: ExportTarget | undefined, conditions: string[]): string | undefined {
  if (typeof target === "string" || target === undefined) return target;
  const key = Object.keys(target).find((candidate) => conditions.includes(candidate));

  return key === undefined ? undefined : pick(target[key], conditions);
}

/** The file that `import "<name>"` gives under `condition` (such as "browser"). */
export async function entryFor(name: string, condition: string): Promise<string> {
  const root = (await readPackageJson(name)).exports?.["."];
  const relative = pick(root, [condition, "import", "default"]);
  if (!relative) throw new Error(`${name} has no "${condition}" entry in its exports map`);

  return join(packageDir(name), relative);
}

/** The client's browser entry, loaded in Node (it needs no Node built-ins). */
export async function importBrowserEntry(): Promise<Record<string, unknown>> {
  const file = await entryFor("@adultwork-api/client", "browser");

  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
