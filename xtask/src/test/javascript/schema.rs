//! The generated JSON Schemas applied as an editor or a service would
//! apply them, by ajv (`xtask/js/validate-schema.mjs`): the catalog's
//! schema, and the JSON data's.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::test::{Runner, corpus, read, write_file};

impl Runner {
    /// The generated JSON Schema, applied the way an editor applies it: it
    /// accepts every valid catalog of the project, and rejects every broken
    /// catalog of the corpus whose problems include one of shape (a missing
    /// or unknown field, a value of the wrong type).
    pub(in crate::test) fn catalog_schema(&self) -> Result<(), String> {
        let fixtures = self.root.join("codegen/tests/fixtures");
        let mut args = vec![
            self.root.join("generated/catalog.schema.json"),
            PathBuf::from("--valid"),
            self.root.join("catalog.yaml"),
        ];
        for valid in [
            "minimal.yaml",
            "hostile.yaml",
            "wide-codes.yaml",
            "edge-codes.yaml",
        ] {
            args.push(fixtures.join(valid));
        }
        args.extend(corpus::yaml_files(&self.root.join(corpus::ACCEPTED))?);
        args.push(PathBuf::from("--invalid"));
        let corpus = fixtures.join("broken");
        // A case of shape: the loader reports problems and still builds a
        // catalog (syntax errors build none); asked of the library, not read
        // from messages.
        let mut shape_cases = Vec::new();
        for item in fs::read_dir(&corpus)
            .map_err(|error| format!("error: {}: {error}", corpus.display()))?
        {
            let path = item
                .map_err(|error| format!("error: {}: {error}", corpus.display()))?
                .path();
            if path.extension().is_none_or(|extension| extension != "yaml") {
                continue;
            }
            let bytes =
                fs::read(&path).map_err(|error| format!("error: {}: {error}", path.display()))?;
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let (catalog, problems) = codegen::load::load(text);
            if catalog.is_some() && !problems.is_empty() {
                shape_cases.push(path);
            }
        }
        shape_cases.sort();
        if shape_cases.len() < 10 {
            return Err(format!(
                "error: only {} shape cases found in {}",
                shape_cases.len(),
                corpus.display()
            ));
        }
        args.extend(shape_cases);
        self.run(
            "catalog schema: valid catalogs accepted, shape errors of the corpus rejected",
            Command::new("node")
                .arg(self.root.join("xtask/js/validate-schema.mjs"))
                .args(&args),
        )?;
        self.data_schema()
    }

    /// The JSON data against its own generated schema: the project's file,
    /// and that of an accepted catalog with a site, advice on every axis and
    /// retired codes, are accepted, and copies of the project's broken in
    /// shape are not.
    fn data_schema(&self) -> Result<(), String> {
        let data_path = self
            .root
            .join("generated")
            .join(codegen::render::data::PATH);
        let data: serde_json::Value = serde_json::from_str(&read(&data_path)?)
            .map_err(|error| format!("error: {}: {error}", data_path.display()))?;
        let broken_dir = self.root.join("target/data-schema");
        let _ = fs::remove_dir_all(&broken_dir);
        fs::create_dir_all(&broken_dir)
            .map_err(|error| format!("error: {}: {error}", broken_dir.display()))?;
        // Each break: a field (as a JSON pointer) given a value of the wrong
        // type, or removed.
        let breaks = [
            (
                "code-as-text",
                "/entries/0/code",
                Some(serde_json::json!("200")),
            ),
            ("no-message", "/entries/0/message", None),
            (
                "description-as-number",
                "/entries/0/texts/en/description",
                Some(serde_json::json!(1)),
            ),
            ("no-entries", "/entries", None),
            (
                "code-beyond-u32",
                "/entries/0/code",
                Some(serde_json::json!(5_000_000_000u64)),
            ),
            (
                "unknown-field",
                "/entries/0/note",
                Some(serde_json::json!("extra")),
            ),
            (
                "solution-null",
                "/entries/1/texts/en/solution",
                Some(serde_json::Value::Null),
            ),
            (
                "who-acts-outside-the-vocabulary",
                "/entries/0/who_acts",
                Some(serde_json::json!("somebody")),
            ),
            (
                "retry-null",
                "/entries/0/retry",
                Some(serde_json::Value::Null),
            ),
            ("no-since", "/entries/0/since", None),
            (
                "docs-url-as-text",
                "/entries/0/docs_url",
                Some(serde_json::json!("https://example.com/")),
            ),
            ("no-retired", "/retired", None),
        ];
        // A catalog with a site, advice and retired codes, whose data has
        // every optional field.
        let with_site = self
            .root
            .join(corpus::ACCEPTED)
            .join("51-site-and-advice.yaml");
        let bytes = fs::read(&with_site)
            .map_err(|error| format!("error: {}: {error}", with_site.display()))?;
        let out = self.root.join("target/data-schema/site-and-advice");
        codegen::gen_into(&bytes, &out, codegen::render::RENDERERS)
            .map_err(|failure| format!("error: {}: {failure:?}", with_site.display()))?;
        let mut args = vec![
            self.root
                .join("generated")
                .join(codegen::render::data::SCHEMA_PATH),
            PathBuf::from("--valid"),
            data_path,
            out.join(codegen::render::data::PATH),
            PathBuf::from("--invalid"),
        ];
        for (name, pointer, value) in breaks {
            let mut broken = data.clone();
            let (parent, field) = pointer.rsplit_once('/').unwrap_or(("", pointer));
            let object = broken
                .pointer_mut(parent)
                .and_then(serde_json::Value::as_object_mut)
                .ok_or_else(|| format!("error: the data has no {parent}"))?;
            match value {
                Some(value) => object.insert(field.to_owned(), value),
                None => object.remove(field),
            };
            let path = broken_dir.join(format!("{name}.json"));
            write_file(&path, &broken.to_string())?;
            args.push(path);
        }
        self.run(
            "JSON data: valid against its schema; copies broken in shape rejected",
            Command::new("node")
                .arg(self.root.join("xtask/js/validate-schema.mjs"))
                .args(&args),
        )
    }
}
