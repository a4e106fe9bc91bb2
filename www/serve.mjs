// Serves the admin form page (www/) and the package it imports (pkg/) on 127.0.0.1, no bundler.
// Usage: node www/serve.mjs [port]   (PORT env or 8080; 0 picks a free port)
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
};

export function serve(port = 8080) {
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end("bad request"); // a malformed %-escape
      return;
    }
    // The page lives at /www/ so that its relative URLs (style.css, main.js, ../pkg/index.js)
    // resolve the same here as from any static server.
    if (path === "/") {
      res.writeHead(302, { location: "/www/" }).end();
      return;
    }
    const rel = normalize(path.endsWith("/") ? `${path}index.html` : path).replace(/^[/\\]+/, "");
    const allowed = rel.startsWith(`www${sep}`) || rel.startsWith(`pkg${sep}`);
    if (!allowed || rel.includes("..")) {
      res.writeHead(404).end("not found");
      return;
    }
    try {
      const data = await readFile(root + rel);
      res.writeHead(200, { "content-type": types[extname(rel)] ?? "application/octet-stream" }).end(data);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serve(Number(process.argv[2] ?? process.env.PORT ?? 8080));
  console.log(`admin form: http://127.0.0.1:${server.address().port}/`);
}
