// What the server replaced when a late shelf change met a newer one (ADR-013): the entry's conflicts as
// GET /user/books/{id}/conflicts answers them (newest first), and which of them the reader has not dismissed yet.
// Pure: the entry's page (ui/conflict-note.js) draws them; client-tests/test/shelf-conflicts.test.js pins them.

/** The words of one field's value on the page; `labels` turns codes into the UI's words. */
const VALUE = {
  category: (v, l) => l.category(v),
  purchaseType: (v, l) => l.purchase(v),
  readingStartDate: (v, l) => l.date(v),
  readingFinishedDate: (v, l) => l.date(v),
  rating: (v, l) => l.rating(Number(v)),
  expectation: (v) => quote(v),
  review: (v) => quote(v),
};

const quote = (text) => `“${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;

/**
 * The conflicts to tell the reader: those of the newest write (one late change may replace several fields) among the
 * ones newer than `seenId` (the newest the reader dismissed on this device). None: [].
 */
export function latestUnseen(conflicts, seenId) {
  const unseen = (conflicts ?? []).filter((c) => seenId == null || Number(c.id) > Number(seenId));
  if (!unseen.length) return [];
  const newest = unseen.reduce((a, b) => (b.at > a.at || (b.at === a.at && Number(b.id) > Number(a.id)) ? b : a));
  return unseen.filter((c) => c.at === newest.at);
}

/** The newest id among `conflicts`: what "dismiss" remembers (everything up to it is then seen). */
export const newestId = (conflicts) => conflicts.reduce((max, c) => Math.max(max, Number(c.id)), 0);

/** One conflict as {field, kept, lost} in the UI's words; `labels`: {field, category, purchase, date, rating, none}. */
export function describe(conflict, labels) {
  const value = (v) => (v == null || v === '' ? labels.none : (VALUE[conflict.field] ?? String)(v, labels));
  return { field: labels.field(conflict.field), kept: value(conflict.kept), lost: value(conflict.lost) };
}
