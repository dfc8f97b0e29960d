// Webhook throughput: parseWebhook (raw string → validated event) against JSON.parse + zod and bare
// JSON.parse, interleaved in one process; plus where parseWebhook's time goes.
//   node benches/webhook.mjs [--quick]
import { isDeepStrictEqual } from "node:util";
import { loadEntry, interleaved, dropNulls } from "./lib.mjs";
import { webhookMix, mixStats, INVALID, VALID_EDGE } from "./payloads.mjs";
import { zodParseWebhook } from "./zod-webhook.mjs";

/** Checks (untimed) that the zod baseline applies the same rules: same results, same rejections. */
export function checkSameRules(parseWebhook) {
  const problems = [];
  for (const b of [...new Set(webhookMix(256)), ...VALID_EDGE]) {
    if (!isDeepStrictEqual(parseWebhook(b), dropNulls(zodParseWebhook(b)))) problems.push(`differs: ${b}`);
  }
  for (const b of INVALID) {
    let ours = true;
    let theirs = true;
    try {
      parseWebhook(b);
    } catch {
      ours = false;
    }
    try {
      zodParseWebhook(b);
    } catch {
      theirs = false;
    }
    if (ours || theirs) problems.push(`accepted (ours ${ours}, zod ${theirs}): ${b}`);
  }
  return problems;
}

export async function run({ quick = false, entry = "webhook" } = {}) {
  const { parseWebhook, version } = await loadEntry(entry);
  const bodies = webhookMix(4096);
  const n = quick ? 50_000 : 200_000;
  const rounds = quick ? 3 : 7;
  const problems = checkSameRules(parseWebhook);
  if (problems.length) throw new Error(`the zod baseline does not apply the same rules:\n${problems.join("\n")}`);

  const len = bodies.length;
  const mask = len - 1; // 4096: a power of two
  const main = interleaved(
    {
      parseWebhook: (items, n) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += parseWebhook(items[i & mask]).type.length;
        return s;
      },
      json_parse_zod: (items, n) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += zodParseWebhook(items[i & mask]).type.length;
        return s;
      },
      json_parse: (items, n) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += JSON.parse(items[i & mask]).type.length;
        return s;
      },
    },
    { items: bodies, n, rounds },
  );

  // Where parseWebhook's time goes (its fast path, pkg-template/fast.js; each part measured on its own,
  // same mix, interleaved):
  //   string_in: the body's UTF-8 written into wasm memory (`encodeInto`, as the fast path does);
  //   validate: the wasm call that validates it and writes the entity tape (`__gsParse`), by
  //     difference with string_in;
  //   build: making the event's object from the tape and slices of the body, by difference with the
  //     total;
  //   json_parse: bare JSON.parse of the same bodies, for scale.
  const mod = await loadEntry(entry);
  const enc = new TextEncoder();
  // The fast path's own input buffer (already 4 KiB: parseWebhook ran above), not grown here: a larger
  // size would move it under the fast path's cached address.
  const ptr = mod.__gsInput(4096);
  const scratch = () => new Uint8Array(mod.__gsMemory().buffer, ptr, 4096);
  let view = scratch();
  const split = interleaved(
    {
      total: (items, n) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += parseWebhook(items[i & mask]).type.length;
        return s;
      },
      string_in: (items, n) => {
        let s = 0;
        if (view.byteLength === 0) view = scratch(); // the memory grew
        for (let i = 0; i < n; i++) s += enc.encodeInto(items[i & mask], view).written;
        return s;
      },
      string_in_validate: (items, n) => {
        let s = 0;
        if (view.byteLength === 0) view = scratch();
        for (let i = 0; i < n; i++) s += mod.__gsParse(enc.encodeInto(items[i & mask], view).written) & 7;
        return s;
      },
      json_parse: (items, n) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += JSON.parse(items[i & mask]).type.length;
        return s;
      },
    },
    { items: bodies, n: quick ? 30_000 : 100_000, rounds: quick ? 3 : 5 },
  );
  const t = (k) => split[k].ns_per_item;
  const parts = {
    total_ns: t("total"),
    string_in_ns: t("string_in"),
    validate_ns: t("string_in_validate") - t("string_in"),
    build_ns: t("total") - t("string_in_validate"),
    json_parse_ns: t("json_parse"),
  };

  const ours = main.parseWebhook.per_s;
  return {
    entry,
    mix: mixStats(bodies),
    events_per_round: n,
    rounds,
    per_s: {
      parseWebhook: ours,
      json_parse_zod: main.json_parse_zod.per_s,
      json_parse: main.json_parse.per_s,
    },
    ns_per_event: {
      parseWebhook: main.parseWebhook.ns_per_item,
      json_parse_zod: main.json_parse_zod.ns_per_item,
      json_parse: main.json_parse.ns_per_item,
    },
    ratio_vs_zod: ours / main.json_parse_zod.per_s,
    ratio_vs_json_parse: ours / main.json_parse.per_s,
    split: parts,
    rounds_ns: Object.fromEntries(Object.entries(main).filter(([k]) => k !== "_sink").map(([k, v]) => [k, v.rounds_ns])),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run({ quick: process.argv.includes("--quick") }), null, 2));
}
