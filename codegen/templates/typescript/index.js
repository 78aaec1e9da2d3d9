{{ header }}
// The package's runtime: identifiers, codes, messages, aliases and
// deprecations; no texts (the language subpaths hold those). The ES module
// and the CommonJS module are this same code with their own exports.
"use strict";

/** The code of each identifier. */
const STATUS = /* @__PURE__ */ Object.freeze({
{%- for entry in entries %}
  {{ entry.member }}: {{ entry.code }},
{%- endfor %}
});

/** The languages of the catalog's texts, in fallback order. */
const LANGUAGES = /* @__PURE__ */ Object.freeze([{{ languages }}]);

/**
 * Every entry, in code order: code, identifier, message, aliases and, where
 * the code is deprecated, [since, reason, replacement code or undefined].
 */
const ENTRIES = [
{%- for entry in entries %}
  [{{ entry.code }}, {{ entry.id }}, {{ entry.message }}, [{{ entry.aliases }}]{{ entry.deprecation }}],
{%- endfor %}
];

/**
 * The retired codes, in code order: code, identifier, message, the version
 * that retired it, why, and the code that replaces it or undefined.
 */
const RETIRED = [
{%- for code in retired %}
  [{{ code.code }}, {{ code.id }}, {{ code.message }}, {{ code.since }}, {{ code.reason }}{{ code.replaced_by }}],
{%- endfor %}
];

/** The lookup tables, built on the first lookup: importing costs nothing. */
let byCode;
let byMessage;
let retiredByCode;

function tables() {
  if (byCode === undefined) {
    byCode = new Map();
    byMessage = new Map();
    for (const [code, id, message, aliases, deprecated] of ENTRIES) {
      // Every entry has the same properties, `deprecation` included.
      let deprecation;
      if (deprecated !== undefined) {
        const [since, reason, replacedBy] = deprecated;
        deprecation = Object.freeze(
          replacedBy === undefined ? { since, reason } : { since, reason, replacedBy },
        );
      }
      const entry = { code, id, message, aliases: Object.freeze(aliases), deprecation };
      byCode.set(code, Object.freeze(entry));
      // In code order, so that where codes share a message the lowest keeps it.
      for (const accepted of [message, ...aliases]) {
        if (!byMessage.has(accepted)) {
          byMessage.set(accepted, entry);
        }
      }
    }
  }
}

function fromCode(code) {
  tables();
  return byCode.get(code);
}

function fromMessage(message) {
  tables();
  return byMessage.get(message);
}

function isKnownCode(code) {
  tables();
  return byCode.has(code);
}

function retired(code) {
  if (retiredByCode === undefined) {
    retiredByCode = new Map();
    for (const [number, id, message, retiredIn, reason, replacedBy] of RETIRED) {
      retiredByCode.set(number, Object.freeze({ code: number, id, message, retiredIn, reason, replacedBy }));
    }
  }
  return retiredByCode.get(code);
}

function isLang(lang) {
  return LANGUAGES.includes(lang);
}
