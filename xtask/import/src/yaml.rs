//! Writing one `key: value` line of the catalog the way its editors write
//! them: plain where YAML reads the text back unchanged, a `|-` block for
//! text with line breaks, double quotes otherwise. Every merged catalog is
//! loaded again before it is written, so a value that reads back differently
//! is caught there, not in the editor's hands.

/// `key: value` (and its block lines), at `indent` spaces, ending in `\n`.
pub fn field(key: &str, value: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    if value.contains('\n') {
        let inner = " ".repeat(indent + 2);
        // `|` keeps one final line break, `|-` none.
        let chomping = if value.ends_with('\n') { "|" } else { "|-" };
        let mut out = format!("{pad}{key}: {chomping}\n");
        for line in value.lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("{inner}{line}\n"));
            }
        }
        out
    } else if is_plain(value) {
        format!("{pad}{key}: {value}\n")
    } else {
        format!("{pad}{key}: {}\n", quoted(value))
    }
}

/// Whether `value` reads back as itself written plain after `key: `.
fn is_plain(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let special_start = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let looks_typed = matches!(
        value.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~"
    ) || value.parse::<f64>().is_ok();
    !special_start
        && !looks_typed
        && value.trim() == value
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value.chars().any(char::is_control)
}

/// A double-quoted YAML scalar.
fn quoted(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_style_where_it_is_needed() {
        assert_eq!(
            field("description", "It worked.", 8),
            "        description: It worked.\n"
        );
        assert_eq!(
            field("solution", "- first", 4),
            "    solution: \"- first\"\n"
        );
        assert_eq!(
            field("message", "Note: this", 4),
            "    message: \"Note: this\"\n"
        );
        assert_eq!(field("message", "true", 4), "    message: \"true\"\n");
        assert_eq!(
            field("solution", "- One.\n- Two.", 8),
            "        solution: |-\n          - One.\n          - Two.\n"
        );
        assert_eq!(
            field("solution", "- One.\n- Two.\n", 8),
            "        solution: |\n          - One.\n          - Two.\n"
        );
    }
}
