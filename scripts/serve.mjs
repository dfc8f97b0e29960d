// A small static file server for the demo and the browser tests (Node, no dependencies).
//   node scripts/serve.mjs --port 8080 --mount /=www --mount /pkg=pkg
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves `mounts` ({ "/pkg": "/abs/dir", "/": "/abs/www" }) on 127.0.0.1:`port`; resolves to the server. */
export function serve({ port = 0, host = "127.0.0.1", mounts, log = false }) {
  const table = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix.endsWith("/") ? prefix : prefix + "/", resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith("/")) path += "index.html";
    const hit = table.find(([prefix]) => path.startsWith(prefix) || path + "/" === prefix);
    let status = 404;
    if (hit) {
      const [prefix, dir] = hit;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (file.startsWith(dir)) {
        try {
          const info = await stat(file);
          const target = info.isDirectory() ? join(file, "index.html") : file;
          const body = await readFile(target);
          status = 200;
          res.writeHead(200, {
            "content-type": TYPES[extname(target)] ?? "application/octet-stream",
            "cache-control": "no-store",
            "access-control-allow-origin": "*",
          });
          res.end(body);
        } catch {
          status = 404;
        }
      }
    }
    if (status === 404) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
    if (log) console.error(`${req.method} ${url.pathname} ${status}`);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let port = 8080;
  const mounts = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--port") port = Number(args[++i]);
    else if (args[i] === "--mount") {
      const [prefix, dir] = args[++i].split("=");
      mounts[prefix] = dir;
    }
  }
  const server = await serve({ port, mounts, log: true });
  const { port: bound } = server.address();
  console.log(`Serving on http://127.0.0.1:${bound}/`);
}
