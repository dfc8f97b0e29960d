// A real TUS server for the upload tests: @tus/server with its file store, on 127.0.0.1, checking the
// metadata Gcore's upload servers require (token, video_id). `dropPatch(nth, after)` makes the nth
// PATCH from now lose its connection after `after` bytes (the socket is destroyed), as a flaky network
// would.
import http from "node:http";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Server } from "@tus/server";
import { FileStore } from "@tus/file-store";

export async function startTusServer({ token = "good-token", videoId = 17 } = {}) {
  const directory = mkdtempSync(join(tmpdir(), "gs-tus-"));
  const log = [];
  let drop = null;
  const tus = new Server({
    path: "/upload",
    datastore: new FileStore({ directory }),
    async onUploadCreate(_req, upload) {
      if (upload.metadata?.token !== token) throw { status_code: 403, body: "invalid upload token\n" };
      if (upload.metadata?.video_id !== String(videoId)) throw { status_code: 400, body: "wrong video_id\n" };
      return {};
    },
  });
  let patchDelayMs = 0;
  const server = http.createServer(async (req, res) => {
    log.push({ method: req.method, url: req.url, offset: req.headers["upload-offset"] ?? null });
    if (req.method === "PATCH" && patchDelayMs) await new Promise((r) => setTimeout(r, patchDelayMs));
    if (req.method === "PATCH" && drop !== null && --drop.nth === 0) {
      const limit = drop.after;
      drop = null;
      let seen = 0;
      req.on("data", (chunk) => {
        seen += chunk.length;
        if (seen >= limit) req.socket.destroy();
      });
    }
    tus.handle(req, res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    endpoint: `http://127.0.0.1:${port}/upload/`,
    log,
    /** Answers every PATCH this much later (a slow upload, to interrupt one half-way). */
    slowPatches(ms) {
      patchDelayMs = ms;
    },
    dropPatch(nth, after) {
      drop = { nth, after };
    },
    /** The bytes of every finished or partial upload, by upload id. */
    files() {
      const out = {};
      for (const f of readdirSync(directory)) if (!f.endsWith(".json")) out[f] = readFileSync(join(directory, f));
      return out;
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => (rmSync(directory, { recursive: true, force: true }), resolve())));
    },
  };
}
