import { readFile } from "node:fs/promises";
import { createServer } from "node:http";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

/**
 * Serves the .html and .json files at the top of `dir` on 127.0.0.1, nothing else;
 * `/` is index.html. Files are read per request, so a rebuild shows on reload.
 * @param {string} dir
 * @param {{ port?: number }} [options] port 0 picks a free one
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveDirectory(dir, { port = 0 } = {}) {
  const server = createServer(async (request, response) => {
    const name = fileName(request.url ?? "/");
    const type = name && CONTENT_TYPES[/** @type {keyof CONTENT_TYPES} */ (extensionOf(name))];

    if (request.method !== "GET" && request.method !== "HEAD") {
      return send(response, 405, "text/plain", "Only GET and HEAD.\n");
    }
    try {
      if (!name || !type) throw new Error("not served");
      const body = await readFile(`${dir}/${name}`);
      send(response, 200, type, request.method === "HEAD" ? "" : body);
    } catch {
      send(response, 404, "text/plain", "Not found. (Not built yet? Run pnpm run docs.)\n");
    }
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(undefined));
  });
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());

  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The file a URL asks for, or undefined: one plain name, never a path into another folder.
 * @param {string} url
 */
function fileName(url) {
  let name;
  try {
    const path = new URL(url, "http://127.0.0.1").pathname;
    name = path === "/" ? "index.html" : decodeURIComponent(path.slice(1));
  } catch {
    // A malformed URL or escape names no file here; it must not stop the server.
    return undefined;
  }

  return /^[\w.-]+$/.test(name) && !name.startsWith(".") ? name : undefined;
}

/** @param {string} name */
function extensionOf(name) {
  return name.slice(name.lastIndexOf("."));
}

/**
 * @param {import("node:http").ServerResponse} response
 * @param {number} status
 * @param {string} type
 * @param {string | Buffer} body
 */
function send(response, status, type, body) {
  response.writeHead(status, {
    "Content-Type": type,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  response.end(body);
}
