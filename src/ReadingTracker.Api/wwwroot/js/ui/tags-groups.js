// The flow's tag view shows tags of the chosen category only. The server files a memo that has no tag of
// that category under one of its other tags (so every memo appears once); here those memos go into one
// "No topic tag" / "No type tag" group at the end instead of groups named after the other category.
import { t } from '../i18n.js';
import { isOfCategory } from '../tags.js';

const NONE = '';

/** groups: flow-groups.js TAG groups [{tagCode, books}]; returns them with the other category's merged last. */
export function onlyCategory(groups, category) {
  const kept = [];
  const others = new Map();
  for (const group of groups) {
    if (group.tagCode === undefined || isOfCategory(group.tagCode, category)) {
      kept.push(group);
      continue;
    }
    for (const book of group.books) {
      const into = others.get(book.title) ?? { title: book.title, memos: [] };
      into.memos.push(...book.memos);
      others.set(book.title, into);
    }
  }
  for (const book of others.values()) book.memos.sort((a, b) => a.memoStartTime.localeCompare(b.memoStartTime));
  if (others.size) kept.push({ tagCode: NONE, books: [...others.values()] });
  return kept;
}

/** The heading of a TAG group: the tag's label, or "No … tag" for the merged group. */
export const groupLabel = (label, category) => (code) => (code === NONE ? t(`flow.noneOf.${category}`) : label(code, category));
