// panel: the side panel (#details). It shows what the command line shows
// for a party, a demand, a question or the scenario as a whole, built
// element by element; every text from the scenario goes in as text.
'use strict';
(function (P) {
  const details = document.getElementById('details');

  // el makes an element; strings among the children become text.
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'onclick') e.addEventListener('click', v);
      else if (k === 'href') {
        if (/^https?:\/\//i.test(String(v).trim())) { e.href = v; e.target = '_blank'; e.rel = 'noopener noreferrer'; }
      } else e.setAttribute(k, v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      e.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  function show(...nodes) {
    details.replaceChildren(...nodes.flat(Infinity).filter(Boolean));
    details.scrollTop = 0;
  }

  function partyName(id) {
    const p = (P.info.parties || []).find((x) => x.id === id);
    return p && p.name ? p.name : id;
  }
  function demandName(id) {
    const d = (P.info.demands || []).find((x) => x.id === id);
    return d && d.name ? d.name : id;
  }

  // link selects a party or demand when clicked.
  function link(kind, id, label) {
    return el('button', { type: 'button', class: 'link', 'data-select': kind + ':' + id,
      onclick: () => P.state.set({ sel: kind + ':' + id, q: '' }) }, label || (kind === 'party' ? partyName(id) : demandName(id)));
  }
  // links lists parties or demands, the first 40 of a long list.
  function links(kind, ids) {
    if (!ids || ids.length === 0) return [el('span', { class: 'muted' }, 'none')];
    const out = [];
    ids.slice(0, 40).forEach((id, i) => { if (i) out.push(', '); out.push(link(kind, id)); });
    if (ids.length > 40) out.push(el('span', { class: 'muted' }, ' and ' + (ids.length - 40) + ' more'));
    return out;
  }

  function source(id) {
    const s = (P.info.sources || []).find((x) => x.id === id);
    if (!s) return id;
    const label = [s.title || s.id, s.publisher, s.published].filter(Boolean).join(', ');
    if (/^https?:\/\//i.test(s.url || '')) return el('a', { href: s.url }, label);
    return label;
  }

  // whose says whose words a quote is: the speaker's, the party's through
  // no one named, or the report's own narration (and about whom).
  function whose(s) {
    if (s.by) return s.by_name || s.by;
    if (!s.quote) return '';
    if (s.evidence === 'said') return 'the party, no speaker named';
    return 'the report\'s own words' + (s.about && s.about.length ? ', about ' + s.about.join(', ') : '');
  }

  // stance shows one stance: who or what, position and strength, whose
  // words and the words, the source and the date, and whether the position
  // is inferred.
  function stance(head, s) {
    const who = whose(s);
    const said = s.evidence === 'said' ? 'said ' : 'as of ';
    return el('div', { class: 'stance' },
      el('div', { class: 'what' }, head, ' ', el('span', { class: s.stance }, s.stance + (s.strength ? ', ' + s.strength : '')),
        s.inferred ? el('span', { class: 'muted' }, ' (inferred: the source states no position)') : null),
      s.quote ? el('blockquote', {}, '“' + s.quote + '”') : null,
      el('div', { class: 'muted' }, [who ? '— ' + who : '', s.source ? (who ? ', ' : '') : '', s.source ? source(s.source) : '',
        s.as_of ? ' (' + said + s.as_of + ')' : ''].filter((x) => x !== '')),
      s.condition && s.condition.length ? el('div', {}, 'Only if: ', links('demand', s.condition)) : null,
      s.note ? el('div', { class: 'muted' }, 'Note: ' + s.note) : null);
  }

  function cli(text) { return el('div', { class: 'cli' }, text); }

  // said shows what the command line would say on stderr of how it read
  // the names: "Volodymyr Zelenskyy speaks for Ukraine."
  function said(notes) {
    return (notes || []).filter((n) => typeof n === 'string' && n).map((n) => el('p', { class: 'note' }, n));
  }

  // drawIt offers the view of one party or demand.
  function drawIt(kind, id) {
    const view = kind + ':' + id;
    if (P.state.get().view === view || (kind === 'party' && P.info.large)) return null;
    return el('p', {}, el('button', { type: 'button', 'data-draw': view, onclick: () => P.state.set({ view }) }, 'Draw its view'));
  }

  function party(j, asOf, notes) {
    const groups = [['Supports', j.support], ['Opposes', j.oppose], ['Neutral on', j.neutral]];
    show(el('h2', {}, j.name || j.id), cli('parley party ' + j.id + (asOf ? ' --as-of ' + asOf : '')), said(notes), drawIt('party', j.id),
      j.description ? el('p', {}, j.description) : null,
      j.aliases && j.aliases.length ? el('p', { class: 'muted' }, 'Also called: ' + j.aliases.join(', ')) : null,
      j.people && j.people.length ? el('p', { class: 'muted' }, 'Speaking for it: ' + j.people.map((x) => x.name).join(', ')) : null,
      groups.map(([title, list]) => [el('h3', {}, title + ' (' + list.length + ')'),
        list.map((s) => stance(link('demand', s.id, s.name || s.id), s))]),
      el('h3', {}, 'No recorded stance (' + j.unknown.length + ')'), el('p', {}, links('demand', j.unknown)),
      el('h3', {}, 'Red lines'), el('p', {}, links('demand', j.red_lines)),
      el('h3', {}, 'Allies and adversaries'),
      el('p', { class: 'muted' }, 'Counted over the demands both have a stance on.'),
      relations('Allies', j.allies), relations('Adversaries', j.adversaries));
  }

  function relations(title, rs) {
    if (!rs || rs.length === 0) return el('p', {}, title + ': none');
    return el('div', {}, title + ':', el('ul', {}, rs.map((r) => el('li', {}, link('party', r.id, r.name || r.id),
      ' — agree on ' + r.agree + ', clash on ' + r.conflict + ' of ' + r.shared + ' shared'))));
  }

  function demand(j, asOf) {
    const groups = [['Support', j.support], ['Oppose', j.oppose], ['Neutral', j.neutral]];
    show(el('h2', {}, j.name || j.id), cli('parley demand ' + j.id + (asOf ? ' --as-of ' + asOf : '')), drawIt('demand', j.id),
      j.description ? el('p', {}, j.description) : null,
      el('p', { class: 'muted' }, [j.raised_by ? ['Raised by ', link('party', j.raised_by)] : null,
        j.tags && j.tags.length ? ' · Tags: ' + j.tags.join(', ') : null, j.date ? ' · ' + j.date : null]),
      j.excludes && j.excludes.length ? el('p', {}, 'Cannot be agreed with: ', links('demand', j.excludes)) : null,
      groups.map(([title, list]) => [el('h3', {}, title + ' (' + list.length + ')'),
        list.map((s) => stance(link('party', s.id, s.name || s.id), s))]),
      el('h3', {}, 'No recorded stance (' + j.unknown.length + ')'),
      el('p', {}, links('party', j.unknown)),
      el('p', { class: 'muted' }, 'A missing stance is unknown, not neutral.'));
  }

  function num(x) { return typeof x === 'number' ? (Math.round(x * 100) / 100).toFixed(2) : String(x); }

  function pairsTable(pairs) {
    if (!pairs || pairs.length === 0) return el('p', { class: 'muted' }, 'none');
    return el('table', {}, el('tr', {}, ['Pair', 'agree', 'clash', 'shared', 'distance', 'κ'].map((h) => el('th', {}, h))),
      pairs.map((p) => el('tr', {}, el('td', {}, link('party', p.a, p.a), ' – ', link('party', p.b, p.b)),
        el('td', { class: 'num' }, p.agree), el('td', { class: 'num' }, p.conflict), el('td', { class: 'num' }, p.shared),
        el('td', { class: 'num' }, num(p.distance)), el('td', { class: 'num' }, num(p.kappa)))));
  }

  function blocs(c) {
    if (!c || !c.blocs) return null;
    return [el('p', { class: 'muted' }, c.blocs.length + ' blocs, frustration ' + c.frustration + (c.exact ? ' (exact)' : ' (best found)')),
      el('ol', {}, c.blocs.map((b) => el('li', {}, links('party', b.parties),
        el('span', { class: 'muted' }, ' — internal agreement ' + num(b.internal_agreement)))))];
  }

  function summary(j, asOf) {
    show(el('h2', {}, j.title || 'Summary'), cli('parley summary' + (asOf ? ' --as-of ' + asOf : '')),
      asOf ? el('p', {}, el('strong', {}, 'As of ' + asOf)) : null,
      el('p', {}, j.parties + ' parties, ' + j.demands + ' demands, ' + j.stances + ' stances (' + j.support + ' support, ' +
        j.oppose + ' oppose, ' + j.neutral + ' neutral)' + (j.date ? ' · ' + j.date : '')),
      el('p', {}, 'Conflict degree of the scenario: ' + num(j.conflict_degree),
        el('span', { class: 'muted' }, ' (0: no demand is contested; 1: every demand splits its parties evenly)')),
      el('h3', {}, 'Most contested demands'),
      el('ul', {}, (j.contested || []).map((d) => el('li', {}, link('demand', d.id, d.name || d.id),
        el('span', { class: 'muted' }, ' — conflict degree ' + num(d.conflict_degree) + ': ' + d.supporters.length + ' for, ' +
          d.opposers.length + ' against')))),
      el('h3', {}, 'Blocs'), blocs(j.coalitions),
      el('h3', {}, 'Strongest alliances'), pairsTable(j.alliances),
      el('h3', {}, 'Strongest conflicts'), pairsTable(j.conflicts),
      el('p', { class: 'muted' }, 'Distance: 0 always agree, 1 always clash, over the demands both have a stance on; κ corrects agreement for chance.'),
      j.common_ground ? [el('h3', {}, 'What all could accept'),
        el('p', {}, links('demand', (j.common_ground.acceptable || []).map((d) => d.id)))] : null,
      el('h3', {}, 'Red lines (' + j.red_lines_total + ')'),
      (j.red_lines || []).map((s) => stance([link('party', s.party), ' on ', link('demand', s.demand)], s)));
  }

  // who shows the parties that take a position on a demand: the answer
  // names the demand, the position and the date it is resolved at.
  function who(j) {
    const phrases = { support: ['supports', 'support'], oppose: ['opposes', 'oppose'], neutral: ['is neutral on', 'are neutral on'],
      unknown: ['has no recorded stance on', 'have no recorded stance on'] }[j.stance] || [j.stance, j.stance];
    const n = j.parties.length;
    return [el('h3', {}, n + (n === 1 ? ' party ' + phrases[0] : ' parties ' + phrases[1]) + ' ', link('demand', j.demand, j.demand_name || j.demand),
      j.as_of ? ', as of ' + j.as_of : ''),
    j.parties.map((s) => s.stance === 'unknown' ? el('div', {}, link('party', s.id, s.name || s.id)) : stance(link('party', s.id, s.name || s.id), s))];
  }

  function ground(j) {
    const item = (d) => el('li', {}, link('demand', d.id, d.name || d.id), el('span', { class: 'muted' },
      ' — weight ' + d.weight + '; supported by ' + d.supporters.join(', ') + (d.neutral.length ? '; neutral ' + d.neutral.join(', ') : '') +
      (d.unknown.length ? '; no stance ' + d.unknown.join(', ') : '')));
    return [el('h3', {}, 'All of them support'), j.consensus.length ? el('ul', {}, j.consensus.map(item)) : el('p', { class: 'muted' }, 'nothing'),
      el('h3', {}, 'None of them opposes'), j.acceptable.length ? el('ul', {}, j.acceptable.map(item)) : el('p', { class: 'muted' }, 'nothing'),
      el('h3', {}, 'Best packages' + (j.exact ? '' : ' (best found)')),
      el('ol', {}, (j.packages || []).map((p) => el('li', {}, links('demand', p.demands), el('span', { class: 'muted' }, ' — weight ' + p.weight))))];
  }

  function concessions(j) {
    return [el('p', {}, j.carries ? 'Nobody among them opposes it: it carries.' :
      'To carry it (nobody opposing) costs ' + j.cost + '; for all with a stance to support it, ' + j.support_cost + '.'),
    j.red_lines.length ? el('p', { class: 'oppose' }, 'Red lines: ', links('party', j.red_lines)) : null,
    el('h3', {}, 'Who must move'),
    el('ul', {}, j.moves.map((m) => el('li', {}, link('party', m.party), ' from ' + m.from + ' (' + m.strength + '): ' +
      m.to_neutral + ' step(s) to neutral, ' + m.to_support + ' to support; cost ' + m.cost + (m.red_line ? ' — a red line' : '')))),
    el('h3', {}, 'Supporters'), j.supporters.map((s) => stance(link('party', s.party), s)),
    j.unknown.length ? el('p', {}, 'No recorded stance: ', links('party', j.unknown)) : null];
  }

  function generic(j) { return el('pre', {}, JSON.stringify(j, null, 2)); }

  // answer shows the answer to a question from the search box.
  function answer(a) {
    const q = a.question;
    let body;
    switch (q.command) {
      case 'party': return party(a.answer, '', a.notes);
      case 'demand': return demand(a.answer);
      case 'summary': return summary(a.answer);
      case 'who': body = who(a.answer); break;
      case 'common-ground': body = ground(a.answer); break;
      case 'concessions': body = concessions(a.answer); break;
      case 'conflicts': case 'agreements':
        body = [el('p', {}, 'Conflict degree: ' + num(a.answer.conflict_degree)), pairsTable(a.answer.pairs)]; break;
      case 'coalitions': body = blocs(a.answer); break;
      default: body = generic(a.answer);
    }
    const title = { who: 'Who ' + q.args[0].replace(/-/g, ' '), 'common-ground': 'Common ground of ' + q.args.map(partyName).join(', '),
      concessions: 'Concessions for ' + demandName(q.args[0]) }[q.command] || q.command;
    show(el('h2', {}, title), cli(a.cli), said(a.notes), body);
  }

  function error(message, hint) {
    show(el('p', { class: 'error' }, message), hint ? el('p', { class: 'muted' }, hint) : null);
  }

  function message(title, text) { show(el('h2', {}, title), el('p', {}, text)); }

  P.panel = { party, demand, summary, answer, error, message, el };
})(window.parley = window.parley || {});
