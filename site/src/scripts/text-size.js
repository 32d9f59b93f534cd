/*
 * 大字 / Large text (适老化): the header switch of every page. A classic, render-blocking script
 * in <head>, copied as it is (why: see BaseLayout.astro): puts the saved choice on <html> before
 * the first paint, and `text-size-ready`, without which the CSS hides the button.
 * Written as ES5 on purpose (var, function, no arrows): it runs before anything else, on the
 * oldest phone browsers too, where a syntax error would leave the switch dead.
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

  /* The class drives the look; aria-pressed tells assistive technology. */
  function apply(on) {
    root.classList.toggle('large-text', on);
    var buttons = document.querySelectorAll('[data-text-size-toggle]');
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  apply(saved());
  root.classList.add('text-size-ready');

  /* The header is not parsed yet: its button gets its state once it exists. */
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
