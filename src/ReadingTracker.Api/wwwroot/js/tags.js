// The tag catalogue (seeded on the server, docs/contract.md §5.2); labels live in i18n.js.
import { t } from './i18n.js';

export const TAGS = {
  TYPE: ['summary', 'quote', 'feeling', 'question', 'connection', 'critique', 'idea', 'action', 'etc'],
  TOPIC: ['character', 'plot', 'knowledge', 'lesson', 'emotion', 'society', 'philosophy', 'creation', 'etc'],
};

/**
 * A code's label. `etc` exists in both categories and reads the same in each; a code of the other
 * category (a TAG-mode group filed under a TYPE tag while TOPIC is chosen) keeps its own label.
 */
export function tagLabel(code, category) {
  const cat = category && TAGS[category].includes(code) ? category : TAGS.TYPE.includes(code) ? 'TYPE' : 'TOPIC';
  return t(`tag.${cat}.${code}`);
}

/**
 * What a memo's tags can be chosen from in one category, in catalogue order: [{code, label}]. The editor's chips
 * draw from this one list, so a tag source added here (the reader's own tags) appears in every editor.
 */
export function tagChoices(category) {
  return TAGS[category].map((code) => ({ code, label: tagLabel(code, category) }));
}
