import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** The flags these machines need; without the EXCLUDE the resolver also blocks loopback. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

/** `CHROMIUM_PATH`, else the first `chromium` (or `chromium-browser`) on the PATH. */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;

  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const name of ["chromium", "chromium-browser"]) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }

  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const isCi = ["true", "1"].includes((process.env.CI ?? "").toLowerCase());

export const MISSING_CHROMIUM =
  "chromium is not on the PATH (nor in CHROMIUM_PATH). " +
  "Install it with `apt-get install -y chromium`, or point CHROMIUM_PATH at a Chromium binary.";
