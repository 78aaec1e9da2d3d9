{{ header }}
// The package's main entry: the runtime values, typed by the catalog's
// types (re-exported here, for `import type` too).

export type * from "./catalog.js";
import type {
  {{ type_name }}AcceptedMessage,
  {{ type_name }}AnyCode,
  {{ type_name }}Code,
  {{ type_name }}Ids,
  {{ type_name }}Info,
  {{ type_name }}Messages,
  {{ type_name }}Retired,
  Lang,
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
