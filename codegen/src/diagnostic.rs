//! Problems found in a catalog, and how they are shown to its editor.
//!
//! Every problem is reported as `PATH:LINE:COL: message`, the form editors and
//! CI logs turn into links, followed by the offending line with the value
//! underlined.

use std::fmt::Write as _;

use crate::catalog::Pos;

/// One problem in the catalog file: an error (the catalog is refused) or a
/// warning (reported, nothing refused).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub at: Pos,
    pub message: String,
    /// Further lines: where a clashing value was first defined, how to fix it.
    pub notes: Vec<String>,
    warning: bool,
}

impl Diagnostic {
    pub fn new(at: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            at,
            message: message.into(),
            notes: Vec::new(),
            warning: false,
        }
    }

    /// The same finding, reported as a warning.
    pub fn into_warning(mut self) -> Self {
        self.warning = true;
        self
    }

    pub fn is_warning(&self) -> bool {
        self.warning
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// `catalog.yaml:12:11: duplicate code 433` (or `…: warning: …`), the
    /// line, and an underline.
    pub fn render(&self, path: &str, source: &str) -> String {
        let line = self
            .at
            .line
            .checked_sub(1)
            .and_then(|index| source.lines().nth(index as usize));
        self.render_at(path, line)
    }

    /// [`Diagnostic::render`], given the line it points into.
    fn render_at(&self, path: &str, line: Option<&str>) -> String {
        let kind = if self.warning { "warning: " } else { "" };
        let mut out = format!("{path}:{}: {kind}{}\n", self.at, self.message);
        if let Some(line) = line.map(clean_line) {
            let number = self.at.line.to_string();
            let gutter = " ".repeat(number.len());
            let line = line.replace('\t', " ");
            let skip = self.at.column.saturating_sub(1) as usize;
            let available = line.chars().count().saturating_sub(skip);
            let width = (self.at.len as usize).clamp(1, available.max(1));
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{number} | {line}");
            let _ = writeln!(out, "{gutter} | {}{}", " ".repeat(skip), "^".repeat(width));
        }
        for note in &self.notes {
            let _ = writeln!(out, "  = {note}");
        }
        out
    }
}

/// Renders every diagnostic, in file order. The source's lines are found
/// once: looked up from the start for each of thousands of warnings, they
/// made `check` of a 10,000-entry catalog take 10 s.
pub fn render_all(diagnostics: &[Diagnostic], path: &str, source: &str) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|diagnostic| diagnostic.at);
    let lines: Vec<&str> = source.lines().collect();
    sorted
        .iter()
        .map(|diagnostic| {
            let line = (diagnostic.at.line.checked_sub(1))
                .and_then(|index| lines.get(index as usize).copied());
            diagnostic.render_at(path, line)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A source line as shown: without a byte order mark or a carriage return.
fn clean_line(line: &str) -> &str {
    line.trim_start_matches('\u{feff}').trim_end_matches('\r')
}
