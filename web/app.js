/*
 * app.js - the coalition builder page of `powershare serve`.
 *
 * The engine computes everything (majority, critical members, the
 * power-sharing condition: every part judged, with the reason each failed
 * part fails; power, Gamson shares, what-if results) through
 * the JSON API (docs/serve.md); this script only asks and shows. After a
 * what-if change the chamber shown (hemicycle, list, power chart, the
 * lists offered for the next change) is the changed one, as the API draws
 * it in whatif.chamber; Reset shows the file's chamber again. Text from
 * the data is set with textContent, never as HTML; charts are SVG made and
 * escaped by the engine, parsed as XML (DOMParser), not as HTML.
 */
'use strict';

// data: /api/analyze of the file's chamber; chamber: what is shown (data,
// or whatif.chamber after changes); selected: party ids of the coalition.
const state = { leg: null, data: null, chamber: null, selected: new Set(), steps: [] };

const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props || {});
  for (const c of children) e.append(c);
  return e;
}

function showError(message) {
  const p = $('error');
  p.textContent = message || '';
  p.hidden = !message;
}

async function api(path, params) {
  const q = new URLSearchParams(params);
  const r = await fetch(path + '?' + q.toString());
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

function putSvg(container, svgText) {
  container.replaceChildren();
  if (!svgText) return;
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.nodeName !== 'svg') return;
  container.append(document.importNode(svg, true));
}

function pct(v) {
  return v === null || v === undefined ? '-' : (100 * v).toFixed(1) + '%';
}

function stepParams() {
  const params = [];
  for (const s of state.steps) params.push([s.kind, s.text]);
  return params;
}

async function loadLegislatures() {
  const data = await api('/api/legislatures', {});
  const sel = $('leg-select');
  sel.replaceChildren();
  for (const l of data.legislatures) {
    sel.append(el('option', { value: l.id, textContent: l.name + ' (' + l.total_seats + ' seats)' }));
  }
  sel.addEventListener('change', () => selectLegislature(sel.value));
  if (data.legislatures.length) await selectLegislature(data.legislatures[0].id);
}

function nameOf(id) {
  for (const parties of [state.chamber ? state.chamber.parties : [], state.data.parties]) {
    const p = parties.find((q) => q.id === id);
    if (p) return p.name;
  }
  return id;
}

// Draws a chamber: the file's (changed false) or a what-if's. Each seat of
// the hemicycle gets its list's id as data-id (data-party is the list's
// index in this chamber), for clicks, highlighting and tests.
function showChamber(ch, changed) {
  state.chamber = ch;
  putSvg($('hemicycle'), ch.hemicycle_svg);
  for (const c of $('hemicycle').querySelectorAll('[data-party]')) {
    const p = ch.parties[Number(c.getAttribute('data-party'))];
    if (p) c.setAttribute('data-id', p.id);
  }
  $('hemicycle').dataset.changed = changed ? 'true' : 'false';
  $('chamber-note').textContent = changed
    ? '(after the what-if changes: ' + ch.total_seats + ' seats, ' + ch.quota + ' for a majority)' : '(click seats or lists)';
  putSvg($('power-chart'), ch.power_svg);
  $('power-note').textContent = changed ? '(after the what-if changes)' : '';
  const list = $('parties');
  list.replaceChildren();
  for (const i of ch.order) {
    const p = ch.parties[i];
    const b = el('button', { type: 'button' },
      el('span', { className: 'swatch' }),
      el('span', { className: 'name', textContent: p.name, title: p.name }),
      el('span', { className: 'seats', textContent: String(p.seats) }));
    b.querySelector('.swatch').style.background = p.color;
    b.dataset.id = p.id;
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', () => toggle(p.id));
    list.append(el('li', {}, b));
  }
  // the next change applies to this chamber: offer its lists
  for (const sid of ['step-a', 'step-b']) {
    const s = $(sid);
    const keep = s.value;
    s.replaceChildren();
    for (const p of ch.parties) s.append(el('option', { value: p.id, textContent: p.name }));
    if (ch.parties.some((p) => p.id === keep)) s.value = keep;
  }
  paintSelection();
}

