// api: the page's one way to the data. Served, it asks the server's JSON
// API; in a saved map.html it looks the same addresses up in the data
// embedded in the file, and says what needs parley serve.
'use strict';
(function (P) {
  const embedded = document.getElementById('parley-data');
  const table = embedded ? JSON.parse(embedded.textContent) : null;

  class APIError extends Error {
    constructor(message, status) { super(message); this.status = status; }
  }

  // key is an address with its parameters sorted and unescaped: the name
  // under which a saved page keeps an answer.
  function key(path) {
    const u = new URL(path, 'http://parley.invalid/');
    const ps = [...u.searchParams.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return decodeURIComponent(u.pathname) + (ps.length ? '?' + ps.map(([k, v]) => k + '=' + v).join('&') : '');
  }

  async function get(path, kind) {
    if (table) {
      const k = key(path);
      if (!Object.prototype.hasOwnProperty.call(table.responses, k)) {
        throw new APIError(table.offline, 0);
      }
      return table.responses[k];
    }
    const res = await fetch(path, { cache: 'no-store', credentials: 'same-origin', redirect: 'error' });
    if (!res.ok) {
      let msg = res.status + ' ' + res.statusText;
      try { msg = (await res.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new APIError(msg, res.status);
    }
    if (kind === 'text') return res.text();
    const j = await res.json();
    const h = res.headers.get('Parley-Notes');
    if (h && j && typeof j === 'object') {
      try { noted.set(j, JSON.parse(h).filter((n) => typeof n === 'string')); } catch (e) { /* not JSON: no notes */ }
    }
    return j;
  }

  // notes are what the command line would say on stderr of how it read an
  // answer's names ("Volodymyr Zelenskyy speaks for Ukraine."), sent
  // beside the answer so that the answer stays the command line's own.
  const noted = new WeakMap();
  function notes(j) { return (j && typeof j === 'object' && noted.get(j)) || []; }

  P.api = {
    standalone: !!table,
    tables: table ? table.tables : null,
    offline: table ? table.offline : '',
    key,
    notes,
    APIError,
    json: (path) => get(path, 'json'),
    text: (path) => get(path, 'text'),
  };
})(window.parley = window.parley || {});
