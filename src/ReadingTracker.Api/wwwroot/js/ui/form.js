// Form fields with a visible label, an optional hint and an error slot wired by aria-describedby,
// and one way to show a server error in place: per-field reasons next to their fields, the message on top.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';

/** A labelled control. control defaults to <input>; pass {tag: 'select'|'textarea', options: [[value, label]]}. */
export function field({ label, name, type = 'text', value, hint, tag = 'input', options, attrs = {} }) {
  const id = uid(name);
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorEl = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const describedBy = [hintEl?.id, errorEl.id].filter(Boolean).join(' ');
  let control;
  if (tag === 'select') {
    control = h('select', { id, name, 'aria-describedby': describedBy, ...attrs },
      (options ?? []).map(([v, text]) => h('option', { value: v, selected: String(v) === String(value ?? '') }, text)));
  } else if (tag === 'textarea') {
    control = h('textarea', { id, name, 'aria-describedby': describedBy, ...attrs });
    control.value = value ?? '';
  } else {
    control = h('input', { id, name, type, 'aria-describedby': describedBy, value: value ?? '', ...attrs });
  }
  const wrapper = h('div', { class: 'field', dataset: { field: name } }, h('label', { for: id }, label), control, hintEl, errorEl);
  return Object.assign(wrapper, { control, hintEl, errorEl });
}

export function setFieldError(form, name, reason) {
  const wrapper = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!wrapper) return false;
  const control = wrapper.querySelector('input, select, textarea, [role="radiogroup"]');
  const errorEl = wrapper.querySelector('.field-error');
  errorEl.textContent = reason ?? '';
  errorEl.hidden = !reason;
  if (control) {
    if (reason) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }
  return true;
}

/** A form-level alert region, placed at the top of a form. */
export function formAlert() {
  return h('div', { class: 'form-alert', role: 'alert', hidden: true });
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; el.hidden = true; });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const alert = form.querySelector('.form-alert');
  if (alert) { alert.textContent = ''; alert.hidden = true; }
}

/** Shows an ApiError in the form: each named field gets its reason, the message goes to the alert region. */
export function showError(form, error) {
  clearErrors(form);
  const unplaced = [];
  for (const f of error.fields ?? []) {
    if (!setFieldError(form, f.name, f.reason)) unplaced.push(f.reason);
  }
  const alert = form.querySelector('.form-alert');
  if (alert) {
    alert.textContent = [error.message, ...unplaced].filter(Boolean).join(' ');
    alert.hidden = false;
  }
  const invalid = form.querySelector('[aria-invalid="true"]');
  (invalid ?? alert)?.focus?.();
}

/** Runs an async submit with the submit button disabled, so a double click sends once. */
export async function busy(button, work) {
  if (button.disabled) return undefined;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** The values of named controls as an object (empty strings become null). */
export function values(form) {
  const result = {};
  for (const el of form.elements) {
    if (!el.name || el.type === 'submit' || el.type === 'button') continue;
    if (el.type === 'radio') {
      if (el.checked) result[el.name] = el.value;
      else if (!(el.name in result)) result[el.name] = null;
      continue;
    }
    result[el.name] = el.value === '' ? null : el.value;
  }
  return result;
}

/** A 1–5 star rating as a radio group (keyboard: arrows). */
export function ratingField({ label, name = 'rating', value }) {
  const legendId = uid('rating');
  const errorEl = h('p', { class: 'field-error', id: `${legendId}-error`, hidden: true });
  const group = h('div', { role: 'radiogroup', 'aria-labelledby': legendId, 'aria-describedby': errorEl.id, class: 'stars' },
    [1, 2, 3, 4, 5].map((n) => h('label', { class: 'star' },
      h('input', { type: 'radio', name, value: String(n), checked: Number(value) === n }),
      h('span', { 'aria-hidden': 'true' }, '★'),
      h('span', { class: 'sr-only' }, t('rating.value', { count: n })))));
  return h('div', { class: 'field', dataset: { field: name } }, h('span', { id: legendId, class: 'label' }, label), group, errorEl);
}
