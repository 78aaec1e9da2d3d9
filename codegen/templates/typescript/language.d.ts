{{ header }}
// The texts in `{{ tag }}`: import this subpath only for the languages an
// application shows, so that it bundles no others.

import type { {{ type_name }}AnyCode, {{ type_name }}Catalog, {{ type_name }}Code } from "../catalog.js";

/** The language of this module's texts. */
export declare const lang: {{ tag_literal }};

/**
 * What `code` means, in `{{ tag }}`, as Markdown{% if has_site %} (its links to sections of
 * the reference page, such as `#handler`, lead to the published page){% endif %}; `undefined` where it is
 * not translated, or where this version does not know the code.
 */
export declare function description<C extends {{ type_name }}Code>(code: C): {{ type_name }}Catalog[C]["description"][{{ tag_literal }}];
export declare function description(code: {{ type_name }}AnyCode): string | undefined;

/**
 * What to do about `code`, in `{{ tag }}`, as Markdown{% if has_site %} (its links to sections
 * of the reference page lead to the published page){% endif %}; `undefined` where it
 * is not translated, where nothing needs doing, or where this version does
 * not know the code.
 */
export declare function solution<C extends {{ type_name }}Code>(code: C): {{ type_name }}Catalog[C]["solution"][{{ tag_literal }}];
export declare function solution(code: {{ type_name }}AnyCode): string | undefined;
