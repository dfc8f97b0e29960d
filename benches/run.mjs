// `make bench`: sizes, start-up, webhook and tracker throughput, client overhead and sandbox server
// load, each against its baseline in the same run. Prints one table and writes target/bench.json.
//   node benches/run.mjs [--quick] [--only size,startup,webhook,tracker,client,client_browser,sandbox]
// Each section runs in a fresh Node process. Nothing here asserts a timing: targets are reported as
// met or missed, and the exit code is 0 unless a section fails to run.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
import os from "node:os";
import { join } from "node:path";
import { ROOT, PKG, machine } from "./lib.mjs";
import { sizes, glueOf, TARGETS_GZIP } from "../scripts/sizes.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const onlyArg = args.find((a) => a.startsWith("--only"));
const only = onlyArg
  ? new Set((onlyArg.includes("=") ? onlyArg.split("=")[1] : args[args.indexOf(onlyArg) + 1]).split(","))
  : null;
const want = (s) => !only || only.has(s);
const log = (m) => console.error(`[bench] ${m}`);

function section(file, extra = []) {
  log(`${file}${quick ? " (quick)" : ""}`);
  const out = execFileSync(process.execPath, [join(ROOT, "benches", file), ...(quick ? ["--quick"] : []), ...extra], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 900_000,
    env: { ...process.env, GS_BENCH_NO_BUILD: "1" },
  });
  return JSON.parse(out);
}

const result = { machine: { ...machine(), loadavg_start: os.loadavg().map((x) => +x.toFixed(2)) }, quick };
const errors = [];
const attempt = (name, fn) => {
  if (!want(name)) return;
  try {
    result[name === "sandbox" ? "sandbox_server" : name] = fn();
  } catch (e) {
    errors.push(`${name}: ${e.message}`);
    log(`${name} failed: ${e.message}`);
  }
};

