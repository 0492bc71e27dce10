/**
 * The dashboard's only script, served from our own route (`/assets/dashboard.js`). Vanilla JS, no
 * dependencies, no external requests: live progress polling, synchronized playback of every clip,
 * and keyboard review (j/k or arrows, 1/2/3 or p/e/f, n, Enter) posting to `/api/jobs/:id/verdict`.
 * Kept as plain ES2019 text so no bundler is needed.
 */
export const DASHBOARD_SCRIPT = String.raw`(function () {
  'use strict';
  var POLL_MS = 2000;
  var page = document.body.getAttribute('data-page');
  function $(sel) { return document.querySelector(sel); }
  function $$(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
  function pct(rate) { return rate === null ? '\u2014' : Math.round(rate * 100) + '%'; }
  function usd(v) { return '$' + v.toFixed(v !== 0 && Math.abs(v) < 0.1 ? 3 : 2); }
  function getJson(url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error(url + ' ' + r.status);
      return r.json();
    });
  }

  // Experiments list: poll while any run is running, update progress in place.
  function pollExperiments() {
    var live = $('#live');
    function anyRunning() { return $$('tr[data-run]').some(function (tr) { return tr.getAttribute('data-status') === 'running'; }); }
    function tick() {
      if (!anyRunning()) { if (live) live.textContent = ''; return; }
      if (live) live.textContent = 'live: refreshing every 2 s while a run is going';
      getJson('/api/experiments').then(function (data) {
        data.experiments.forEach(function (row) {
          var tr = document.querySelector('tr[data-run="' + CSS.escape(row.id) + '"]');
          if (!tr) { location.reload(); return; }
          tr.setAttribute('data-status', row.status);
          var status = tr.querySelector('[data-field=status]');
          status.textContent = row.status; status.className = 'status status-' + row.status;
          tr.querySelector('[data-field=spend]').textContent = usd(row.spend_usd);
          tr.querySelector('[data-field=usable]').innerHTML = pct(row.usable_rate) + ' <span class="muted">(' + row.usable + '/' + row.judged + ')</span>';
          tr.querySelector('[data-field=progress]').textContent = row.finished + '/' + row.jobs;
          var bar = tr.querySelector('.bar > span');
          if (bar) bar.style.width = (row.jobs === 0 ? 0 : Math.round(row.finished / row.jobs * 100)) + '%';
        });
      }).catch(function () { if (live) live.textContent = 'live: dashboard server unreachable, retrying'; })
        .then(function () { setTimeout(tick, POLL_MS); });
    }
    tick();
  }

  // Synchronized playback: one control drives every <video data-sync>.
  function syncPlayback() {
    var videos = $$('video[data-sync]');
    var play = $('#sync-play'), scrub = $('#sync-scrub'), time = $('#sync-time');
    if (!play || videos.length === 0) { if (play) play.disabled = true; return { toggle: function () {} }; }
    var scrubbing = false;
    function longest() {
      return videos.reduce(function (a, b) { return (b.duration || 0) > (a.duration || 0) ? b : a; }, videos[0]);
    }
    function playing() { return videos.some(function (v) { return !v.paused; }); }
    function seekAll(t) {
      videos.forEach(function (v) { var d = v.duration || 0; v.currentTime = d > 0 ? Math.min(t, Math.max(0, d - 0.01)) : t; });
    }
    function show() {
      var lead = longest();
      if (!scrubbing) scrub.value = String(lead.currentTime || 0);
      time.textContent = (lead.currentTime || 0).toFixed(2) + ' s';
      play.textContent = playing() ? '\u275a\u275a pause all' : '\u25b6 play all';
    }
    function toggle() {
      if (playing()) { videos.forEach(function (v) { v.pause(); }); }
      else {
        var t = Number(scrub.value);
        if (t >= Number(scrub.max) - 0.05) t = 0;
        seekAll(t);
        videos.forEach(function (v) { var p = v.play(); if (p && p.catch) p.catch(function () {}); });
      }
      show();
    }
    videos.forEach(function (v) {
      v.addEventListener('loadedmetadata', function () { scrub.max = String(longest().duration || 1); });
      v.addEventListener('timeupdate', function () {
        if (v !== longest()) return;
        // Keep followers within 0.25 s of the longest clip.
        videos.forEach(function (o) {
          if (o !== v && !o.paused && o.duration > v.currentTime && Math.abs(o.currentTime - v.currentTime) > 0.25) o.currentTime = v.currentTime;
        });
        show();
      });
      v.addEventListener('ended', function () {
        if (v === longest()) { seekAll(0); videos.forEach(function (o) { var p = o.play(); if (p && p.catch) p.catch(function () {}); }); }
      });
      v.addEventListener('play', show); v.addEventListener('pause', show);
    });
    play.addEventListener('click', toggle);
    scrub.addEventListener('input', function () { scrubbing = true; seekAll(Number(scrub.value)); time.textContent = Number(scrub.value).toFixed(2) + ' s'; });
    scrub.addEventListener('change', function () { scrubbing = false; });
    return { toggle: toggle };
  }

  // Keyboard review.
  function review(player) {
    var cards = $$('.clip[data-job]');
    var note = $('#review-note'), target = $('#review-target'), status = $('#review-status');
    var index = -1, pending = null;
    var KEYS = { '1': 'pass', p: 'pass', '2': 'pass_with_edits', e: 'pass_with_edits', '3': 'fail', f: 'fail' };
    var LABEL = { pass: 'pass', pass_with_edits: 'pass with edits', fail: 'fail' };
    function choose(v) {
      pending = v;
      $$('[data-choose]').forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-choose') === v); });
      if (index >= 0 && v) status.textContent = LABEL[v] + ' chosen: Enter saves';
    }
    function select(i) {
      if (cards.length === 0) return;
      index = Math.max(0, Math.min(cards.length - 1, i));
      cards.forEach(function (c, j) { c.classList.toggle('sel', j === index); });
      var card = cards[index];
      card.scrollIntoView({ block: 'nearest' });
      target.textContent = card.getAttribute('data-label');
      note.value = card.getAttribute('data-note') || '';
      choose(null); status.textContent = '';
    }
    function badge(verdict, auto) {
      return '<span class="v v-' + verdict + '">' + verdict + '</span> <span class="muted">human' + (auto && auto !== verdict ? ', auto ' + auto : '') + '</span>';
    }
    function save() {
      if (index < 0) { status.textContent = 'select a clip first (j/k)'; return; }
      if (pending === null) { status.textContent = 'choose 1 pass / 2 edits / 3 fail first'; return; }
      var card = cards[index], job = card.getAttribute('data-job'), verdict = pending, text = note.value;
      status.textContent = 'saving\u2026';
      fetch('/api/jobs/' + encodeURIComponent(job) + '/verdict', {
        method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(text.trim() === '' ? { verdict: verdict } : { verdict: verdict, note: text })
      }).then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (!res.ok) { status.textContent = 'not saved: ' + (res.body.error ? res.body.error.message : 'error'); return; }
          var b = res.body;
          card.setAttribute('data-verdict', b.effective);
          card.setAttribute('data-note', b.recorded.note || '');
          card.querySelector('[data-field=verdict]').innerHTML = badge(b.effective, card.getAttribute('data-auto'));
          card.querySelector('[data-field=note]').textContent = b.recorded.note ? 'note: ' + b.recorded.note : '';
          $('#agreement').textContent = b.agreement_text;
          $('#usable-rate').textContent = b.usable_rate_text;
          $('#spend').textContent = b.spend_text;
          status.textContent = 'saved \u2713 ' + LABEL[b.effective] + ' for #' + job;
          note.blur();
        })
        .catch(function (err) { status.textContent = 'not saved: ' + err.message; });
    }
    cards.forEach(function (c, j) { c.addEventListener('click', function () { select(j); }); });
    $$('[data-choose]').forEach(function (b) { b.addEventListener('click', function () { choose(b.getAttribute('data-choose')); }); });
    $('#review-save').addEventListener('click', save);
    document.addEventListener('keydown', function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (ev.target === note) {
        if (ev.key === 'Enter') { ev.preventDefault(); save(); }
        else if (ev.key === 'Escape') note.blur();
        return;
      }
      if (ev.target && (ev.target.tagName === 'INPUT' || ev.target.tagName === 'TEXTAREA') && ev.target.type !== 'range') return;
      var k = ev.key;
      if (k === 'j' || k === 'ArrowDown' || k === 'ArrowRight') { ev.preventDefault(); select(index + 1); }
      else if (k === 'k' || k === 'ArrowUp' || k === 'ArrowLeft') { ev.preventDefault(); select(index < 0 ? 0 : index - 1); }
      else if (KEYS[k]) { ev.preventDefault(); if (index < 0) select(0); choose(KEYS[k]); }
      else if (k === 'n') { ev.preventDefault(); if (index < 0) select(0); note.focus(); }
      else if (k === 'Enter') { ev.preventDefault(); save(); }
      else if (k === ' ') { ev.preventDefault(); player.toggle(); }
    });
  }

  function pollRun() {
    var run = document.body.getAttribute('data-run');
    if (document.body.getAttribute('data-status') !== 'running') return;
    function tick() {
      getJson('/api/experiments/' + encodeURIComponent(run)).then(function (data) {
        var s = $('#run-status'); s.textContent = data.experiment.status; s.className = 'status status-' + data.experiment.status;
        if (data.experiment.status !== 'running') { location.reload(); return; }
        setTimeout(tick, POLL_MS);
      }).catch(function () { setTimeout(tick, POLL_MS); });
    }
    setTimeout(tick, POLL_MS);
  }

  if (page === 'experiments') pollExperiments();
  if (page === 'experiment') { review(syncPlayback()); pollRun(); }
})();
`;
