// The fields a shelf entry needs in each category (docs/contract.md §4.1), shown as the category changes:
// ToRead — expectation; Reading / AlmostFinished — start date, pages read, purchase type;
// Finished — start and finish dates, rating, review.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { today } from '../time.js';
import { CATEGORIES, categoryLabel } from './common.js';
import { field, ratingField, setFieldError } from './form.js';

export function purchaseOptions() {
  return [['', t('purchase.none')], ['PURCHASE', t('purchase.PURCHASE')], ['RENTAL', t('purchase.RENTAL')]];
}

/** Returns {element, read()} — read() gives the request fields for the chosen category, or null after showing a field error. */
export function shelfFields(pages) {
  // The book's length may be known up front (search) or typed in the same form (manual add).
  const total = () => (typeof pages === 'function' ? pages() : pages);
  const totalPages = total();
  const category = field({ label: t('field.category'), name: 'category', tag: 'select', value: 'ToRead', options: CATEGORIES.map((c) => [c, categoryLabel(c)]) });
  const expectation = field({ label: t('field.expectation'), name: 'expectation', tag: 'textarea', hint: t('field.expectationHint'), attrs: { maxlength: '500', rows: '2' } });
  const start = field({ label: t('field.startDate'), name: 'readingStartDate', type: 'date', value: today() });
  const progress = field({
    label: t('field.progress'), name: 'readingProgress', type: 'number', value: '0',
    hint: totalPages ? t('field.progressOf', { total: totalPages }) : null,
    attrs: { min: '0', max: totalPages ? String(totalPages) : null, inputmode: 'numeric' },
  });
  const purchase = field({ label: t('field.purchaseType'), name: 'purchaseType', tag: 'select', options: purchaseOptions() });
  const finish = field({ label: t('field.finishDate'), name: 'readingFinishedDate', type: 'date', value: today() });
  const rating = ratingField({ label: t('field.rating') });
  const review = field({ label: t('field.review'), name: 'review', tag: 'textarea', attrs: { maxlength: '5000', rows: '3' } });
  const groups = { ToRead: [expectation], Reading: [start, progress, purchase], AlmostFinished: [start, progress, purchase], Finished: [start, finish, rating, review] };
  const all = [expectation, start, progress, purchase, finish, rating, review];
  const show = () => {
    const visible = groups[category.control.value];
    for (const f of all) f.hidden = !visible.includes(f);
  };
  category.control.addEventListener('change', show);
  // AlmostFinished means 81–99 % read when the book's length is known; said as the reader types.
  progress.control.addEventListener('input', () => {
    const n = total();
    if (category.control.value !== 'AlmostFinished' || !n) return;
    const pct = (Number(progress.control.value) * 100) / n;
    setFieldError(progress.closest('form') ?? progress, 'readingProgress', pct >= 81 && pct < 100 ? null : t('shelfFields.almostRange', { from: Math.ceil(n * 0.81), to: n - 1 }));
  });
  show();
  const element = h('div', { class: 'shelf-fields' }, category, ...all);

  function read(form) {
    const c = category.control.value;
    const body = { category: c };
    const value = (f) => (f.control.value === '' ? null : f.control.value);
    if (c === 'ToRead') body.expectation = value(expectation);
    if (c === 'Reading' || c === 'AlmostFinished') {
      body.readingStartDate = value(start);
      body.readingProgress = value(progress) == null ? null : Number(value(progress));
      body.purchaseType = value(purchase);
      const n = total();
      if (c === 'AlmostFinished' && n) {
        const pct = (body.readingProgress * 100) / n;
        if (!(pct >= 81 && pct < 100)) {
          setFieldError(form, 'readingProgress', t('shelfFields.almostRange', { from: Math.ceil(n * 0.81), to: n - 1 }));
          return null;
        }
      }
    }
    if (c === 'Finished') {
      body.readingStartDate = value(start);
      body.readingFinishedDate = value(finish);
      const checked = rating.querySelector('input:checked');
      body.rating = checked ? Number(checked.value) : null;
      body.review = value(review);
    }
    return body;
  }
  return { element, read };
}
