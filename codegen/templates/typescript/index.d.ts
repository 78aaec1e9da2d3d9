{{ header }}
// The package's main entry: the runtime values, typed by the catalog's
// types (re-exported here, for `import type` too).

export type * from "./catalog.js";
import type {
  {{ type_name }}AcceptedMessage,
  {{ type_name }}AnyCode,
  {{ type_name }}Catalog,
  {{ type_name }}Code,
  {{ type_name }}Ids,
  {{ type_name }}Info,
  {{ type_name }}Messages,
  {{ type_name }}Retired,
  Actor,
  Lang,
  Retry,
  RetryOf,
  WhoActsOf,
} from "./catalog.js";

/**
 * The code of each identifier, as an `as const` object:
 * `{{ type_name }}.{{ example_member }} === {{ example_code }}`.
 */
export declare const {{ type_name }}: {{ type_name }}Ids;

/** A status code of this version of the catalog (the same as `{{ type_name }}Code`). */
export type {{ type_name }} = {{ type_name }}Code;

/** The languages of the catalog's texts, in fallback order. */
export declare const languages: readonly [{{ languages }}];

/**
 * The entry of `code` (without its texts, which the language subpaths
 * hold), or `undefined` where this version does not know the code.
 */
export declare function fromCode<C extends {{ type_name }}Code>(code: C): {{ type_name }}Info<C>;
export declare function fromCode(code: {{ type_name }}AnyCode): {{ type_name }}Info | undefined;

/**
 * The entry whose status message is `message`, or `undefined`. Aliases
 * (other spellings the platform has used) are accepted. Where several codes
 * share a message, this is the lowest of them.
 */
// Written with `infer`, not as `Info<Messages[M]>`, which TypeScript takes
// a minute to check at 10,000 codes (proving it meets `Info`'s bound).
export declare function fromMessage<M extends {{ type_name }}AcceptedMessage>(
  message: M,
): {{ type_name }}Messages[M] extends infer C extends {{ type_name }}Code ? {{ type_name }}Info<C> : never;
export declare function fromMessage(message: string): {{ type_name }}Info | undefined;

/**
 * The retired code `code` is, if the catalog retired it: no entry has it
 * any more, but an older platform may still return it.
 */
export declare function retired(code: {{ type_name }}AnyCode): {{ type_name }}Retired | undefined;

/** Whether this version of the catalog knows `code`. */
export declare function isKnownCode(code: {{ type_name }}AnyCode): code is {{ type_name }}Code;

/** Whether `lang` is a language of the catalog. */
export declare function isLang(lang: string): lang is Lang;

/**
 * Who must act for a call that returned `code` to succeed (`Actor`), or
 * `undefined` where the catalog does not say or this version does not know
 * the code. Typed by the code: `whoActs({{ example_code }})` has the literal type.
 */
export declare function whoActs<C extends {{ type_name }}Code>(code: C): WhoActsOf<C>;
export declare function whoActs(code: {{ type_name }}AnyCode): Actor | undefined;

/**
 * What retrying the call that returned `code` can do (`Retry`), or
 * `undefined` where the catalog does not say or this version does not know
 * the code. Typed by the code: `retry({{ example_code }})` has the literal type.
 */
export declare function retry<C extends {{ type_name }}Code>(code: C): RetryOf<C>;
export declare function retry(code: {{ type_name }}AnyCode): Retry | undefined;

/**
 * Whether a retry can help: `true` only where `retry(code)` is
 * `{{ retryable }}` ({{ retryable_meaning }}); `false` for any other advice,
 * where the catalog does not say, and for a code this version does not
 * know.
 */
export declare function isRetryable(code: {{ type_name }}AnyCode): boolean;

/**
 * The version of the package that first released `code` (for a code not
 * released yet, the version being prepared), or `undefined` where this
 * version does not know the code.
 */
export declare function since<C extends {{ type_name }}Code>(code: C): {{ type_name }}Catalog[C]["since"];
export declare function since(code: {{ type_name }}AnyCode): string | undefined;

/**
 * Since when `code` is deprecated, why, and the code that replaces it if
 * one does (`fromCode(code).deprecation`); `undefined` where it is not
 * deprecated, or where this version does not know the code.
 */
export declare function deprecation<C extends {{ type_name }}Code>(code: C): {{ type_name }}Catalog[C]["deprecation"];
export declare function deprecation(
  code: {{ type_name }}AnyCode,
): { readonly since: string; readonly reason: string; readonly replacedBy?: {{ type_name }}Code } | undefined;
{% if has_site %}
/**
 * Where `code` is documented in `lang`: its section of the published
 * reference page in that language; `undefined` where this version does not
 * know the code.
 */
export declare function docsUrl(code: {{ type_name }}Code, lang: Lang): string;
export declare function docsUrl(code: {{ type_name }}AnyCode, lang: Lang): string | undefined;
{%- else %}
/**
 * Where `code` is documented in `lang`: always `undefined`, since this
 * version of the catalog does not say where its reference pages are
 * published (a catalog that does gives every code's section there).
 */
export declare function docsUrl(code: {{ type_name }}AnyCode, lang: Lang): undefined;
{%- endif %}
