// Reads every declaration file of the npm packages named in a list (a JSON
// file of `{ "dir": package directory, "cases": lookup cases }`, written by
// `cargo xtask test`) with TypeScript's own parser, and checks that no
// catalog text became a JSDoc tag: the only block tags are the generator's
// `@see`, `@since` and `@deprecated`, `@since` is on every identifier and
// `@deprecated` on exactly those of deprecated codes, and every inline
// `{@link}` points at one of the package's own types.
//
// Usage: node jsdoc-tags.mjs PACKAGES.json
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript-5.8";

const packages = JSON.parse(readFileSync(process.argv[2], "utf8"));
assert.ok(packages.length > 0, "no package to check");

function declarationFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return declarationFiles(path);
    return /\.d\.m?ts$/.test(item.name) ? [path] : [];
  });
}

let files = 0;
for (const { dir, cases: casesPath } of packages) {
  const cases = JSON.parse(readFileSync(casesPath, "utf8"));
  const deprecated = new Set(
    cases.codes.filter((item) => item.member !== undefined && item.deprecation).map((item) => item.member),
  );
  const members = new Set(cases.codes.filter((item) => item.member !== undefined).map((item) => item.member));
  const prefix = cases.statusObject;
  for (const file of declarationFiles(dir)) {
    files += 1;
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const struckThrough = new Set();
    const dated = new Set();
    const visit = (node) => {
      for (const tag of ts.getJSDocTags(node)) {
        const name = tag.tagName.text;
        assert.ok(["see", "since", "deprecated"].includes(name), `${file}: a @${name} tag`);
        if (name === "since") {
          const owner = node.name?.getText(source);
          assert.ok(members.has(owner) && /^\d+\.\d+\.\d+$/.test(String(tag.comment)), `${file}: @since ${tag.comment} on ${owner}`);
          dated.add(owner);
        }
        if (name === "deprecated") {
          const owner = node.name?.getText(source);
          assert.ok(deprecated.has(owner), `${file}: @deprecated on ${owner}, which is not deprecated`);
          struckThrough.add(owner);
        }
      }
      for (const doc of node.jsDoc ?? []) {
        const parts = [doc.comment, ...(doc.tags ?? []).map((tag) => tag.comment)];
        for (const part of parts) {
          if (!Array.isArray(part)) continue;
          for (const link of part.filter((piece) => ts.isJSDocLink(piece) || ts.isJSDocLinkCode(piece) || ts.isJSDocLinkPlain(piece))) {
            const target = link.name?.getText(source) ?? "";
            assert.ok(target.startsWith(prefix), `${file}: {@link ${target}} is not to the package's own types`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (file.endsWith("catalog.d.ts")) {
      assert.deepEqual([...struckThrough].sort(), [...deprecated].sort(), `${file}: the deprecated identifiers`);
      assert.deepEqual([...dated].sort(), [...members].sort(), `${file}: the identifiers with @since`);
      assert.ok(members.size > 0);
    }
  }
}
console.log(`jsdoc-tags: ${files} declaration files of ${packages.length} packages carry only the generator's tags`);