// The file's condition as the engine words each part ("excludes AfD",
// "a list of each of Shia and Kurdish", "at most 4 lists").
function showConditionRule(cond) {
  const p = $('condition-rule');
  const parts = cond && cond.constrains ? cond.parts.map((x) => x.text) : [];
  p.textContent = parts.length
    ? 'Condition' + (cond.name ? ' "' + cond.name + '"' : '') + ': ' + parts.join('; ') + '.' : '';
  p.hidden = !parts.length;
}

// The executive the file's formation rule computes (Northern Ireland:
// ministries by d'Hondt over every party), said as computed, not chosen.
function showExecutive(ex) {
  const p = $('executive');
  p.hidden = !ex;
  if (!ex) return;
  const posts = ex.coalition.map((id, i) => nameOf(id) + ' ' + ex.won[i]).join(', ');
  const offices = ex.reserved.filter((r) => r.party).map((r) => r.office + ': ' + nameOf(r.party));
  p.textContent = 'Executive by the file\'s formation rule (computed, not bargained): ' +
    ex.posts + ' ministries, ' + posts + (offices.length ? '; ' + offices.join('; ') : '') + '.';
}

async function selectLegislature(id) {
  state.leg = id;
  state.selected.clear();
  state.steps = [];
  const data = await api('/api/analyze', { leg: id });
  state.data = data;
  $('rule').textContent = data.rule || '';
  $('quota').textContent = String(data.quota);
  showConditionRule(data.condition);
  showChamber(data, false);
  showExecutive(data.executive);
  $('steps').replaceChildren();
  $('whatif-summary').textContent = '';
  $('whatif-chart').replaceChildren();
  await refresh();
}

function toggle(id) {
  if (state.selected.has(id)) state.selected.delete(id); else state.selected.add(id);
  refresh().catch((e) => showError(e.message));
}

function paintSelection() {
  for (const c of $('hemicycle').querySelectorAll('[data-party]')) {
    const on = state.selected.has(c.getAttribute('data-id'));
    c.classList.toggle('selected', on);
    c.classList.toggle('dim', state.selected.size > 0 && !on);
  }
  for (const b of $('parties').querySelectorAll('button')) {
    b.setAttribute('aria-pressed', state.selected.has(b.dataset.id) ? 'true' : 'false');
  }
}

async function refresh() {
  showError('');
  paintSelection();
  const params = [['leg', state.leg], ['members', [...state.selected].join(',')], ...stepParams()];
  const c = await api('/api/coalition', params);
  $('seats-count').textContent = String(c.seats);
  $('quota').textContent = String(c.quota);
  const fill = $('meter-fill');
  fill.style.width = Math.min(100, 100 * c.seats / c.total_seats) + '%';
  fill.classList.toggle('ok', c.winning);
  $('meter-line').style.left = (100 * c.quota / c.total_seats) + '%';
  const v = $('verdict');
  v.textContent = c.verdict;
  v.className = 'verdict ' + (c.winning ? 'ok' : 'fail');
  const dropped = $('dropped');
  dropped.textContent = c.dropped.length ? 'Not in the changed chamber: ' + c.dropped.map(nameOf).join(', ') : '';
  dropped.hidden = !c.dropped.length;
  const cond = $('condition');
  const roles = $('condition-communities');
  roles.replaceChildren();
  const reasons = $('condition-reasons');
  reasons.replaceChildren();
  const k = c.condition.kind;
  const texts = {
    none: 'No power-sharing condition is declared for this chamber.',
    fails: c.condition.feasible
      ? 'Condition: its parts are met, but the coalition does not win.'
      : 'Condition: not met.',
    met: 'Condition: met.',
    show: 'Power-sharing condition: met, but for show (a required community is only there with surplus lists).',
    substance: 'Power-sharing condition: met, for substance (every required community holds a critical list).',
  };
  cond.textContent = texts[k] || k;
  cond.className = 'condition ' + k;
  cond.dataset.kind = k;
  // each part the coalition fails, in the engine's words
  for (const f of c.condition.failed) {
    const li = el('li', { textContent: f.reason });
    li.dataset.part = f.part;
    reasons.append(li);
  }
  for (const com of c.condition.communities) {
    if (com.role === 'absent' && !com.required) continue;
    roles.append(el('li', { textContent: com.name + ': ' + (com.role === 'substance' ? 'for substance' : com.role === 'show' ? 'for show' : 'absent') + (com.required ? ' (required)' : '') }));
  }
  const body = $('members').querySelector('tbody');
  body.replaceChildren();
  for (const m of c.members) {
    const status = m.critical ? 'critical' : 'surplus';
    body.append(el('tr', {},
      el('td', { textContent: m.name }),
      el('td', { textContent: String(m.seats) }),
      el('td', { className: status, textContent: status }),
      el('td', { textContent: pct(m.banzhaf) }),
      el('td', { textContent: pct(m.shapley) }),
      el('td', { textContent: pct(m.gamson.value) + ' (' + m.gamson.posts + ' of ' + c.posts + ')' })));
  }
  putSvg($('coalition-chart'), c.chart_svg);
}

