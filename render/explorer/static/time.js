// time: the date control (#as-of). It steps through the dates the
// scenario's stances were recorded at, then "latest"; the view is drawn
// as of the chosen date, the map with what changed since the date before
// marked.
'use strict';
(function (P) {
  const box = document.getElementById('time');
  const slider = document.getElementById('as-of');
  const label = document.getElementById('as-of-label');
  let dates = [];
  let gesture = false;

  function setup(ds) {
    dates = ds || [];
    box.hidden = dates.length === 0;
    slider.min = '0';
    slider.max = String(dates.length);
    slider.step = '1';
  }

  function at(i) { return i >= dates.length ? '' : dates[i]; }

  // sync shows asOf on the control.
  function sync(asOf) {
    const i = asOf ? dates.indexOf(asOf) : -1;
    slider.value = String(i < 0 ? dates.length : i);
    label.textContent = asOf || 'latest';
    slider.setAttribute('aria-valuetext', asOf ? 'as of ' + asOf : 'latest stances');
  }

  slider.addEventListener('input', () => {
    const v = at(Number(slider.value));
    label.textContent = v || 'latest';
    // a drag makes one step of history
    P.state.set({ 'as-of': v }, { replace: gesture });
    gesture = true;
  });
  slider.addEventListener('change', () => { gesture = false; });

  P.time = { setup, sync, dates: () => dates };
})(window.parley = window.parley || {});
