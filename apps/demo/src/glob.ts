import { readdir } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";

// Node 20 has no fs.glob, and a pattern the shell did not expand (quoted, or with no match)
// reaches us as is. This covers *, ?, [...], {a,b} and ** with "/" as the separator.

export function hasGlobMagic(text: string): boolean {
  return /[*?[{]/.test(text);
}

/** The files a pattern matches, sorted; names that start with a dot only match a dot. */
export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const segments = pattern.split("/");
  const firstMagic = segments.findIndex(hasGlobMagic);
  const baseSegments = segments.slice(0, firstMagic);
  const base = baseSegments.join("/") || (isAbsolute(pattern) ? "/" : ".");
  const rest = segments.slice(firstMagic).filter((segment) => segment !== "");

  const found = new Set<string>();
  await walk(resolve(cwd, base), base === "." ? "" : base, rest, found);

  return [...found].sort(byCodePoint);
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function walk(dir: string, shown: string, rest: string[], found: Set<string>) {
  const [segment, ...after] = rest;
  if (segment === undefined) return;

  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);

  if (segment === "**") {
    // "**" matches no folder at all, or any number of them.
    await walk(dir, shown, after, found);
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith(".")) {
        await walk(join(dir, entry.name), joinShown(shown, entry.name), rest, found);
      }
    }
    return;
  }

  const matcher = segmentMatcher(segment);
  for (const entry of entries) {
    if (!matcher.test(entry.name)) continue;

    const path = joinShown(shown, entry.name);
    if (after.length === 0 && !entry.isDirectory()) found.add(path);
    if (after.length > 0 && (entry.isDirectory() || entry.isSymbolicLink())) {
      await walk(join(dir, entry.name), path, after, found);
    }
  }
}

function joinShown(shown: string, name: string): string {
  return shown === "" ? name : shown.endsWith("/") ? `${shown}${name}` : `${shown}/${name}`;
}

export function segmentMatcher(segment: string): RegExp {
  let source = segment.startsWith(".") ? "" : "(?!\\.)";

  for (let i = 0; i < segment.length; i++) {
    const char = segment[i] as string;

    if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close === -1) {
        source += "\\[";
        continue;
      }
      const body = segment
        .slice(i + 1, close)
        .replace(/^!/, "^")
        .replace(/\\/g, "\\\\");
      source += `[${body}]`;
      i = close;
    } else if (char === "{") {
      const close = segment.indexOf("}", i);
      if (close === -1) {
        source += "\\{";
        continue;
      }
      const choices = segment
        .slice(i + 1, close)
        .split(",")
        .map(escapeRegExp);
      source += `(?:${choices.join("|")})`;
      i = close;
    } else source += escapeRegExp(char);
  }

  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
