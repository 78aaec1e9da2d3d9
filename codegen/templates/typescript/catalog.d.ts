{{ header }}
// The catalog as types, and only types: both module formats of the package
// import them from here, so that its texts are declared once.

/** A language of the catalog's texts, in fallback order: {{ language_doc }}. */
export type Lang = {{ lang_union }};

/**
 * Every status code the catalog knows, keyed by code. Each entry holds the
 * identifier, the status message, other accepted spellings of it, its
 * deprecation if any, the version that first released it, who must act
 * (`Actor`) and what a retry can do (`Retry`), each absent (`?: never`)
 * where the catalog does not say, and the description and solution per
 * language (as Markdown); a language without a translation is absent
 * (`?: never`), never filled in from another. The documentation of each
 * code is on its identifier in {@link {{ type_name }}Ids}.
 */
export interface {{ type_name }}Catalog {
{%- for entry in entries %}
  /** `{{ entry.code }}` — see {@link {{ type_name }}Ids.{{ entry.id_key }}}. */
  readonly {{ entry.code }}: {
    readonly code: {{ entry.code }};
    readonly id: {{ entry.id }};
    readonly message: {{ entry.message }};
    readonly aliases: readonly [{{ entry.aliases }}];
    readonly deprecation{{ entry.deprecation }};
    readonly since: {{ entry.since }};
    readonly whoActs{{ entry.who_acts }};
    readonly retry{{ entry.retry }};
    readonly description: { {{ entry.description }} };
    readonly solution: { {{ entry.solution }} };
  };
{%- endfor %}
}

/** The code of each identifier: the type of the runtime object `{{ type_name }}`. */
export interface {{ type_name }}Ids {
{%- for entry in ids %}
  /**
{%- for line in entry.doc %}
   *{{ line }}
{%- endfor %}
   */
  readonly {{ entry.id_key }}: {{ entry.code }};
{%- endfor %}
}

/** Every status code, as a numeric literal union. */
export type {{ type_name }}Code = keyof {{ type_name }}Catalog;

/**
 * Any status code, including those this version of the catalog does not
 * know yet: what a response may carry. Editors still complete the known ones.
 */
export type {{ type_name }}AnyCode = {{ type_name }}Code | (number & {});

/** Every identifier, as a string literal union. */
export type {{ type_name }}Id = keyof {{ type_name }}Ids;

/** Every status message as the platform returns it, as a string literal union. */
export type {{ type_name }}Message = {{ type_name }}Catalog[{{ type_name }}Code]["message"];

/**
 * The code a lookup answers for each message it accepts (the messages and
 * their other spellings): where codes share a message, the lowest of them.
 */
export interface {{ type_name }}Messages {
{%- for message in messages %}
  readonly {{ message.text }}: {{ message.codes }};
{%- endfor %}
}

/** The messages (or aliases) that several codes share, with all their codes. */
export interface {{ type_name }}SharedMessages {
{%- for message in shared %}
  readonly {{ message.text }}: {{ message.codes }};
{%- endfor %}
}

/** Every message a lookup accepts: the messages and their other spellings. */
export type {{ type_name }}AcceptedMessage = keyof {{ type_name }}Messages;

/** The entry of code `C`. */
export type {{ type_name }}Entry<C extends {{ type_name }}Code = {{ type_name }}Code> = {{ type_name }}Catalog[C];

/**
 * What `fromCode` and `fromMessage` answer for code `C`: its entry without
 * the texts, which the language subpaths of the package hold.
 */
export type {{ type_name }}Info<C extends {{ type_name }}Code = {{ type_name }}Code> = {
  readonly [K in "code" | "id" | "message" | "aliases" | "deprecation"]: {{ type_name }}Catalog[C][K];
};

/** A code the catalog retired: what `retired` answers. */
export interface {{ type_name }}Retired {
  readonly code: number;
  /** The identifier it had. */
  readonly id: string;
  /** The status message it had. */
  readonly message: string;
  /** The version of the package that retired it. */
  readonly retiredIn: string;
  readonly reason: string;
  /** The code to use instead, if there is one. */
  readonly replacedBy: {{ type_name }}Code | undefined;
}

/**
 * Who must act for the call to succeed:
{%- for word in actors %}
 * - `{{ word.literal }}`: {{ word.meaning }}
{%- endfor %}
 */
export type Actor = {% for word in actors %}{% if !loop.first %} | {% endif %}{{ word.literal }}{% endfor %};

/**
 * What retrying the same call can do:
{%- for word in retries %}
 * - `{{ word.literal }}`: {{ word.meaning }}
{%- endfor %}
 *
 * `isRetryable(code)` is `true` only for `{{ retryable }}`.
 */
export type Retry = {% for word in retries %}{% if !loop.first %} | {% endif %}{{ word.literal }}{% endfor %};

/**
 * Who must act for code `C` to succeed, as the catalog says (`Actor`), or
 * `undefined` where it does not: `WhoActsOf<{{ example_code }}>` is `{{ example_who_acts }}`.
 */
export type WhoActsOf<C extends {{ type_name }}Code> = {{ type_name }}Catalog[C]["whoActs"];

/**
 * What retrying a call that returned code `C` can do, as the catalog says
 * (`Retry`), or `undefined` where it does not: `RetryOf<{{ example_code }}>` is `{{ example_retry }}`.
 */
export type RetryOf<C extends {{ type_name }}Code> = {{ type_name }}Catalog[C]["retry"];

/** The status message of code `C`: `MessageOf<{{ example_code }}>` is `{{ example_message }}`. */
export type MessageOf<C extends {{ type_name }}Code> = {{ type_name }}Catalog[C]["message"];

/**
 * The code (or codes) whose message or alias is `M`. Where codes share a
 * message, this is the union of them.
 */
export type CodeOf<M extends {{ type_name }}AcceptedMessage> = M extends keyof {{ type_name }}SharedMessages
  ? {{ type_name }}SharedMessages[M]
  : {{ type_name }}Messages[M];

/** The code of identifier `I`. */
export type CodeById<I extends {{ type_name }}Id> = {{ type_name }}Ids[I];

/** A status as an invocation reports it: a code with its own message. */
export type {{ type_name }}Pair = {
  [C in {{ type_name }}Code]: { readonly code: C; readonly message: MessageOf<C> };
}[{{ type_name }}Code];
