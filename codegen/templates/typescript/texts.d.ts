{{ header }}
// Every language's texts, with a fallback in the catalog's order. This
// subpath bundles all languages; import a language's own subpath to bundle
// only that one.

import type { {{ type_name }}AnyCode, Lang } from "../catalog.js";

/** A text and the language it is in. */
export interface Translated {
  readonly lang: Lang;
  /** Markdown. */
  readonly text: string;
}

/**
 * The description of `code` in `lang` or, where it is not translated, in the
 * first language in fallback order ({{ languages }}) that has one;
 * `undefined` only where this version does not know the code.
 */
export declare function descriptionOrFallback(code: {{ type_name }}AnyCode, lang: Lang): Translated | undefined;

/**
 * The solution of `code` in `lang` or, where it is not translated, in the
 * first language in fallback order that has one; `undefined` where no
 * language has one or this version does not know the code.
 */
export declare function solutionOrFallback(code: {{ type_name }}AnyCode, lang: Lang): Translated | undefined;
