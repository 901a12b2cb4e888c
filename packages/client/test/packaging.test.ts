import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const dist = join(import.meta.dirname, "../dist");
const IMPORT = /(?:import|export)[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Every module specifier that `entry` and the files it imports (relatively) import. */
function specifiersReachedFrom(entry: string): Set<string> {
  const found = new Set<string>();
  const visit = (file: string, seen: Set<string>) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2]) as string;
      if (specifier.startsWith(".")) visit(join(dirname(file), specifier), seen);
      else found.add(specifier);
    }
  };
  visit(join(dist, entry), new Set());

  return found;
}

describe("the built package", () => {
  it("has been built (run `pnpm turbo run build --filter=@adultwork-api/client`)", () => {
    expect(existsSync(join(dist, "index.js"))).toBe(true);
  });

  it("keeps Node built-ins out of the browser entry", () => {
    const builtins = new Set(builtinModules);
    const reached = [...specifiersReachedFrom("index.js")];

    expect(reached.filter((s) => s.startsWith("node:") || builtins.has(s))).toEqual([]);
    expect(reached).toEqual(["openapi-fetch"]);
  });

  it("reads files, sends through node:http and node:https, and inflates in the Node entry", () => {
    expect([...specifiersReachedFrom("node.js")].sort()).toEqual([
      "node:fs/promises",
      "node:http",
      "node:https",
      "node:zlib",
      "openapi-fetch",
    ]);
  });

  it("exports the browser entry's names from the Node entry, and its transport besides", async () => {
    const browser = Object.keys(await import(join(dist, "index.js")));
    const node = Object.keys(await import(join(dist, "node.js"))).sort();

    expect(node).toEqual([...browser, "sendOverNodeHttp"].sort());
  });
});
