// Every UI string in Korean and English. The browser's language decides at first; the reader's choice is
// remembered. Only the active language's dictionary is loaded (each is ~10 KB; the app shell has a budget).
import { store } from './store.js';
import { pick, fill } from './plural.js';

const loaders = { ko: () => import('./i18n/ko.js'), en: () => import('./i18n/en.js') };
const dictionaries = {};

function browserLanguage() {
  const first = (navigator.languages?.[0] ?? navigator.language ?? 'ko').toLowerCase();
  return first.startsWith('ko') ? 'ko' : 'en';
}

async function load(language) {
  dictionaries[language] ??= (await loaders[language]()).default;
  return dictionaries[language];
}

let current = store.lang === 'ko' || store.lang === 'en' ? store.lang : browserLanguage();
let dictionary = await load(current);

export const lang = () => current;

/** A key's text with its {placeholders} filled; a numeric `count` picks the plural form (plural.js). */
export function t(key, params = {}) {
  return fill(pick(dictionary, current, key, params.count), params);
}

/** A time zone as the reader says it ("대한민국 시간 (Asia/Seoul)"), its IANA name kept for the search-by-typing. */
export function zoneLabel(zone) {
  try {
    const part = new Intl.DateTimeFormat(current, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(0).find((p) => p.type === 'timeZoneName');
    return part ? `${part.value} (${zone})` : zone;
  } catch {
    return zone;
  }
}

export function applyLanguage() {
  document.documentElement.lang = current;
}

/** Switches the language once its dictionary has arrived, so no screen renders half in one language. */
export async function setLanguage(value) {
  const next = value === 'en' ? 'en' : 'ko';
  dictionary = await load(next);
  current = next;
  store.lang = current;
  applyLanguage();
}
