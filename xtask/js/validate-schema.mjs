// Validates YAML catalogs against the generated JSON Schema, as an editor's
// YAML language server would: `cargo xtask test` passes the schema, the
// catalogs that must be accepted and those that must be rejected.
//
//   node validate-schema.mjs SCHEMA --valid A.yaml ... --invalid B.yaml ...
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import YAML from "yaml";

const [schemaPath, ...rest] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const ajv = new Ajv({ allErrors: true, strict: true });
// schemars describes integer widths with formats; the bounds are in the
// schema as minimum/maximum, so the formats themselves check nothing more.
for (const format of ["uint16", "uint32"]) ajv.addFormat(format, true);
const validate = ajv.compile(schema);

let expectValid = true;
let failures = 0;
for (const argument of rest) {
  if (argument === "--valid" || argument === "--invalid") {
    expectValid = argument === "--valid";
    continue;
  }
  // A duplicate key is a YAML error before it is a schema one: the editor's
  // YAML server underlines it, so it counts as rejected.
  let document;
  try {
    document = YAML.parse(readFileSync(argument, "utf8"));
  } catch (error) {
    if (expectValid) {
      failures += 1;
      console.error(`${argument}: expected valid, but it is not YAML: ${error.message}`);
    }
    continue;
  }
  const valid = validate(document);
  if (valid !== expectValid) {
    failures += 1;
    const detail = valid ? "the schema accepts it" : ajv.errorsText(validate.errors);
    console.error(`${argument}: expected ${expectValid ? "valid" : "invalid"}, but ${detail}`);
  }
}
if (failures > 0) process.exit(1);
console.log(`validate-schema: ${rest.filter((a) => !a.startsWith("--")).length} files as expected`);
