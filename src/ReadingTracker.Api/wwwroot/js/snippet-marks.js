// A search snippet as plain-text pieces, each marked or not. The server sends the text and the [start, end) offsets of
// the query's words; the screen turns each piece into a text node (inside <mark> when marked), so a memo that holds
// markup is shown as the characters it is and never becomes markup.

/** text: the snippet; highlights: [[start, end], ...]. Offsets out of range or out of order are ignored. */
export function snippetParts(text, highlights) {
  const parts = [];
  let at = 0;
  for (const [start, end] of Array.isArray(highlights) ? highlights : []) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}
