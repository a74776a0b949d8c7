// state: what the page shows lives in the address (view, selection, date,
// question), so that a link reproduces it and back and forward work.
'use strict';
(function (P) {
  const keys = ['view', 'sel', 'as-of', 'q'];
  const listeners = [];
  let current = {};

  function parse() {
    const h = new URLSearchParams(location.hash.slice(1));
    const st = {};
    for (const k of keys) st[k] = h.get(k) || '';
    return st;
  }

  function format(st) {
    const h = new URLSearchParams();
    for (const k of keys) if (st[k]) h.set(k, st[k]);
    const s = h.toString();
    return s ? '#' + s : '#';
  }

  function apply(next) {
    const prev = current;
    current = next;
    for (const f of listeners) f(next, prev);
  }

  // set changes the state; replace keeps one history entry (a slider
  // being dragged).
  function set(changes, opts) {
    const next = Object.assign({}, current, changes);
    const url = format(next);
    if (url !== (location.hash || '#')) {
      if (opts && opts.replace) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
    }
    apply(next);
  }

  function fromAddress() {
    const st = parse();
    if (format(st) !== format(current)) apply(st);
  }
  window.addEventListener('popstate', fromAddress);
  window.addEventListener('hashchange', fromAddress);

  P.state = {
    get: () => current,
    set,
    onChange: (f) => listeners.push(f),
    start: () => apply(parse()),
  };
})(window.parley = window.parley || {});
