// search: the search box. It takes a name or one of the command line's
// questions ("who opposes nato", "common ground russia us") and asks the
// server, which reads it (the same matching as the command line) and
// answers with the command's own JSON. A saved page answers names and
// "who supports/opposes X" from the tables parley saved with it.
'use strict';
(function (P) {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search');

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (q) P.state.set({ q, sel: '' });
  });

  function norm(s) { return s.toLowerCase().trim().replace(/\s+/g, ' '); }

  // name looks a name up in a table of the command line's answers for
  // every name, id and alias and each of their starts; a person's name
  // finds their party, and its note says so.
  function name(table, kind, s, notes) {
    const hit = table[norm(s)];
    if (!hit) throw new P.api.APIError('no ' + kind + ' matches "' + s + '"', 404);
    if (hit.error) throw new P.api.APIError(hit.error, 400);
    if (hit.note && notes) notes.push(hit.note);
    return hit.id;
  }

  async function offline(text) {
    const words = norm(text).split(' ');
    if (words[0] === 'parley') words.shift();
    const t = P.api.tables;
    if (words[0] === 'who') {
      for (let n = Math.min(4, words.length - 1); n > 0; n--) {
        const verb = P.info.who_verbs[words.slice(1, 1 + n).join(' ')];
        if (!verb) continue;
        const d = name(t.demands, 'demand', words.slice(1 + n).join(' '));
        const ans = await P.api.json('/api/who/' + verb + '/' + d);
        return { question: { command: 'who', args: [verb, d], flags: {} }, notes: [], cli: 'parley who ' + verb + ' ' + d,
          highlight: { parties: ans.parties.map((s) => s.id), demands: [d] }, answer: ans };
      }
      throw new P.api.APIError('after "who", say supports, opposes, is neutral on or has no stance on', 400);
    }
    const known = ['party', 'demand'];
    if (words.length > 1 && known.includes(words[0])) {
      const kind = words.shift();
      const notes = [];
      return ask1(kind, name(kind === 'party' ? t.parties : t.demands, kind, words.join(' '), notes), notes);
    }
    const whole = words.join(' ');
    if (t.parties[whole] && !t.parties[whole].error) {
      return ask1('party', t.parties[whole].id, t.parties[whole].note ? [t.parties[whole].note] : []);
    }
    if (t.demands[whole] && !t.demands[whole].error) return ask1('demand', t.demands[whole].id);
    if (t.parties[whole] || t.demands[whole]) throw new P.api.APIError((t.parties[whole] || t.demands[whole]).error, 400);
    throw new P.api.APIError('no party or demand matches "' + text + '". ' + P.api.offline, 404);
  }

  async function ask1(kind, id, notes) {
    const ans = await P.api.json('/api/' + kind + '/' + id);
    const h = kind === 'party' ? { parties: [id], demands: [] } : { parties: [], demands: [id] };
    return { question: { command: kind, args: [id], flags: {} }, notes: notes || [], cli: 'parley ' + kind + ' ' + id, highlight: h,
      answer: ans };
  }

  // ask answers text at the date asOf ('' for the latest).
  async function ask(text, asOf) {
    if (P.api.standalone) {
      if (asOf) throw new P.api.APIError('Questions at a past date need parley serve.', 0);
      return offline(text);
    }
    const q = new URLSearchParams({ q: text });
    if (asOf) q.set('as-of', asOf);
    return P.api.json('/api/ask?' + q.toString());
  }

  P.search = { ask, input };
})(window.parley = window.parley || {});
