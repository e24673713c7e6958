// Fills the absence templates of the policy (absence.templates.*) the way the preview shows them.
// Placeholders: {name} {returnDate} {delegateName} {delegateAddress} {functionalMailbox} {delegateSentence}.

export const PLACEHOLDERS = ['name', 'returnDate', 'delegateName', 'delegateAddress', 'functionalMailbox', 'delegateSentence'];

/** Placeholders in text that the reconciler will not fill. */
export function unknownPlaceholders(text) {
  return [...String(text).matchAll(/\{(\w*)\}/g)].map((m) => m[1]).filter((p) => !PLACEHOLDERS.includes(p));
}

/** The return date as the reply says it, e.g. "måndag 8 december" / "Monday 8 December". */
export function returnDateText(iso, language) {
  if (!iso) return '';
  return new Date(iso + 'T12:00:00').toLocaleDateString(language === 'en' ? 'en-GB' : 'sv-SE',
    { weekday: 'long', day: 'numeric', month: 'long' });
}

/**
 * templates: {internal, external, delegateSentence} of one language; values: {name, returnDate (YYYY-MM-DD),
 * delegateName, delegateAddress, functionalMailbox}. Without a delegate the delegate sentence is left out.
 */
export function fillTemplate(template, templates, values, language) {
  const v = {
    name: values.name || '',
    returnDate: returnDateText(values.returnDate, language),
    delegateName: values.delegateName || values.delegateAddress || '',
    delegateAddress: values.delegateAddress || '',
    functionalMailbox: values.functionalMailbox || '',
  };
  v.delegateSentence = values.delegateAddress ? substitute(templates.delegateSentence || '', v) : '';
  let text = template || '';
  // As the server does: without a functional mailbox, the sentence pointing to it is left out.
  if (!v.functionalMailbox) text = text.replace(/[ \t]*[^.!?\n]*\{functionalMailbox\}[^.!?\n]*[.!?]?/g, '');
  return substitute(text, v);
}

function substitute(text, v) {
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in v ? v[k] : m));
}

/** The next working day (Monday to Friday) after the last day of an absence. */
export function returnDay(lastDay) {
  const d = new Date(lastDay + 'T12:00:00');
  do { d.setDate(d.getDate() + 1); } while (d.getDay() === 0 || d.getDay() === 6);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
