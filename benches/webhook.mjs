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

  // Where parseWebhook's time goes (each part measured on its own, same mix):
  //   call: an empty round trip into wasm that returns a short string (version());
  //   string_in: UTF-8 encoding of the body into a buffer (what passing a string into wasm does);
  //   bytes_in: parseWebhook given a Uint8Array instead of a string;
  //   object_out: JSON.parse of the event's JSON text (how the result becomes a JS object);
  //   rust: the rest (serde_json parse + validation + serialization + glue), by difference.
  const enc = new TextEncoder();
  const buf = new Uint8Array(64 * 1024);
  const u8 = bodies.map((b) => enc.encode(b));
  const outTexts = bodies.map((b) => JSON.stringify(parseWebhook(b)));
  const split = interleaved(
    {
      parseWebhook_string: (items, n) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += parseWebhook(items[i & mask]).type.length;
        return s;
      },
      parseWebhook_bytes: (_, n) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += parseWebhook(u8[i & mask]).type.length;
        return s;
      },
      call: (_, n) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += version().length;
        return s;
      },
      string_in: (items, n) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += enc.encodeInto(items[i & mask], buf).written;
        return s;
      },
      object_out: (_, n) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += JSON.parse(outTexts[i & mask]).type.length;
        return s;
      },
    },
    { items: bodies, n: quick ? 30_000 : 100_000, rounds: quick ? 3 : 5 },
  );
  const t = (k) => split[k].ns_per_item;
  const parts = {
    total_ns: t("parseWebhook_string"),
    call_ns: t("call"),
    string_in_ns: t("string_in"),
    object_out_ns: t("object_out"),
    bytes_input_total_ns: t("parseWebhook_bytes"),
  };
  parts.rust_and_glue_ns = parts.total_ns - parts.call_ns - parts.string_in_ns - parts.object_out_ns;

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
