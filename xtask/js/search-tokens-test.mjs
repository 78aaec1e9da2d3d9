// The site search's tokenizer in the browser is the index's: search.js's
// `tokens` gives, for every case of the shared list, the tokens that
// codegen/src/render/search.rs's unit test expects of `tokens` there.
//
//   node search-tokens-test.mjs SEARCH_JS CASES_JSON
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";

const [searchJs, casesJson] = process.argv.slice(2);
const context = {};
context.globalThis = context;
runInNewContext(readFileSync(searchJs, "utf8"), context);
const cases = JSON.parse(readFileSync(casesJson, "utf8"));
let failures = 0;
for (const { text, tokens } of cases) {
  // Through JSON: arrays made in the script's own context compare as data.
  const got = JSON.stringify(context.statusCodeSearch.tokens(text));
  if (got !== JSON.stringify(tokens)) {
    failures += 1;
    console.error(`tokens of ${JSON.stringify(text)}: ${got}, expected ${JSON.stringify(tokens)}`);
  }
}
if (failures > 0) process.exit(1);
console.log(`search.js tokenizes all ${cases.length} cases as search.rs does`);
