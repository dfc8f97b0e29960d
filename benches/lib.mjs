// Shared helpers of the benchmarks: timing, medians, interleaved rounds, the package loader.
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import os from "node:os";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const PKG = process.env.GS_BENCH_PKG ?? join(ROOT, "pkg");

export const now = () => process.hrtime.bigint();
export const ns = (a, b) => Number(b - a);

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Imports one entry of the built package (the Node condition: compiled and instantiated at import). */
export async function loadEntry(entry) {
  const file = join(PKG, `${entry}.node.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`make pkg\` first`);
  return import(pathToFileURL(file).href);
}

export function fixture(path) {
  return readFileSync(join(ROOT, "tests/fixtures", path), "utf8");
}

/**
 * Runs the contenders in interleaved rounds (A B C, B C A, …) after a warm-up and returns, per
 * contender, the median time per item in ns and the per-round figures.
 * Each contender is `fn(items, n) -> sink` and must process `n` items; it returns something so that
 * the work cannot be dropped.
 */
export function interleaved(contenders, { items, n, rounds = 7, warmup = 2 }) {
  const names = Object.keys(contenders);
  const perRound = Object.fromEntries(names.map((k) => [k, []]));
  let sink = 0;
  for (let w = 0; w < warmup; w++) for (const k of names) sink ^= Number(contenders[k](items, n)) | 0;
  for (let r = 0; r < rounds; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const k of order) {
      const t0 = now();
      sink ^= Number(contenders[k](items, n)) | 0;
      perRound[k].push(ns(t0, now()) / n);
    }
  }
  const out = {};
  for (const k of names) {
    const nsPerItem = median(perRound[k]);
    out[k] = { ns_per_item: nsPerItem, per_s: 1e9 / nsPerItem, rounds_ns: perRound[k].map((x) => +x.toFixed(1)) };
  }
  out._sink = sink;
  return out;
}

/** A small deterministic PRNG (mulberry32), so the payload mix is the same on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    mem_gib: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

/** Drops `null` fields recursively (the SDK reads `null` on an optional field as absent). */
export function dropNulls(v) {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v && typeof v === "object") {
    const o = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) o[k] = dropNulls(x);
    return o;
  }
  return v;
}