async function refreshWhatif() {
  const list = $('steps');
  list.replaceChildren();
  for (const s of state.steps) list.append(el('li', { textContent: s.label }));
  if (!state.steps.length) {
    $('whatif-summary').textContent = '';
    $('whatif-chart').replaceChildren();
    showChamber(state.data, false);
    return;
  }
  const w = await api('/api/analyze', [['leg', state.leg], ...stepParams()]);
  const d = w.whatif;
  $('whatif-summary').textContent = 'After the change: ' + d.total_seats + ' seats, ' + d.quota + ' for a majority.' + (d.power_error ? ' ' + d.power_error : '');
  putSvg($('whatif-chart'), d.chart_svg);
  showChamber(d.chamber, true);
}

// The chamber first (the coalition is then highlighted on the new seats).
async function applySteps() {
  await refreshWhatif();
  await refresh();
}

function addStep(ev) {
  ev.preventDefault();
  const kind = $('step-kind').value, a = $('step-a').value, b = $('step-b').value;
  const k = $('step-k').value;
  let text = a, label;
  const name = nameOf;
  if (kind === 'move') { text = a + ':' + b + ':' + k; label = k + ' seats move from ' + name(a) + ' to ' + name(b); }
  else if (kind === 'merge') { text = a + ',' + b; label = name(a) + ' and ' + name(b) + ' merge'; }
  else if (kind === 'remove') label = name(a) + ' leaves with its seats';
  else label = name(a) + ' walks out';
  state.steps.push({ kind, text, label });
  applySteps().catch((e) => {
    // the change cannot apply (or took too long): back to the chamber before it
    state.steps.pop();
    applySteps().catch(() => {}).finally(() => showError(e.message));
  });
}

function init() {
  $('hemicycle').addEventListener('click', (ev) => {
    const t = ev.target.closest('[data-id]');
    if (!t || !state.data) return;
    toggle(t.getAttribute('data-id'));
  });
  $('clear').addEventListener('click', () => { state.selected.clear(); refresh().catch((e) => showError(e.message)); });
  $('whatif-form').addEventListener('submit', addStep);
  $('step-clear').addEventListener('click', () => { state.steps = []; applySteps().catch((e) => showError(e.message)); });
  const syncForm = () => {
    const kind = $('step-kind').value;
    $('step-b').hidden = !(kind === 'move' || kind === 'merge');
    $('step-k').hidden = kind !== 'move';
  };
  $('step-kind').addEventListener('change', syncForm);
  syncForm();
  loadLegislatures().catch((e) => showError(e.message));
}

document.addEventListener('DOMContentLoaded', init);
