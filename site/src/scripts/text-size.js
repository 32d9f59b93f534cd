/*
 * 大字 / Large text (适老化): the switch in the header of every page.
 *
 * Why a classic, render-blocking script in <head> (and plain JavaScript, copied as it is):
 * the saved choice must be on <html> before the browser first paints, or every page of a
 * reader who chose large text would first show small text and then jump (a layout shift on
 * every page, exactly what this mode is for avoiding). Module scripts run after parsing, too
 * late; an inline script would be quicker but the Content-Security-Policy allows scripts from
 * the site's own files only. This file is a few hundred bytes, cached for a year under
 * /_astro/ with its hash in the name, so blocking on it costs one request on the first visit.
 *
 * It also adds `text-size-ready` to <html>: the switch is shown only then, so without
 * JavaScript (or when this file fails to load) there is no dead button; the pages then scale
 * with the browser's own text size, as they always do (every size is in rem or em).
 *
 * The choice is kept in localStorage (this device only, nothing is sent anywhere); when
 * storage is refused (private modes), the switch still works for the page that is open.
 */
(function () {
  var KEY = 'skills-yunnan.large-text';
  var root = document.documentElement;

  function saved() {
    try {
      return window.localStorage.getItem(KEY) === 'on';
    } catch (e) {
      return false;
    }
  }

  function save(on) {
    try {
      if (on) window.localStorage.setItem(KEY, 'on');
      else window.localStorage.removeItem(KEY);
    } catch (e) {
      /* Storage refused: the choice lasts for this page only. */
    }
  }

  /* The class drives the look at once; aria-pressed tells assistive technology the state. */
  function apply(on) {
    root.classList.toggle('large-text', on);
    var buttons = document.querySelectorAll('[data-text-size-toggle]');
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  apply(saved());
  root.classList.add('text-size-ready');

  /* The header is not parsed yet when this runs: its button gets its state once it exists. */
  document.addEventListener('DOMContentLoaded', function () {
    apply(root.classList.contains('large-text'));
  });

  /* One listener on the document: the button works from the moment it is painted. */
  document.addEventListener('click', function (event) {
    var target = event.target;
    var button = target instanceof Element ? target.closest('[data-text-size-toggle]') : null;
    if (!button) return;
    var on = !root.classList.contains('large-text');
    apply(on);
    save(on);
  });

  /* Another tab changed it, or the page came back from the back/forward cache. */
  window.addEventListener('storage', function (event) {
    if (event.key === KEY) apply(event.newValue === 'on');
  });
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) apply(saved());
  });
})();
