/**
 * The subsidy checker on a course page: shows the yes/no questions (`form[data-checker]`,
 * rendered hidden at build time) in place of the plain checklist, and after every answer says
 * "you would receive ¥X" or why not, each reason with its clause. The conditions, the amount and
 * the sentences are in the page's `data-*` attributes; the decision is lib/eligibility.ts, the
 * twin of the API's rule. Nothing is sent anywhere.
 */
import { decide, type CheckerCondition } from '../lib/eligibility';
import { fill } from '../lib/fill';

/** The conditions as rendered: record facts (`data-holds`) and questions (fieldsets). */
function conditionsOf(form: HTMLFormElement): CheckerCondition[] {
  return [...form.querySelectorAll<HTMLElement>('[data-condition]')].map((el) => ({
    id: el.dataset.condition!,
    holds: el.dataset.holds === undefined ? null : el.dataset.holds === 'true',
    whyNot: el.dataset.whyNot ?? '',
    clause: el.dataset.clause || null,
  }));
}

/** The answers given so far (condition id → yes/no). */
function answersOf(form: HTMLFormElement): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked'))
    out[input.name.replace(/^q-/, '')] = input.value === 'yes';
  return out;
}

/** Writes the result as plain elements (never HTML from strings). */
function render(form: HTMLFormElement, out: HTMLElement): void {
  const d = form.dataset;
  const result = decide(conditionsOf(form), answersOf(form), d.amount ? Number(d.amount) : null);
  out.replaceChildren();
  out.className = `journey-result is-${result.kind}`;
  const p = (text: string, cls?: string) => {
    const el = document.createElement('p');
    el.textContent = text;
    if (cls) el.className = cls;
    out.append(el);
  };
  if (result.kind === 'incomplete') {
    p(fill(d.textIncomplete ?? '', { n: result.unanswered.length }), 'muted');
    return;
  }
  if (result.kind === 'eligible') {
    p(d.textEligible ?? '', 'journey-verdict');
    p(d.textEligibleNote ?? '', 'muted');
    return;
  }
  p(d.textNot ?? '', 'journey-verdict');
  const list = document.createElement('ul');
  for (const r of result.reasons) {
    const li = document.createElement('li');
    li.dataset.reason = r.id;
    li.append(r.whyNot);
    if (r.clause) {
      const clause = document.createElement('span');
      clause.className = 'clause';
      const cite = document.createElement('cite');
      cite.lang = 'zh-CN';
      cite.textContent = r.clause;
      clause.append(d.textClause ?? '', cite);
      li.append(document.createElement('br'), clause);
    }
    list.append(li);
  }
  out.append(list);
}

/** Starts the checker on the page, if it has one (a class with a subsidy). */
export function initSubsidyChecker(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-checker]');
  const out = form?.querySelector<HTMLElement>('[data-checker-result]');
  if (!form || !out) return;
  form.hidden = false;
  document.querySelector<HTMLElement>('[data-checker-list]')?.setAttribute('hidden', '');
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('change', () => render(form, out));
  render(form, out);
}
