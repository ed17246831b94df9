// The tag catalogue (seeded on the server, docs/contract.md §5.2); labels live in i18n.js.
import { t } from './i18n.js';
import { ownTag, ownTags } from './own-tags.js';

export const TAGS = {
  TYPE: ['summary', 'quote', 'feeling', 'question', 'connection', 'critique', 'idea', 'action', 'etc'],
  TOPIC: ['character', 'plot', 'knowledge', 'lesson', 'emotion', 'society', 'philosophy', 'creation', 'etc'],
};

/**
 * A code's label. `etc` exists in both categories and reads the same in each; a code of the other
 * category (a TAG-mode group filed under a TYPE tag while TOPIC is chosen) keeps its own label.
 */
export function tagLabel(code, category) {
  const own = ownTag(code);
  if (own) return own.name;
  const cat = category && TAGS[category].includes(code) ? category : TAGS.TYPE.includes(code) ? 'TYPE' : 'TOPIC';
  return t(`tag.${cat}.${code}`);
}

// ---- Issue 13, client-status slice: the reader's own tags beside the built-in ones ----

/** The category a code belongs to: an own tag's, else the built-in catalogue's (TYPE first, as for `etc`). */
export function tagCategoryOf(code) {
  return ownTag(code)?.category ?? (TAGS.TYPE.includes(code) ? 'TYPE' : 'TOPIC');
}

/** Every code a memo can carry in a category: the built-in ones, then the reader's own. */
export const tagCodes = (category) => [...TAGS[category], ...ownTags(category).map((tag) => tag.code)];

/** Whether `code` is a tag of `category` (built-in or own); a built-in `etc` is in both. */
export const isOfCategory = (code, category) => (ownTag(code) ? ownTag(code).category === category : TAGS[category].includes(code));

/**
 * What a memo's tags can be chosen from in one category: [{code, label}], the built-in ones in catalogue order
 * (labelled by translation), then the reader's own (labelled by name). The editor's chips draw from this one list.
 */
export function tagChoices(category) {
  return tagCodes(category).map((code) => ({ code, label: tagLabel(code, category) }));
}
