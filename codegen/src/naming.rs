//! The names generated code gives a catalog identifier, in one place, so that
//! validation checks exactly the names the renderers will write.

use heck::ToUpperCamelCase;

/// A generated name and the language it must be valid in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedName {
    pub language: TargetLanguage,
    pub what: &'static str,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TargetLanguage {
    Rust,
    TypeScript,
}

impl TargetLanguage {
    pub fn label(self) -> &'static str {
        match self {
            TargetLanguage::Rust => "Rust",
            TargetLanguage::TypeScript => "TypeScript",
        }
    }

    pub fn is_keyword(self, name: &str) -> bool {
        match self {
            TargetLanguage::Rust => RUST_KEYWORDS.contains(&name),
            TargetLanguage::TypeScript => TYPESCRIPT_RESERVED.contains(&name),
        }
    }
}

/// Enum variant of an entry in the Rust crate (`TimeLimitReached`).
pub fn rust_variant(id: &str) -> String {
    id.to_upper_camel_case()
}

/// Name of an entry in the TypeScript definitions (`TimeLimitReached`).
pub fn typescript_member(id: &str) -> String {
    id.to_upper_camel_case()
}

/// Variant of a language in the Rust crate's `Lang` enum (`zh-hant` → `ZhHant`).
pub fn rust_language_variant(tag: &str) -> String {
    tag.to_upper_camel_case()
}

/// Every name an entry's `id` becomes in generated code.
pub fn entry_names(id: &str) -> Vec<GeneratedName> {
    vec![
        GeneratedName {
            language: TargetLanguage::Rust,
            what: "enum variant",
            name: rust_variant(id),
        },
        GeneratedName {
            language: TargetLanguage::TypeScript,
            what: "member",
            name: typescript_member(id),
        },
    ]
}

/// The status enum of the Rust crate and the prefix of the TypeScript
/// types (`InvokeStatus`).
pub fn status_type(type_name: &str) -> String {
    type_name.to_upper_camel_case()
}

/// The open code type of the Rust crate and the union of codes in
/// TypeScript (`InvokeStatusCode`).
pub fn code_type(type_name: &str) -> String {
    format!("{}Code", status_type(type_name))
}

/// Every name the catalog's `type_name` becomes in generated code.
pub fn type_names(type_name: &str) -> Vec<GeneratedName> {
    let status = status_type(type_name);
    let mut names = vec![
        GeneratedName {
            language: TargetLanguage::Rust,
            what: "type",
            name: status.clone(),
        },
        GeneratedName {
            language: TargetLanguage::Rust,
            what: "code type",
            name: code_type(type_name),
        },
    ];
    names.extend(
        TYPESCRIPT_TYPE_SUFFIXES
            .iter()
            .map(|(suffix, what)| GeneratedName {
                language: TargetLanguage::TypeScript,
                what,
                name: format!("{status}{suffix}"),
            }),
    );
    names
}

/// The TypeScript types named after `type_name`: `{type_name}{suffix}`.
const TYPESCRIPT_TYPE_SUFFIXES: &[(&str, &str)] = &[
    ("", "runtime object and code type"),
    ("Catalog", "catalog interface"),
    ("Ids", "identifier interface"),
    ("Code", "code type"),
    ("Id", "identifier type"),
    ("Message", "message type"),
    ("AcceptedMessage", "accepted-message type"),
    ("Messages", "message map"),
    ("SharedMessages", "shared-message map"),
    ("Entry", "entry type"),
    ("Pair", "pair type"),
    ("AnyCode", "open code type"),
    ("Info", "lookup result type"),
    ("Retired", "retired-code type"),
];

/// Names the outputs declare, or use unqualified, whatever the catalog
/// says: a name from [`type_names`] must be none of them.
pub fn fixed_names(language: TargetLanguage) -> &'static [&'static str] {
    match language {
        TargetLanguage::Rust => RUST_FIXED_NAMES,
        TargetLanguage::TypeScript => TYPESCRIPT_FIXED_NAMES,
    }
}

/// The generated crate's own top-level items and the prelude and imported
/// names it uses unqualified (UpperCamelCase ones: a `type_name` can only
/// be such a name).
const RUST_FIXED_NAMES: &[&str] = &[
    // Declared by the crate.
    "Lang",
    "UnknownStatusCode",
    "UnknownStatusMessage",
    "RetiredStatus",
    "Actor",
    "Retry",
    "Deprecation",
    "DocsUrl",
    // Imported, or from the prelude, and used unqualified.
    "FromStr",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "From",
    "Into",
    "TryFrom",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Clone",
    "Copy",
    "Hash",
    "Debug",
    "Sized",
    "Send",
    "Sync",
    "Iterator",
];

/// The names the npm package declares that do not come from `type_name`:
/// types, and the runtime's values.
const TYPESCRIPT_FIXED_NAMES: &[&str] = &[
    "Lang",
    "MessageOf",
    "CodeOf",
    "CodeById",
    "Translated",
    "languages",
    "fromCode",
    "fromMessage",
    "isKnownCode",
    "isLang",
    "retired",
    "lang",
    "description",
    "solution",
    "descriptionOrFallback",
    "solutionOrFallback",
    "Actor",
    "Retry",
    "RetryOf",
    "WhoActsOf",
    "whoActs",
    "retry",
    "isRetryable",
    "since",
    "deprecation",
    "docsUrl",
];

/// The subpath of the npm package that falls back across languages. Every
/// language's tag is a subpath of the package too, so no tag may be this.
pub const NPM_TEXTS_SUBPATH: &str = "texts";

/// Crates every Rust program can name (the sysroot's), and the generated
/// crate's own dependency: a package of one of these names could not be
/// told apart from it (Cargo passes both to doctests).
pub const RESERVED_CRATE_NAMES: &[&str] = &["std", "core", "alloc", "proc_macro", "test", "serde"];

/// Strict, reserved and weak keywords of Rust 2024, and `Self`.
const RUST_KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Reserved words of TypeScript (strict mode) and the names of its built-in
/// types, which a type alias cannot take.
const TYPESCRIPT_RESERVED: &[&str] = &[
    "any",
    "as",
    "bigint",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "never",
    "new",
    "null",
    "number",
    "object",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unique",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
];
