// Bundles two consumers of the packed npm package with esbuild, as a front
// end would, and checks what each carries:
//   - one that imports only `fromCode` carries no description or solution
//     text of any language;
//   - one that imports only the `/<tag>` subpath of a language carries every
//     text of that language and none of the others'.
// Prints the size of each bundle (minified, and gzipped).
//
// Usage: node bundle-test.mjs <project with the package installed> <lookup cases>
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const [project, casesPath] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesPath, "utf8"));
const pkg = cases.package;

/** The longest piece of `text` that a bundle must contain verbatim where it holds the text. */
function probe(text) {
  const pieces = text.split(/["'`\\\n\r\t$]/);
  const longest = pieces.reduce((a, b) => (b.length > a.length ? b : a), "");
  return longest.length >= 6 ? longest : undefined;
}

const names = new Set();
for (const item of cases.codes) {
  for (const name of [item.message, item.id, item.member, ...(item.aliases ?? [])]) {
    if (name) names.add(name);
  }
}
const textsOf = (tag) =>
  cases.texts
    .filter((item) => item.lang === tag)
    .flatMap((item) => [item.description, item.solution])
    .filter((text) => typeof text === "string");

async function bundle(name, source) {
  const entry = join(project, `${name}.mjs`);
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    charset: "utf8",
    write: false,
    absWorkingDir: project,
  });
  const code = result.outputFiles[0].text;
  console.log(`bundle ${name}: ${code.length} bytes minified, ${gzipSync(code).length} gzipped`);
  return code;
}

const onlyFromCode = await bundle(
  "only-from-code",
  `import { fromCode } from "${pkg}";\nconsole.log(fromCode(Number(globalThis.code)));\n`,
);
let checked = 0;
for (const tag of cases.languages) {
  for (const text of textsOf(tag)) {
    const piece = probe(text);
    if (piece === undefined || [...names].some((name) => name.includes(piece))) continue;
    assert.ok(!onlyFromCode.includes(piece), `the fromCode bundle carries a ${tag} text: ${piece}`);
    checked += 1;
  }
}
assert.ok(checked > 0, "no text was distinctive enough to look for");
const someMessage = cases.codes.find((item) => item.message)?.message;
assert.ok(onlyFromCode.includes(someMessage), "the fromCode bundle lacks the messages it looks up");

for (const tag of cases.languages) {
  const code = await bundle(
    `only-${tag}`,
    `import { description, solution } from "${pkg}/${tag}";\nconsole.log(description(433), solution(433));\n`,
  );
  const own = textsOf(tag);
  for (const text of own) {
    const piece = probe(text);
    if (piece !== undefined) assert.ok(code.includes(piece), `the ${tag} bundle lacks its text: ${piece}`);
  }
  for (const other of cases.languages.filter((lang) => lang !== tag)) {
    for (const text of textsOf(other)) {
      const piece = probe(text);
      if (piece === undefined || own.some((mine) => mine.includes(piece))) continue;
      assert.ok(!code.includes(piece), `the ${tag} bundle carries a ${other} text: ${piece}`);
    }
  }
}
console.log("bundles: each carries only the texts it imports");
