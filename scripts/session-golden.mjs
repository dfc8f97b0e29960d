// Writes tests/js/session-golden.mjs: the LiveSession traces of tests/js/cases/session.mjs, as the
// built package (pkg/, `make pkg`) gives them. Run it only for a change meant to alter them, and
// review the diff.
import { writeFileSync } from "node:fs";
import * as main from "../pkg/main.node.js";
import { scenarios, trace } from "../tests/js/cases/session.mjs";

const out = {};
for (const name of Object.keys(scenarios)) out[name] = await trace(main, name);
const file = new URL("../tests/js/session-golden.mjs", import.meta.url);
writeFileSync(
  file,
  "// LiveSession's golden traces for tests/js/cases/session.mjs, written by scripts/session-golden.mjs.\n" +
    `export default ${JSON.stringify(out, null, 1)};\n`,
);
console.log(`wrote ${file.pathname}: ${Object.keys(out).length} scenarios`);
