// Plural forms for the dictionaries: a key may have `key.one` / `key.other` variants beside it (the forms of
// Intl.PluralRules). English needs them ("1 book", "2 books"); Korean counters do not change with the number
// ("1권", "3권"), so its dictionary keeps one text per key and Korean always takes "other".

const rules = {};
const pluralRules = (language) => (rules[language] ??= new Intl.PluralRules(language));

/** The text for `key` in `words`, in the plural form `count` calls for in `language` (no count: the key's own). */
export function pick(words, language, key, count) {
  if (typeof count === 'number' && Number.isFinite(count)) {
    const form = pluralRules(language).select(count);
    const text = words[`${key}.${form}`] ?? words[`${key}.other`];
    if (text) return text;
  }
  return words[key] ?? key;
}

/** `text` with its {placeholders} filled from `params`; unknown ones stay visible, so a typo shows. */
export function fill(text, params = {}) {
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}
