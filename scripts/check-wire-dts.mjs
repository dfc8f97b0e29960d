// The TypeScript declarations of the webhook entities declare exactly the known fields of the one
// Rust definition (`ENTITIES`, `CONVERTED_FIELDS` in src/domain/webhook/event/mod.rs, as generated
// into pkg-template/wire.js). A video's fields are those of `VideoWebhook` and `VideoDeleteWebhook`
// together (`deleted_at` is declared on the deletion only, `error` on the video only).
//   node scripts/check-wire-dts.mjs <the webhook entry's .d.ts>
import { readFileSync } from "node:fs";
import { ENTITY, FIELDS, CONVERTED } from "../pkg-template/wire.js";

const dts = readFileSync(process.argv[2], "utf8");
/** The members an interface declares (index signatures aside). */
const members = (name) => {
  const m = dts.match(new RegExp(`export interface ${name} \\{([^}]*)\\}`));
  if (!m) throw new Error(`${process.argv[2]}: no interface ${name}`);
  return [...m[1].matchAll(/^\s*(\w+)\??:/gm)].map((x) => x[1]);
};
const expect = {
  StreamWebhook: [FIELDS[ENTITY.indexOf("stream")]],
  VideoWebhook: [FIELDS[ENTITY.indexOf("video")], "VideoDeleteWebhook"],
  RestreamWebhook: [FIELDS[ENTITY.indexOf("restream")]],
  BroadcastWebhook: [FIELDS[ENTITY.indexOf("broadcast")]],
  ConvertedVideoWebhook: [CONVERTED],
};
const problems = [];
for (const [name, [fields, also]] of Object.entries(expect)) {
  const declared = new Set([...members(name), ...(also ? members(also) : [])]);
  const missing = fields.filter((f) => !declared.has(f));
  const extra = [...declared].filter((f) => !fields.includes(f));
  if (missing.length || extra.length) problems.push(`${name}: missing ${missing.join(", ") || "-"}; not a known field: ${extra.join(", ") || "-"}`);
}
if (problems.length) {
  console.error(`the webhook declarations differ from the known fields:\n${problems.join("\n")}`);
  process.exit(1);
}
console.log("the webhook declarations list exactly the known fields");
