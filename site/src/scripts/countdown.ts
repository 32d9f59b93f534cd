/**
 * Keeps a notice's "working days left to object" true after the build: the page carries the
 * period's working days (computed by the API with mainland China's holiday calendar), and this
 * counts those not yet past, today in China (UTC+8) included.
 */
export function startCountdown(): void {
  const el = document.querySelector<HTMLElement>('[data-countdown]');
  if (!el) return;
  const dates = (el.dataset.dates ?? '').split(',').filter(Boolean);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const left = dates.filter((d) => d >= today).length;
  el.textContent = left > 0 ? (el.dataset.template ?? '').replace('{n}', String(left)) : (el.dataset.over ?? '');
}
