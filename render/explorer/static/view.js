// view: the picture. It asks for parley's own drawing of a view, puts it
// in the page as SVG (parsed as XML, never as HTML), lets it be panned and
// zoomed, lights up parties and demands, and shows the evidence behind a
// line or node in a card while the pointer or focus is on it.
'use strict';
(function (P) {
  const canvas = document.getElementById('canvas');
  const stage = document.getElementById('stage');
  const status = document.getElementById('status');
  const card = document.getElementById('hovercard');
  const XLINK = 'http://www.w3.org/1999/xlink';
  const forbidden = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'style', 'use', 'image',
    'animate', 'set', 'animatemotion', 'animatetransform', 'handler', 'listener']);
  let svg = null;
  let base = null; // the drawing's own viewBox
  let vb = null; // the one shown
  let drawn = '';
  let seq = 0;
  let lit = null;

  // path is the address of a view's drawing: at a date, and for the map
  // with what changed since the date before marked.
  function path(view, asOf) {
    const info = P.info;
    const q = new URLSearchParams();
    q.set('view', view);
    if (view === 'parties' && info.top) q.set('top', String(info.top));
    const i = asOf ? info.dates.indexOf(asOf) : -1;
    if (view === 'map' && i > 0) {
      q.set('diff', 'true');
      q.set('from', info.dates[i - 1]);
      q.set('to', asOf);
    } else if (asOf) {
      q.set('as-of', asOf);
    }
    return '/api/render?' + q.toString();
  }

  // clean drops from a parsed drawing whatever parley never draws:
  // scripts, foreign content, event handlers, links other than http(s).
  function clean(root) {
    const all = [root, ...root.querySelectorAll('*')];
    for (const el of all) {
      if (forbidden.has(el.localName.toLowerCase())) { el.remove(); continue; }
      for (const a of [...el.attributes]) {
        const n = a.localName.toLowerCase();
        if (n.startsWith('on')) el.removeAttributeNode(a);
        else if ((n === 'href' || n === 'src') && !/^https?:\/\//i.test(a.value.trim())) el.removeAttributeNode(a);
      }
    }
  }

  // prepare makes a drawing interactive: every party and demand can be
  // reached with Tab, tooltips move to the card, links open apart.
  function prepare(root) {
    root.setAttribute('width', '100%');
    root.setAttribute('height', '100%');
    root.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    for (const a of root.querySelectorAll('a')) {
      const tip = a.getAttributeNS(XLINK, 'title') || a.getAttribute('title');
      if (tip) {
        const g = a.closest('g.node, g.edge') || a;
        if (!g.dataset.tip) g.dataset.tip = tip;
        a.removeAttributeNS(XLINK, 'title');
        a.removeAttribute('title');
      }
      if (a.getAttributeNS(XLINK, 'href') || a.getAttribute('href')) {
        a.setAttribute('target', '_blank');
        a.setAttribute('rel', 'noopener noreferrer');
      }
    }
    // parley's own drawings (the matrix, the space view) give a party's,
    // demand's or stance's group its tooltip as the <title> of a shape in
    // it.
    for (const g of root.querySelectorAll('g.node, g.edge')) {
      const titles = g.querySelectorAll(':scope > * > title');
      if (titles.length === 0) continue;
      if (!g.dataset.tip) g.dataset.tip = titles[0].textContent;
      for (const t of titles) t.remove();
    }
    for (const g of root.querySelectorAll('g.node[data-party], g.node[data-demand]')) {
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      const label = (g.dataset.tip || g.dataset.party || g.dataset.demand).split('\n')[0];
      g.setAttribute('aria-label', label);
    }
  }

  async function draw(p) {
    if (p === drawn) return false;
    const my = ++seq;
    status.textContent = 'Drawing…';
    let text;
    try {
      text = await P.api.text(p);
    } catch (e) {
      if (my === seq) status.textContent = e.message;
      throw e;
    }
    if (my !== seq) return false;
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    if (root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) {
      status.textContent = 'The drawing could not be read.';
      throw new Error('The drawing could not be read.');
    }
    clean(root);
    const node = document.importNode(root, true);
    prepare(node);
    base = (node.getAttribute('viewBox') || '0 0 100 100').split(/[\s,]+/).map(Number);
    vb = base.slice();
    canvas.replaceChildren(node);
    svg = node;
    drawn = p;
    canvas.dataset.drawn = p;
    performance.mark('parley:drawn', { detail: p });
    status.textContent = '';
    hideCard();
    if (lit) light(lit);
    return true;
  }

  function setViewBox() {
    if (svg) svg.setAttribute('viewBox', vb.map((v) => +v.toFixed(2)).join(' '));
  }

  // scale is drawing units per screen pixel.
  function scale() {
    const r = canvas.getBoundingClientRect();
    return Math.max(vb[2] / Math.max(r.width, 1), vb[3] / Math.max(r.height, 1));
  }

  function zoom(factor, cx, cy) {
    if (!svg) return;
    const r = canvas.getBoundingClientRect();
    const s = scale();
    // the drawing point under (cx, cy) stays put
    const ox = vb[0] + (vb[2] - r.width * s) / 2;
    const oy = vb[1] + (vb[3] - r.height * s) / 2;
    const px = ox + (cx - r.left) * s;
    const py = oy + (cy - r.top) * s;
    const w = Math.min(Math.max(vb[2] * factor, base[2] / 20), base[2] * 4);
    const f = w / vb[2];
    vb = [px - (px - vb[0]) * f, py - (py - vb[1]) * f, vb[2] * f, vb[3] * f];
    setViewBox();
  }

  function reset() {
    if (!svg) return;
    vb = base.slice();
    setViewBox();
  }

  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, e.clientX, e.clientY);
  }, { passive: false });

  let drag = null;
  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, vb: vb && vb.slice(), moved: false, id: e.pointerId };
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drag || !svg) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      canvas.setPointerCapture(drag.id);
      canvas.classList.add('dragging');
      hideCard();
    }
    const s = scale();
    vb = [drag.vb[0] - dx * s, drag.vb[1] - dy * s, vb[2], vb[3]];
    setViewBox();
  });
  function endDrag(e) {
    if (drag && drag.moved) {
      canvas.classList.remove('dragging');
      // a drag is not a click
      const stop = (ev) => { ev.stopPropagation(); ev.preventDefault(); };
      canvas.addEventListener('click', stop, { capture: true, once: true });
      setTimeout(() => canvas.removeEventListener('click', stop, { capture: true }), 0);
    }
    drag = null;
  }
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);

  for (const b of document.querySelectorAll('#zoom button')) {
    b.addEventListener('click', () => {
      const r = canvas.getBoundingClientRect();
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      if (b.dataset.zoom === 'in') zoom(1 / 1.4, cx, cy);
      else if (b.dataset.zoom === 'out') zoom(1.4, cx, cy);
      else reset();
    });
  }

  // ends lists what an edge joins, as "p:ID" and "d:ID".
  function ends(g) {
    const d = g.dataset;
    if (d.party && d.demand) return ['p:' + d.party, 'd:' + d.demand];
    if (d.parties) return d.parties.split(' ').map((x) => 'p:' + x);
    if (d.demands) return d.demands.split(' ').map((x) => 'd:' + x);
    return [];
  }
  function idOf(g) {
    if (g.dataset.party) return 'p:' + g.dataset.party;
    if (g.dataset.demand) return 'd:' + g.dataset.demand;
    return '';
  }

  // light marks what an answer is about. h has parties and demands (ids)
  // and, for a selection, selected ("party:ID" or "demand:ID"), whose
  // lines and neighbours light up too.
  function light(h) {
    lit = h;
    if (!svg) return;
    for (const el of svg.querySelectorAll('.hl, .sel')) el.classList.remove('hl', 'sel');
    svg.classList.remove('dim');
    if (!h) return;
    const on = new Set([...(h.parties || []).map((x) => 'p:' + x), ...(h.demands || []).map((x) => 'd:' + x)]);
    const sel = h.selected ? (h.selected.startsWith('party:') ? 'p:' : 'd:') + h.selected.replace(/^[a-z]+:/, '') : '';
    if (sel) on.add(sel);
    const edges = [...svg.querySelectorAll('g.edge')];
    const near = new Set(on);
    for (const g of edges) {
      const e = ends(g);
      if (e.length === 0) continue;
      if ((sel && e.includes(sel)) || e.every((x) => on.has(x))) {
        g.classList.add('hl');
        if (sel && e.includes(sel)) for (const x of e) near.add(x);
      }
    }
    let any = false;
    for (const g of svg.querySelectorAll('g.node')) {
      const id = idOf(g);
      if (id && near.has(id)) {
        g.classList.add('hl');
        any = true;
        if (id === sel) g.classList.add('sel');
      }
    }
    if (any) svg.classList.add('dim');
  }

  function showCard(g, x, y) {
    const tip = g.dataset.tip;
    if (!tip) return hideCard();
    card.textContent = tip;
    card.hidden = false;
    const r = stage.getBoundingClientRect();
    const cw = card.offsetWidth;
    const ch = card.offsetHeight;
    let left = x - r.left + 14;
    let top = y - r.top + 14;
    if (left + cw > r.width - 4) left = Math.max(4, x - r.left - cw - 14);
    if (top + ch > r.height - 4) top = Math.max(4, y - r.top - ch - 14);
    card.style.left = left + 'px';
    card.style.top = top + 'px';
  }
  function hideCard() { card.hidden = true; }

  canvas.addEventListener('mouseover', (e) => {
    if (drag && drag.moved) return;
    const g = e.target.closest && e.target.closest('[data-tip]');
    if (g) showCard(g, e.clientX, e.clientY);
  });
  canvas.addEventListener('mousemove', (e) => {
    if (card.hidden || (drag && drag.moved)) return;
    const g = e.target.closest && e.target.closest('[data-tip]');
    if (g) showCard(g, e.clientX, e.clientY);
  });
  canvas.addEventListener('mouseout', (e) => {
    const to = e.relatedTarget;
    if (!to || !to.closest || !to.closest('[data-tip]')) hideCard();
  });
  canvas.addEventListener('focusin', (e) => {
    const g = e.target.closest && e.target.closest('[data-tip]');
    if (g) {
      const b = g.getBoundingClientRect();
      showCard(g, b.right, b.bottom);
    }
  });
  canvas.addEventListener('focusout', hideCard);

  function choose(g) {
    if (g.dataset.party) P.state.set({ sel: 'party:' + g.dataset.party, q: '' });
    else if (g.dataset.demand) P.state.set({ sel: 'demand:' + g.dataset.demand, q: '' });
  }
  canvas.addEventListener('click', (e) => {
    const g = e.target.closest && e.target.closest('g.node[data-party], g.node[data-demand]');
    if (g) {
      e.preventDefault();
      choose(g);
    }
  });
  canvas.addEventListener('keydown', (e) => {
    const g = e.target.closest && e.target.closest('g.node[data-party], g.node[data-demand]');
    if (g && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      choose(g);
    }
  });

  P.view = { path, draw, light, reset, drawn: () => drawn, forget: () => { drawn = ''; } };
})(window.parley = window.parley || {});