attempt("size", () => {
  const s = sizes(PKG);
  const entries = {};
  for (const [entry, v] of Object.entries(s)) {
    const glue = glueOf(PKG, entry);
    const glueBrotli = brotliCompressSync(glue, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    entries[entry] = { ...v, glue_brotli: glueBrotli, total_brotli: v.wasm_brotli + glueBrotli };
  }
  return {
    webhook_gzip: s.webhook.total_gzip,
    main_gzip: s.main.total_gzip,
    sandbox_gzip: s.sandbox.total_gzip,
    budgets_gzip: TARGETS_GZIP,
    note: "*_gzip = wasm + JS glue, each gzip -9 (what scripts/sizes.mjs checks against the budgets)",
    entries,
  };
});

if (want("client") || want("client_browser") || want("sandbox")) {
  // Built once here; the sections start their own server from the binary.
  try {
    log("cargo build --release --bin gcore-streaming-sandbox");
    execFileSync("cargo", ["build", "--quiet", "--locked", "--release", "--bin", "gcore-streaming-sandbox"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      timeout: 900_000,
    });
  } catch {
    log("the sandbox server did not build: the client and sandbox sections will fail");
  }
}

attempt("startup", () => section("startup.mjs"));
attempt("webhook", () => section("webhook.mjs"));
attempt("tracker", () => section("tracker.mjs"));
attempt("client", () => section("client.mjs"));
attempt("client_browser", () => section("client-browser.mjs"));
attempt("sandbox", () => section("sandbox-load.mjs"));
result.machine.loadavg_end = os.loadavg().map((x) => +x.toFixed(2));

// ------------------------------------------------------------------ the table
const KiB = (b) => `${(b / 1024).toFixed(1)} KiB`;
const k = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(1)} k/s`);
const x2 = (r) => `${r.toFixed(2)}x`;
const rows = [];
const row = (area, metric, ours, baseline, ratio, target, met) =>
  rows.push([area, metric, ours, baseline, ratio, target, met === undefined ? "" : met ? "met" : "MISSED"]);
const targets = {};
const judge = (key, value, ok, text) => {
  targets[key] = { value, target: text, met: ok };
  return ok;
};

if (result.size) {
  for (const [e, v] of Object.entries(result.size.entries)) {
    const budget = TARGETS_GZIP[e];
    const met = budget === undefined ? undefined : judge(`size.${e}_gzip`, v.total_gzip, v.total_gzip <= budget, `<= ${budget}`);
    row(
      "size",
      `${e}: wasm ${KiB(v.wasm)} raw, ${KiB(v.wasm_gzip)} gz, ${KiB(v.wasm_brotli)} br; glue ${KiB(v.glue)} raw, ${KiB(v.glue_gzip)} gz`,
      `${KiB(v.total_gzip)} gz`,
      "",
      "",
      budget === undefined ? "" : `<= ${KiB(budget)} gz`,
      met,
    );
  }
}
if (result.startup) {
  for (const e of ["webhook", "main", "sandbox"]) {
    const s = result.startup[e];
    row("start-up", `${e}: compile + instantiate (cold import)`, `${s.compile_instantiate_ms.toFixed(2)} ms`, `(${s.cold_import_ms.toFixed(1)} ms)`, "", "", undefined);
  }
}
if (result.webhook) {
  const w = result.webhook;
  const m1 = judge("webhook.ratio_vs_zod", w.ratio_vs_zod, w.ratio_vs_zod >= 1, ">= 1.0");
  const m2 = judge("webhook.ratio_vs_json_parse", w.ratio_vs_json_parse, w.ratio_vs_json_parse >= 0.6, ">= 0.6");
  row("webhook", `parseWebhook vs JSON.parse + zod (${w.mix.mean_bytes} B mix)`, k(w.per_s.parseWebhook), k(w.per_s.json_parse_zod), x2(w.ratio_vs_zod), ">= 1.0x", m1);
  row("webhook", "parseWebhook vs bare JSON.parse", k(w.per_s.parseWebhook), k(w.per_s.json_parse), x2(w.ratio_vs_json_parse), ">= 0.6x", m2);
  const s = w.split;
  row(
    "webhook",
    `where parseWebhook's ${s.total_ns.toFixed(0)} ns go: UTF-8 in ${s.string_in_ns.toFixed(0)}, validate + tape ${s.validate_ns.toFixed(0)}, build the object ${s.build_ns.toFixed(0)} ns (bare JSON.parse ${s.json_parse_ns.toFixed(0)} ns)`,
    "",
    "",
    "",
    "",
    undefined,
  );
}
if (result.tracker) {
  const t = result.tracker;
  // The targets: apply with SCALE_STREAMS other streams tracked >= 10x the JS reducer, at no more
  // than 1.2x an empty tracker's cost (both measured in one interleaved run: see runScale in
  // tracker.mjs); restore + apply + snapshot >= 0.95x the JS pipeline. (apply on an empty tracker
  // against the JS pipeline is reported, not judged.)
  const m2 = judge("tracker.snapshot_ratio_vs_js", t.snapshot_ratio_vs_js, t.snapshot_ratio_vs_js >= 0.95, ">= 0.95");
  row("tracker", "apply(rawBody) vs JSON.parse + zod + JS reducer", k(t.apply.wasm_per_s), k(t.apply.js_per_s), x2(t.ratio_vs_js), "", undefined);
  row("tracker", "restore + apply + snapshot per event vs JS (+ JSON state)", k(t.snapshot_restore.wasm_per_s), k(t.snapshot_restore.js_per_s), x2(t.snapshot_ratio_vs_js), ">= 0.95x", m2);
  if (t.scale) {
    const s = t.scale;
    const m3 = judge("tracker.scale_ratio_vs_js", s.ratio_vs_js, s.ratio_vs_js >= 10, ">= 10");
    const m4 = judge("tracker.scale_vs_empty", s.wasm_vs_empty, s.wasm_vs_empty <= 1.2, "<= 1.2");
    row("tracker", `apply with ${s.streams} other streams tracked vs the JS reducer`, k(1e9 / s.wasm_ns), k(1e9 / s.js_ns), x2(s.ratio_vs_js), ">= 10x", m3);
    row("tracker", `apply with ${s.streams} other streams tracked vs an empty tracker (cost, median of per-round ratios)`, k(1e9 / s.preloaded_ns), k(1e9 / s.empty_ns), x2(s.wasm_vs_empty), "<= 1.2x", m4);
  }
}
// The client's target: <= 1.05x a fetch with its own AbortController and timer (the floor of any
// request whose timeout cancels it), sequentially and at 50 in flight, in Node and in Chromium.
// (Bare fetch, without a timeout, is shown in the measure's text; it is no target.)
const clientRows = (c, where) => {
  const s = c.sequential;
  const k = c.concurrent;
  const seqOk = s.ratio_vs_fetch_with_abort_controller <= 1.05;
  const concOk = k.ratio_vs_fetch_with_abort_controller <= 1.05;
  row("client", `getStream sequential, per call${where} (bare fetch ${s.fetch_us} us)`, `${s.client_us} us`, `${s.fetch_with_abort_controller_us} us`, x2(s.ratio_vs_fetch_with_abort_controller), "<= 1.05x", seqOk);
  row("client", `getStream, ${k.in_flight} in flight${where} (bare fetch ${k.fetch_req_per_s} req/s)`, `${k.client_req_per_s} req/s`, `${k.fetch_with_abort_controller_req_per_s} req/s`, x2(k.ratio_vs_fetch_with_abort_controller), "<= 1.05x", concOk);
};
if (result.client) {
  const c = result.client;
  judge("client.overhead_ratio", c.overhead_ratio, c.overhead_ratio <= 1.05, "<= 1.05 (vs fetch + AbortController + timer)");
  clientRows(c, ` (${c.server})`);
  if (c.cpu_per_call) {
    const u = c.cpu_per_call;
    row("client", "getStream's own cost per call over an instant fetch (no network)", `${u.client_us} us`, `${u.fetch_with_abort_controller_us} us`, "", "", undefined);
  }
}
if (result.client_browser) {
  // The same target, in a browser (reported apart: `client.overhead_ratio` stays Node's figure).
  const c = result.client_browser;
  judge("client_browser.overhead_ratio", c.overhead_ratio, c.overhead_ratio <= 1.05, "<= 1.05 (vs fetch + AbortController + timer)");
  clientRows(c, `, in ${c.browser} (sandbox)`);
}
if (result.sandbox_server) {
  const s = result.sandbox_server;
  if (s.measured) {
    row("sandbox", `${s.requests} GETs, ${s.in_flight} in flight: p50 ${s.p50_ms} / p90 ${s.p90_ms} / p99 ${s.p99_ms} ms`, `${s.req_per_s} req/s`, "", "", "", undefined);
  } else {
    row("sandbox", `not measured: ${s.reason}`, "", "", "", "", undefined);
  }
}
result.targets = targets;

const head = ["area", "measure", "ours", "baseline", "ratio", "target", ""];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join(" | ").trimEnd();
const m = result.machine;
console.log(`gcore-streaming bench — Node ${m.node}, ${m.cores} x ${m.cpu}, load ${m.loadavg_start.join(" ")}${quick ? " (quick)" : ""}`);
console.log(line(head));
console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
for (const r of rows) console.log(line(r));
if (m.loadavg_start[0] > m.cores * 0.5) {
  console.log(`note: the machine was busy (load ${m.loadavg_start[0]} on ${m.cores} cores): timings are noisy`);
}

mkdirSync(join(ROOT, "target"), { recursive: true });
if (errors.length) result.errors = errors;
writeFileSync(join(ROOT, "target/bench.json"), JSON.stringify(result, null, 2) + "\n");
console.log("figures: target/bench.json");
if (errors.length) {
  console.error(`bench: ${errors.length} section(s) failed:\n  ${errors.join("\n  ")}`);
  process.exit(1);
}
