// Fails when a declaration file uses the `any` type (comments and names do not count).
//   node scripts/check-no-any.mjs file.d.ts…
import { readFileSync } from "node:fs";
import ts from "typescript";

let found = 0;
for (const file of process.argv.slice(2)) {
  const src = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const { line, character } = src.getLineAndCharacterOfPosition(node.getStart());
      console.error(`${file}:${line + 1}:${character + 1}: 'any' in ${node.parent.getText().slice(0, 120)}`);
      found++;
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
}
if (found) process.exit(1);
