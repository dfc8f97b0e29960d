// The server of the client and load benchmarks, on 127.0.0.1 only: the sandbox server binary
// (gcore-streaming-sandbox), built if needed.
import { spawn, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { ROOT } from "./lib.mjs";

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(500) });
      await r.arrayBuffer();
      if (r.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Builds (cargo, release) and starts the sandbox server; `null` when it does not start. */
export async function startSandbox({ build = !process.env.GS_BENCH_NO_BUILD, log = () => {} } = {}) {
  const bin = join(ROOT, "target/release/gcore-streaming-sandbox");
  if (build) {
    try {
      log("cargo build --release --bin gcore-streaming-sandbox");
      execFileSync("cargo", ["build", "--quiet", "--locked", "--release", "--bin", "gcore-streaming-sandbox"], {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "inherit"],
        timeout: 600_000,
      });
    } catch {
      log("the sandbox server did not build");
    }
  }
  if (!existsSync(bin)) return null;
  const port = await freePort();
  const child = spawn(bin, ["--listen", `127.0.0.1:${port}`], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  if (!(await waitHealthy(`${url}/_sandbox/health`, child))) {
    await stop(child);
    log(`the sandbox server did not answer: ${stderr.trim().split("\n").pop() ?? ""}`);
    return null;
  }
  return { kind: "sandbox", url, pid: child.pid, stop: () => stop(child) };
}

/** The sandbox server, started (and built); throws when it cannot run. */
export async function startServer(opts) {
  const server = await startSandbox(opts);
  if (!server) throw new Error("the sandbox server did not start (cargo build --release --bin gcore-streaming-sandbox)");
  return server;
}
