// A tiny static file server for the packaging test: serves a bundler's output directory and
// forwards /api/xaman/* to the xaman-proxy, so the bundled page has the same-origin backend a
// real dApp would have.
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/**
 * Serves `dir` on a free 127.0.0.1 port; requests under `/api/xaman/` go to `proxyOrigin`.
 * Resolves with `{ url, requests, close() }`; `requests` lists the paths asked for.
 */
export async function serveStatic(dir, { proxyOrigin } = {}) {
  const root = path.resolve(dir);
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url, "http://localhost");
    requests.push(pathname);
    if (proxyOrigin && pathname.startsWith("/api/xaman/")) {
      forward(req, res, proxyOrigin);
      return;
    }
    const file = path.join(root, decodeURIComponent(pathname === "/" ? "/index.html" : pathname));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

/** Passes the request through unchanged (Host and Origin included, so same-origin checks hold). */
function forward(req, res, origin) {
  const target = new URL(req.url, origin);
  const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  upstream.on("error", (error) => {
    res.writeHead(502, { "content-type": "text/plain" }).end(String(error));
  });
  req.pipe(upstream);
}
