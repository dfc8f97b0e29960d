// Quick timing of the webhook path (not a test; no assertions on time).
//   node benches/quick.mjs [pkgDir]        (default: pkg, built by `make pkg`)
// Prints µs/event for JSON.parse alone, parseWebhook, tracker.apply, and apply + snapshot + restore,
// over the fixtures in tests/fixtures/webhooks (raw strings, as an edge function receives them).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const pkgDir = process.argv[2] ?? "pkg";
const mod = await import(new URL(`../${pkgDir}/webhook/gcore_streaming.js`, import.meta.url));
mod.initSync({ module: readFileSync(new URL(`../${pkgDir}/gcore-streaming-webhook.wasm`, import.meta.url)) });

const dir = new URL("../tests/fixtures/webhooks/", import.meta.url).pathname;
const bodies = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => readFileSync(join(dir, f), "utf8"));
const avg = Math.round(bodies.reduce((n, b) => n + b.length, 0) / bodies.length);

function time(name, fn, rounds = 2000) {
  for (let i = 0; i < 200; i++) fn(i); // warm up
  let best = Infinity;
  for (let rep = 0; rep < 5; rep++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) fn(i);
    const us = Number(process.hrtime.bigint() - t0) / 1000 / (rounds * bodies.length);
    best = Math.min(best, us);
  }
  console.log(`${name.padEnd(34)} ${best.toFixed(3).padStart(8)} µs/event`);
  return best;
}

console.log(`${bodies.length} fixtures, ${avg} bytes on average (${pkgDir})`);
let sink = 0;
time("JSON.parse", () => {
  for (const b of bodies) sink += JSON.parse(b).type.length;
});
time("parseWebhook", () => {
  for (const b of bodies) sink += mod.parseWebhook(b).type.length;
});
time("tracker.apply (fresh tracker/round)", () => {
  const t = new mod.WebhookTracker();
  for (const b of bodies) sink += t.apply(b, 1).changes.length;
  t.free();
}, 500);
time("apply + snapshot + restore", () => {
  let snap = new mod.WebhookTracker().snapshot();
  for (const b of bodies) {
    const t = mod.WebhookTracker.restore(snap);
    sink += t.apply(b, 1).changes.length;
    snap = t.snapshot();
    t.free();
  }
}, 300);
if (sink === 42) console.log(""); // keep the work observable
