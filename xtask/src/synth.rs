//! `cargo xtask synth`: a valid catalog of N entries shaped like the real one,
//! for measuring how the tool and its outputs scale. Deterministic: the same
//! N gives the same bytes.
//!
//! Shape, per entry `i`: an English and a Chinese text, except every 7th entry
//! (no English) and every 11th (no Chinese, unless it has no English either); Markdown with a link in every
//! solution and a two-item list in every 3rd; an alias on every 13th entry;
//! every 17th entry shares the message of the entry before it; every 10th
//! says who must act and what a retry can do (cycling through their words),
//! and every 50th is deprecated. (Sparingly: at 100,000 entries the catalog
//! must stay under the parser's limit of 64 MiB.)

use std::fmt::Write as _;

use codegen::advice::{Actor, Retry, Vocabulary};

/// Codes start here and are consecutive. Up to 64,536 entries they fit in
/// `u16` (and the declared range is 1..=65535); beyond, the range grows with
/// them and the generated crate uses `u32` codes.
const FIRST_CODE: usize = 1_000;

/// The widest catalog validation accepts: its code range spans at most
/// `MAX_CODE_SPAN` codes.
const MAX_ENTRIES: usize = codegen::validate::MAX_CODE_SPAN as usize - FIRST_CODE;

pub fn catalog(entries: usize) -> Result<String, String> {
    if entries > MAX_ENTRIES {
        return Err(format!(
            "at most {MAX_ENTRIES} entries: a catalog's code range spans at most {} codes",
            codegen::validate::MAX_CODE_SPAN
        ));
    }
    let last = FIRST_CODE + entries.saturating_sub(1);
    let mut out = String::with_capacity(entries * 700 + 4_000);
    out.push_str(HEADER_BEFORE_MAX_CODE);
    let _ = writeln!(out, "  max: {}", last.max(usize::from(u16::MAX)));
    out.push_str(HEADER_AFTER_MAX_CODE);
    for i in 0..entries {
        entry(&mut out, i);
    }
    Ok(out)
}

fn entry(out: &mut String, i: usize) {
    let code = FIRST_CODE + i;
    let id = format!("Synthetic{}Status{i}", WORDS[i % WORDS.len()]);
    let message = if i % 17 == 16 {
        message_of(i - 1)
    } else {
        message_of(i)
    };
    let _ = write!(
        out,
        "  - code: {code}\n    id: {id}\n    message: {message}\n"
    );
    if i % 13 == 12 {
        let _ = writeln!(out, "    aliases: [{message}Legacy]");
    }
    if i % 10 == 9 {
        let who = Actor::ALL[i % Actor::ALL.len()];
        let retry = Retry::ALL[i % Retry::ALL.len()];
        let _ = writeln!(out, "    who_acts: {who}\n    retry: {retry}");
    }
    if i % 50 == 49 {
        out.push_str("    deprecated:\n      since: 1.0.0\n      reason: Superseded.\n");
    }
    out.push_str("    text:\n");
    let english = (i % 7 != 6).then(|| english_text(i, code));
    if let Some((description, solution)) = &english {
        let _ = writeln!(out, "      en:\n        description: {description}");
        if solution.contains('\n') {
            out.push_str("        solution: |\n");
            for line in solution.lines() {
                let _ = writeln!(out, "          {line}");
            }
        } else {
            let _ = writeln!(out, "        solution: {solution}");
        }
    }
    // Never both missing: an entry needs text in at least one language.
    if i % 11 != 10 || i % 7 == 6 {
        let _ = write!(
            out,
            "      zh:\n        description: 函数调用的第 {i} 个请求在处理过程中失败，函数代码没有执行完成。\n        solution: 请检查函数配置页中的相关设置，参考 [解决方法](https://docs.example.com/zh/{code}) 修改后重试。\n"
        );
        // Translated from the English text, and reviewed since.
        if let Some((description, solution)) = &english {
            let fingerprint = codegen::translation::fingerprint_of(description, Some(solution));
            let _ = writeln!(out, "        translated_from: en {fingerprint}");
        }
    }
}

/// Entry `i`'s English description and solution, as the catalog's parsed
/// values: every third solution is a two-item list (a block scalar, so it
/// ends with a line break).
fn english_text(i: usize, code: usize) -> (String, String) {
    let word = WORDS[(i * 7) % WORDS.len()];
    let description = format!(
        "The {word} step of the invocation failed while the platform was handling request {i}; the function code did not run to completion."
    );
    let solution = if i.is_multiple_of(3) {
        format!(
            "- Check the **{word}** settings on the function configuration page and try again.\n- If the problem persists, [submit a ticket](https://console.example.com/workorder/category?code={code}) with request {i}.\n"
        )
    } else {
        format!(
            "Check the {word} settings as described in [the {word} guide](https://docs.example.com/{code}#fix) and try again."
        )
    };
    (description, solution)
}

fn message_of(i: usize) -> String {
    format!("{}Failure{i}", WORDS[(i * 3) % WORDS.len()])
}

const WORDS: &[&str] = &[
    "Network",
    "Memory",
    "Timeout",
    "Image",
    "Container",
    "Handler",
    "Quota",
    "Permission",
    "Subnet",
    "Runtime",
    "Concurrency",
    "Payload",
];

const HEADER_BEFORE_MAX_CODE: &str = "\
# A synthetic catalog written by `cargo xtask synth`, for benchmarks.
package:
  name: synthetic-status
  version: 1.0.0
  description: Synthetic status codes for benchmarks
  type_name: SyntheticStatus
  license: MIT
  keywords: [synthetic]
  categories: [no-std]
codes:
  min: 1
";

const HEADER_AFTER_MAX_CODE: &str = "\
languages:
  - tag: en
    name: English
  - tag: zh
    name: 简体中文
pages:
  en:
    title: Synthetic status codes
    intro: Every synthetic code and what to do about it.
    columns: {status: Status Code and Status Message, description: Description, solution: Solution}
    untranslated: Not yet translated into English.
    other_language: \"Other languages:\"
    concepts:
      heading: Concepts
      sections:
        - anchor: handler
          title: Execution method
          body: The handler is the function that the platform calls.
  zh:
    title: 合成状态码
    intro: 所有合成状态码及其解决方法。
    columns: {status: 状态码及状态消息, description: 说明, solution: 解决方法}
    untranslated: 尚未翻译为中文。
    other_language: 其他语言：
    concepts:
      heading: 相关概念
      sections:
        - anchor: handler
          title: 执行方法
          body: 执行方法是平台调用的函数。
entries:
";
