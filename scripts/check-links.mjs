// Checks the relative links and anchors of every Markdown file in the repository (offline): a link to a
// file that does not exist, or to a heading (`#anchor`) the target file does not have, fails.
//   node scripts/check-links.mjs
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.md"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f && !f.includes("node_modules/") && existsSync(f));

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes; repeats get -1, -2. */
function anchors(text) {
  const seen = new Map();
  const out = new Set();
  let fence = false;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const m = !fence && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]
      .replace(/<[^>]*>/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  for (const m of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(m[1]);
  return out;
}

const cache = new Map();
const anchorsOf = (file) => {
  if (!cache.has(file)) cache.set(file, anchors(readFileSync(file, "utf8")));
  return cache.get(file);
};

const problems = [];
let checked = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  let fence = false;
  text.split("\n").forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) return;
    const plain = line.replace(/`[^`]*`/g, "");
    for (const m of plain.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\s*\[[^\]]+\]:\s*(\S+)/g)) {
      const link = m[1] ?? m[2];
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:, …
      checked++;
      const [path, anchor] = link.split("#");
      const target = path ? normalize(join(dirname(file), decodeURIComponent(path))) : file;
      const where = `${file}:${i + 1}: ${link}`;
      if (!existsSync(target)) {
        problems.push(`${where}: no such file`);
        continue;
      }
      if (anchor && statSync(target).isFile() && target.endsWith(".md") && !anchorsOf(target).has(anchor)) {
        problems.push(`${where}: no heading #${anchor} in ${target}`);
      }
    }
  });
}
if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`check-links: ${problems.length} broken of ${checked} relative links in ${files.length} files`);
  process.exit(1);
}
console.log(`check-links: ${checked} relative links in ${files.length} Markdown files resolve`);
