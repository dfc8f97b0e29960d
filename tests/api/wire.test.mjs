// The wire types' one definition (src/domain/wire.yaml) and its generator (scripts/gen-wire.mjs): the
// committed Rust is what the definition writes, a field added to the definition reaches each
// generated declaration, and the checks against Gcore's files (the OpenAPI spec, the webhook page)
// refuse a row that disagrees with them.
//   node --test tests/api/wire.test.mjs   (the checks against Gcore's files need ../shared/spec/)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const specDir = resolve(process.env.GS_SPEC ? resolve(process.env.GS_SPEC, "..") : `${repo}/../shared/spec`);
const haveSpec = existsSync(join(specDir, "gcore-streaming-openapi.yaml")) && existsSync(join(specDir, "gcore-streaming-webhooks.mdx"));
const FILES = [
  "src/domain/model/resources.rs",
  "src/domain/webhook/event/entities.rs",
  "src/domain/webhook/tracker/types.rs",
  "src/domain/webhook/action_types.rs",
];
const definition = readFileSync(join(repo, "src/domain/wire.yaml"), "utf8");

/** Runs the generator on `yaml` into a fresh directory: its exit status, output and directory. */
function generate(yaml, ...args) {
  const dir = mkdtempSync(join(tmpdir(), "gs-wire-"));
  writeFileSync(join(dir, "wire.yaml"), yaml);
  const r = spawnSync(process.execPath, ["scripts/gen-wire.mjs", "--wire", join(dir, "wire.yaml"), "--out", dir, "--spec-dir", specDir, ...args], {
    cwd: repo,
    encoding: "utf8",
  });
  return { status: r.status, out: r.stdout + r.stderr, dir };
}

test("the committed declarations are what the definition writes", () => {
  const r = generate(definition);
  assert.equal(r.status, 0, r.out);
  for (const f of FILES) {
    assert.equal(readFileSync(join(r.dir, f), "utf8"), readFileSync(join(repo, f), "utf8"), `${f} is not current: run node scripts/gen-wire.mjs`);
  }
});

test("a field added to the definition reaches each kind of declaration", () => {
  /** `yaml` with `row` first among the fields of `struct`. */
  const add = (yaml, struct, row) => {
    const at = new RegExp(`(  - struct: ${struct}\n(?:.*\n)*?    fields:\n)`);
    assert.match(yaml, at);
    return yaml.replace(at, `$1${row}`);
  };
  let y = definition;
  y = add(y, "Stream", "      - probe_a: Option<String>\n        doc: Added A.\n");
  y = add(y, "StreamWebhook", "      - probe_b: Option<bool> = Bool\n        doc: Added B.\n");
  y = add(y, "TrackedStream", "      - probe_c: Option<u64> => U64\n        doc: Added C.\n");
  y = add(y, "Action", "      - probe_d: Option<u8>\n        doc: Added D.\n");
  const r = generate(y);
  assert.equal(r.status, 0, r.out);
  const text = (f) => readFileSync(join(r.dir, f), "utf8");
  assert.match(text(FILES[0]), /    pub struct Stream \{\n        \/\/\/ Added A\.\n        pub probe_a: Option<String>,\n/);
  assert.match(text(FILES[1]), /STREAM_DECLS \{\n        \/\/\/ Added B\.\n        probe_b: Option<bool> = Bool,\n/);
  assert.match(text(FILES[2]), /pub struct TrackedStream \{\n        \/\/\/ Added C\.\n        probe_c: Option<u64> => U64,\n/);
  assert.match(text(FILES[3]), /pub struct Action \{\n    \/\/\/ Added D\.\n    pub probe_d: Option<u8>,\n/);
});

test("a row the spec or the webhook page disagrees with is refused", { skip: !haveSpec && "Gcore's files are not at ../shared/spec/" }, () => {
  // A model field of another JSON type than the spec's.
  let r = generate(definition.replace("      - live: Option<bool>\n", "      - live: Option<String>\n"), "--check-only");
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /Stream\.live: the spec says boolean, the row reads Option<String>/);
  // A field the spec says may be null, without `| null`.
  r = generate(definition.replace("      - srt_passphrase: Option<String> | null\n", "      - srt_passphrase: Option<String>\n"), "--check-only");
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /stream_settings\.srt_passphrase: the spec says it may be null/);
  // An entity without a field the webhook page lists.
  r = generate(definition.replace(/      - slug: Option<String> = Str\n        doc: .*\n/, ""), "--check-only");
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /VideoWebhook: the webhook page lists `slug`/);
  // The definition as committed agrees with both.
  r = generate(definition, "--check-only");
  assert.equal(r.status, 0, r.out);
});
