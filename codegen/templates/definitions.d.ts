{{ header }}
// This file declares types only: it has no runtime value and needs no
// JavaScript module beside it.

/** Every status code, as a numeric literal union. */
export type {{ type_name }}Code =
{%- for entry in entries %}
  | {{ entry.code }}
{%- endfor %};

/** Every status message, as a string literal union. */
export type {{ type_name }}Message =
{%- for message in messages %}
  | {{ message }}
{%- endfor %};

/** The status message of each code. */
export interface {{ type_name }}Messages {
{%- for entry in entries %}
  /** {{ entry.doc }} */
  {{ entry.code }}: {{ entry.message }};
{%- endfor %}
}

/** The status message of code `C`: `MessageOf<433>` is `"TimeLimitReached"`. */
export type MessageOf<C extends {{ type_name }}Code> = {{ type_name }}Messages[C];
