{{ header }}
// Every language's texts, with a fallback in the catalog's order.
"use strict";
{{ imports }}
/** Each language's module, in fallback order. */
const LANGUAGES = [{{ languages }}];

function orFallback(text, code, lang) {
  const asked = LANGUAGES.find((language) => language.lang === lang);
  for (const language of asked === undefined ? LANGUAGES : [asked, ...LANGUAGES]) {
    const found = language[text](code);
    if (found !== undefined) {
      return Object.freeze({ lang: language.lang, text: found });
    }
  }
  return undefined;
}

function descriptionOrFallback(code, lang) {
  return orFallback("description", code, lang);
}

function solutionOrFallback(code, lang) {
  return orFallback("solution", code, lang);
}
