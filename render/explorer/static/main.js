// main: starts the page and keeps the picture, the panel and the controls
// in step with the state in the address.
'use strict';
(function (P) {
  const title = document.getElementById('title');
  const nav = document.getElementById('views');
  const problem = document.getElementById('problem');
  const status = document.getElementById('status');
  let seq = 0;

  function showInfo(info) {
    title.textContent = info.title || 'parley';
    document.title = (info.title || 'Scenario') + ' — parley';
    problem.hidden = !info.problem;
    problem.textContent = info.problem ? 'The file\'s last edit was not loaded; showing the last good scenario.\n\n' + info.problem : '';
  }

  function buttons(info) {
    nav.replaceChildren(...info.views.map((v) => P.panel.el('button', { type: 'button', 'data-view': v, 'aria-pressed': 'false',
      onclick: () => P.state.set({ view: v }) }, v)));
  }

  async function panelFor(st, my) {
    const asOf = st['as-of'];
    const at = asOf ? '?as-of=' + encodeURIComponent(asOf) : '';
    if (st.q) {
      P.search.input.value = st.q;
      const a = await P.search.ask(st.q, asOf);
      if (my !== seq) return;
      P.panel.answer(a);
      P.view.light(a.highlight);
      return;
    }
    if (st.sel) {
      const kind = st.sel.startsWith('party:') ? 'party' : 'demand';
      const id = st.sel.slice(kind.length + 1);
      const j = await P.api.json('/api/' + kind + '/' + encodeURIComponent(id) + at);
      if (my !== seq) return;
      P.panel[kind](j, asOf, P.api.notes(j));
      // A name the server read (a person's, for their party) lights up
      // what it found.
      P.view.light({ parties: [], demands: [], selected: j && j.id ? kind + ':' + j.id : st.sel });
      return;
    }
    P.view.light(null);
    const j = await P.api.json('/api/summary' + at);
    if (my !== seq) return;
    P.panel.summary(j, asOf);
  }

  async function update(st, prev) {
    const my = ++seq;
    const view = st.view || P.info.view;
    for (const b of nav.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.view === view));
    P.time.sync(st['as-of']);
    if (!st.q) P.search.input.value = '';
    const drawing = P.view.draw(P.view.path(view, st['as-of'])).catch((e) => { status.textContent = e.message; });
    const panel = panelFor(st, my).catch((e) => {
      if (my === seq) P.panel.error(e.message, P.api.standalone && e.status === 0 ? '' : 'Type a name, or a question such as: who opposes nato, common ground russia us, concessions territorial-integrity.');
    });
    await Promise.all([drawing, panel]);
    if (my === seq) performance.mark('parley:shown');
  }

  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const st = P.state.get();
    if (st.sel || st.q) P.state.set({ sel: '', q: '' });
    P.search.input.value = '';
  });

  async function poll() {
    try {
      const info = await P.api.json('/api/info');
      if (info.generation !== P.info.generation) {
        P.info = info;
        showInfo(info);
        P.time.setup(info.dates);
        P.view.forget();
        update(P.state.get(), null);
      } else if (info.problem !== P.info.problem) {
        P.info.problem = info.problem;
        showInfo(info);
      }
    } catch (e) { /* the server is gone or busy; try again later */ }
  }

  async function start() {
    try {
      P.info = await P.api.json('/api/info');
    } catch (e) {
      P.panel.error('Cannot reach parley: ' + e.message);
      return;
    }
    showInfo(P.info);
    buttons(P.info);
    P.time.setup(P.info.dates);
    P.state.onChange(update);
    P.state.start();
    if (P.info.watch && !P.api.standalone) setInterval(poll, 2000);
  }

  start();
})(window.parley = window.parley || {});
