{{ header }}
// The package's runtime: identifiers, codes, messages, aliases,
// deprecations, versions, advice and documentation URLs; no texts (the
// language subpaths hold those). The ES module and the CommonJS module are
// this same code with their own exports.
"use strict";

/** The code of each identifier. */
const STATUS = /* @__PURE__ */ Object.freeze({
{%- for entry in entries %}
  {{ entry.member }}: {{ entry.code }},
{%- endfor %}
});

/** The languages of the catalog's texts, in fallback order. */
const LANGUAGES = /* @__PURE__ */ Object.freeze([{{ languages }}]);

/** Who must act, by the position an entry gives: the catalog's words. */
const ACTORS = [{{ actors }}];

/** What a retry can do, by the position an entry gives: the catalog's words. */
const RETRIES = [{{ retries }}];

/** The advice under which a retry, as it is, may succeed. */
const RETRYABLE = {{ retryable }};

/** The versions that first released codes, by the position an entry gives. */
const VERSIONS = [{{ versions }}];

/**
 * Where each language's reference pages are published, by tag, where the
 * catalog says where the site is: a code's URL is this, then (where codes
 * have pages by range) the code divided by `RANGE_WIDTH`, then `BEFORE_CODE`
 * and the code.
 */
const PAGES = {
  __proto__: null,
{%- for page in pages %}
  {{ page.key }}: {{ page.url }},
{%- endfor %}
};
const RANGE_WIDTH = {{ range_width }};
const BEFORE_CODE = {{ before_code }};

/**
 * Every entry, in code order: code, identifier, message, aliases, the
 * position in VERSIONS of the version that first released it, its position
 * in ACTORS and in RETRIES (-1 where the catalog does not say) and, where
 * the code is deprecated, [since, reason, replacement code or undefined].
 */
const ENTRIES = [
{%- for entry in entries %}
  [{{ entry.code }}, {{ entry.id }}, {{ entry.message }}, [{{ entry.aliases }}], {{ entry.since }}, {{ entry.who_acts }}, {{ entry.retry }}{{ entry.deprecation }}],
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

/**
 * The lookup tables, built on the first lookup: importing costs nothing.
 * `byCode` holds, per code, the entry `fromCode` answers and the code's
 * version and advice.
 */
let byCode;
let byMessage;
let retiredByCode;

function tables() {
  if (byCode === undefined) {
    byCode = new Map();
    byMessage = new Map();
    for (const [code, id, message, aliases, versionAt, actorAt, retryAt, deprecated] of ENTRIES) {
      // Every entry has the same properties, `deprecation` included.
      let notice;
      if (deprecated !== undefined) {
        const [deprecatedIn, reason, replacedBy] = deprecated;
        notice = Object.freeze(
          replacedBy === undefined
            ? { since: deprecatedIn, reason }
            : { since: deprecatedIn, reason, replacedBy },
        );
      }
      const entry = Object.freeze({ code, id, message, aliases: Object.freeze(aliases), deprecation: notice });
      byCode.set(code, {
        entry,
        since: VERSIONS[versionAt],
        whoActs: actorAt < 0 ? undefined : ACTORS[actorAt],
        retry: retryAt < 0 ? undefined : RETRIES[retryAt],
      });
      // In code order, so that where codes share a message the lowest keeps it.
      for (const accepted of [message, ...aliases]) {
        if (!byMessage.has(accepted)) {
          byMessage.set(accepted, entry);
        }
      }
    }
  }
}

/** What the tables hold for `code`, or undefined. */
function known(code) {
  tables();
  return byCode.get(code);
}

function fromCode(code) {
  const found = known(code);
  return found === undefined ? undefined : found.entry;
}

function fromMessage(message) {
  tables();
  return byMessage.get(message);
}

function isKnownCode(code) {
  return known(code) !== undefined;
}

function whoActs(code) {
  const found = known(code);
  return found === undefined ? undefined : found.whoActs;
}

function retry(code) {
  const found = known(code);
  return found === undefined ? undefined : found.retry;
}

function isRetryable(code) {
  return retry(code) === RETRYABLE;
}

function since(code) {
  const found = known(code);
  return found === undefined ? undefined : found.since;
}

function deprecation(code) {
  const found = known(code);
  return found === undefined ? undefined : found.entry.deprecation;
}

function docsUrl(code, lang) {
  const page = typeof lang === "string" ? PAGES[lang] : undefined;
  if (page === undefined || !isKnownCode(code)) return undefined;
  const range = RANGE_WIDTH === null ? "" : String(Math.floor(code / RANGE_WIDTH));
  return page + range + BEFORE_CODE + code;
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
