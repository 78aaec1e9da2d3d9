{{ header }}
// The texts in `{{ tag }}`, as Markdown, by code; a code without a text here
// is absent. The ES module and the CommonJS module are this same code with
// their own exports.
"use strict";

const LANG = {{ tag_literal }};

const DESCRIPTIONS = {
  __proto__: null,
{%- for text in descriptions %}
  {{ text.code }}: {{ text.text }},
{%- endfor %}
};

const SOLUTIONS = {
  __proto__: null,
{%- for text in solutions %}
  {{ text.code }}: {{ text.text }},
{%- endfor %}
};

function description(code) {
  return typeof code === "number" ? DESCRIPTIONS[code] : undefined;
}

function solution(code) {
  return typeof code === "number" ? SOLUTIONS[code] : undefined;
}
