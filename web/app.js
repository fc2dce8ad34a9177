// offerbrief serve: the page. Plain DOM, no framework, no build step; every number and every
// check comes from the server (the same schema, brief builder and renderer as the CLI).

const main = document.getElementById('main');
const statusLine = document.getElementById('status');

/** Elements: h('div', { class: 'x', onclick }, child, 'text'). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  return el;
}

async function api(path, body, signal) {
  const init = body === undefined ? { signal } : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal };
  const res = await fetch(path, init);
  return res;
}

async function json(path) {
  const res = await api(path);
  const data = await res.json();
  if (!res.ok) throw new Error(data.error ?? `${res.status}`);
  return data;
}

/** The path as the server's messages spell it: offer.base, competing[0].company, slots["TS/SCI"]. */
function formatPath(keys) {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** `215,000`, `$215K`, `1.2m` → numbers; anything else stays text, for the schema to name. */
function parseAmount(text) {
  const t = text.trim().replace(/[\s,_$€£]/g, '');
  if (t === '') return undefined;
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(t);
  if (!m) return text.trim();
  const n = Number(m[1]) * (m[2] === '' ? 1 : /k/i.test(m[2]) ? 1000 : 1000000);
  return Math.round(n * 100) / 100;
}

function getAt(obj, keys) {
  let cur = obj;
  for (const key of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Sets (or, for undefined, deletes) a value, making the objects and lists on the way. */
function setAt(obj, keys, value) {
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    if (cur[key] === undefined || cur[key] === null || typeof cur[key] !== 'object') cur[key] = typeof keys[i + 1] === 'number' ? [] : {};
    cur = cur[key];
  }
  const last = keys[keys.length - 1];
  if (value === undefined && !Array.isArray(cur)) delete cur[last];
  else cur[last] = value === undefined ? null : value;
}

/** The candidate to send: empty list items, empty rows and empty groups left out (as a blank field is). */
function cleaned(value) {
  const empty = (v) => v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
  if (Array.isArray(value)) return value.map(cleaned).filter((v) => !empty(v));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const c = cleaned(v);
      if (!empty(c) && !(Array.isArray(c) && c.length === 0)) out[k] = c;
    }
    return out;
  }
  return value;
}

// ---------------------------------------------------------------- state

const state = {
  guides: [],
  guideId: null,
  templateId: 'brief',
  templates: [],
  fields: [],
  candidate: {},
  touched: new Set(),
  showAll: false,
  errors: [],
  plan: null,
  force: false,
  previewUrl: null,
  seq: 0,
  controller: null,
  timer: null,
};

function setStatus(text) {
  statusLine.textContent = text;
}

// ---------------------------------------------------------------- guides

async function showGuides() {
  const data = await json('/api/guides');
  state.guides = data.guides;
  main.replaceChildren(
    h('h1', {}, 'Guides'),
    h('p', { class: 'muted' }, `${data.guides.length} guide${data.guides.length === 1 ? '' : 's'}, linted as \`offerbrief lint\` does; this page follows the files on disk.`),
    h(
      'table',
      { class: 'list', id: 'guide-list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Guide'), h('th', {}, 'File'), h('th', {}, 'Lint'), h('th', {}, ''))),
      h(
        'tbody',
        {},
        data.guides.map((g) =>
          h(
            'tr',
            { 'data-guide': g.id },
            h('td', {}, h('a', { href: `#/guides/${encodeURIComponent(g.id)}` }, g.title || g.file)),
            h('td', { class: 'mono' }, g.file),
            h('td', {}, lintBadge(g)),
            h('td', {}, h('a', { class: 'button', href: `#/brief/${encodeURIComponent(g.id)}` }, 'Write a brief')),
          ),
        ),
      ),
    ),
  );
}

function lintBadge(g) {
  if (g.errors === 0 && g.warnings === 0) return h('span', { class: 'badge ok' }, 'clean');
  return h(
    'span',
    {},
    g.errors > 0 ? h('span', { class: 'badge error' }, `${g.errors} error${g.errors === 1 ? '' : 's'}`) : null,
    g.warnings > 0 ? h('span', { class: 'badge warning' }, `${g.warnings} warning${g.warnings === 1 ? '' : 's'}`) : null,
  );
}

async function showGuide(id) {
  let g;
  try {
    g = await json(`/api/guides/${encodeURIComponent(id)}`);
  } catch (error) {
    main.replaceChildren(h('h1', {}, 'Guide not found'), h('p', { class: 'problem' }, error.message), h('a', { href: '#/' }, 'All guides'));
    return;
  }
  main.replaceChildren(
    h('p', {}, h('a', { href: '#/' }, '← All guides')),
    h('h1', {}, g.title),
    h('p', { class: 'muted' }, h('span', { class: 'mono' }, g.file), ' · ', lintBadge(g), g.tags.length ? ` · ${g.tags.join(' · ')}` : ''),
    h('p', {}, h('a', { class: 'button primary', href: `#/brief/${encodeURIComponent(g.id)}` }, 'Write a brief with this guide')),
    h('h2', {}, 'Bands'),
    h(
      'table',
      { class: 'list', id: 'bands' },
      h('thead', {}, h('tr', {}, ['Region', 'Base', 'Equity', 'Bonus', 'Total comp'].map((t) => h('th', {}, t)))),
      h('tbody', {}, g.bands.map((b) => h('tr', {}, h('td', {}, b.region), h('td', {}, b.base), h('td', {}, b.equity), h('td', {}, b.bonus), h('td', {}, b.totalComp)))),
    ),
    h('h2', {}, 'Diagnostics'),
    g.diagnostics.length === 0
      ? h('p', { class: 'muted', id: 'diagnostics' }, 'None: the guide is clean.')
      : h(
          'ol',
          { class: 'diagnostics', id: 'diagnostics' },
          g.diagnostics.map((d) =>
            h(
              'li',
              { class: d.severity },
              h('div', {}, h('span', { class: `badge ${d.severity}` }, d.severity), ` ${g.file}:${d.line}:${d.column}  `, d.message, '  ', d.url ? h('a', { href: d.url, rel: 'noreferrer' }, d.ruleId) : h('code', {}, d.ruleId)),
              h('pre', { class: 'source' }, h('span', { class: 'line-number' }, String(d.line).padStart(4)), '  ', d.source),
            ),
          ),
        ),
  );
}

// ---------------------------------------------------------------- the brief page

async function showBrief(id) {
  if (state.guides.length === 0) state.guides = (await json('/api/guides')).guides;
  if (state.templates.length === 0) state.templates = (await json('/api/templates')).templates;
  const profiles = (await json('/api/profiles')).profiles;
  if (id && id !== state.guideId) {
    state.guideId = id;
    state.fields = (await json(`/api/guides/${encodeURIComponent(id)}/form`)).fields;
  } else if (!id && state.guideId === null) {
    state.fields = (await json('/api/form')).fields;
  }
  const guideSelect = h(
    'select',
    { id: 'guide', onchange: (e) => (location.hash = `#/brief/${encodeURIComponent(e.target.value)}`) },
    h('option', { value: '', disabled: true, selected: state.guideId === null }, 'Pick a guide'),
    state.guides.map((g) => h('option', { value: g.id, selected: g.id === state.guideId }, `${g.title || g.file}${g.errors ? ` (${g.errors} lint errors)` : ''}`)),
  );
  const profileSelect = h('select', { id: 'profile' }, h('option', { value: '' }, 'Blank profile'), profiles.map((p) => h('option', { value: p.id }, p.id)));
  const templateSelect = h(
    'select',
    { id: 'template', onchange: (e) => ((state.templateId = e.target.value), schedule(0)) },
    state.templates.map((t) => h('option', { value: t.id, selected: t.id === state.templateId }, t.label)),
  );
  main.replaceChildren(
    h(
      'div',
      { class: 'brief-page' },
      h(
        'section',
        { class: 'form-column', 'aria-label': 'Candidate' },
        h('h1', {}, 'Candidate'),
        h('div', { class: 'field' }, h('label', { for: 'guide' }, 'Guide'), guideSelect),
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'profile' }, 'Start from'),
          h('div', { class: 'inline' }, profileSelect, h('button', { type: 'button', id: 'load-profile', onclick: () => loadProfile(profileSelect.value) }, 'Load')),
          h('div', { class: 'hint' }, 'A blank form, or a profile file from the candidates folder.'),
        ),
        h('div', { id: 'form-note', class: 'note', hidden: true }),
        h('form', { id: 'candidate-form', novalidate: true, onsubmit: (e) => e.preventDefault() }),
      ),
      h(
        'section',
        { class: 'brief-column', 'aria-label': 'Brief' },
        h('h1', {}, 'Brief'),
        h('div', { id: 'general-errors', class: 'problem', hidden: true, role: 'alert' }),
        h('div', { id: 'glance', 'aria-live': 'polite' }),
        h(
          'div',
          { class: 'actions' },
          h('div', { class: 'field' }, h('label', { for: 'template' }, 'Template'), templateSelect),
          h('div', { class: 'field' }, h('label', { for: 'password' }, 'PDF password (optional)'), h('input', { id: 'password', type: 'password', autocomplete: 'new-password', placeholder: 'leave empty for none' })),
          h(
            'div',
            { class: 'inline wrap' },
            h('button', { type: 'button', id: 'download-pdf', class: 'primary', onclick: () => download('pdf') }, 'Download PDF'),
            h('button', { type: 'button', id: 'download-one-page', onclick: () => download('one-page') }, 'Download one-page PDF'),
            h('button', { type: 'button', id: 'download-yaml', onclick: () => download('yaml') }, 'Download profile (YAML)'),
          ),
          h(
            'div',
            { class: 'inline wrap' },
            h('label', { for: 'save-name', class: 'sr-only' }, 'File name'),
            h('input', { id: 'save-name', type: 'text', placeholder: 'file name (default: the name)' }),
            h('button', { type: 'button', id: 'save-profile', onclick: () => save(false) }, 'Save profile to candidates/'),
          ),
          h('div', { id: 'action-note', class: 'note', role: 'status', hidden: true }),
        ),
        h('h2', {}, 'Preview'),
        h('iframe', { id: 'preview', title: 'PDF preview' }),
      ),
    ),
  );
  renderForm();
  schedule(0);
}

// ---------------------------------------------------------------- the form, from the schema

function fieldId(keys) {
  return `f-${formatPath(keys).replace(/[^A-Za-z0-9_-]+/g, '_')}`;
}

function errorSlot(keys) {
  return h('div', { class: 'error', id: `${fieldId(keys)}-error`, 'data-error-for': formatPath(keys), hidden: true });
}

function touch(keys) {
  state.touched.add(formatPath(keys));
}

function textInput(field, keys, { number = false, suggestions, label = field.label } = {}) {
  const id = fieldId(keys);
  const value = getAt(state.candidate, keys);
  const listId = suggestions && suggestions.length ? `${id}-choices` : undefined;
  const input = h('input', {
    id,
    name: formatPath(keys),
    type: 'text',
    inputmode: number ? 'decimal' : undefined,
    autocomplete: 'off',
    list: listId,
    value: value === undefined ? '' : String(value),
    'aria-describedby': `${id}-error`,
    placeholder: number && field.default !== undefined ? String(field.default) : undefined,
    oninput: (e) => {
      const raw = e.target.value;
      setAt(state.candidate, keys, number ? parseAmount(raw) : raw === '' ? undefined : raw);
      schedule();
    },
    onblur: () => {
      touch(keys);
      showErrors();
    },
  });
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label, field.required ? h('span', { class: 'required', title: 'required' }, ' *') : null),
    input,
    listId ? h('datalist', { id: listId }, suggestions.map((s) => h('option', { value: s }))) : null,
    field.hint ? h('div', { class: 'hint' }, field.hint) : null,
    errorSlot(keys),
  );
}

function renderField(field, keys) {
  switch (field.kind) {
    case 'text':
      return textInput(field, keys, { suggestions: field.suggestions });
    case 'number':
      return textInput(field, keys, { number: true });
    case 'boolean': {
      const id = fieldId(keys);
      return h(
        'div',
        { class: 'field' },
        h('label', {}, h('input', { id, type: 'checkbox', checked: getAt(state.candidate, keys) === true, onchange: (e) => (setAt(state.candidate, keys, e.target.checked || undefined), schedule()) }), ' ', field.label),
        errorSlot(keys),
      );
    }
    case 'select': {
      const id = fieldId(keys);
      const value = getAt(state.candidate, keys);
      const known = field.options.some((o) => o.toLowerCase() === String(value ?? '').toLowerCase());
      return h(
        'div',
        { class: 'field' },
        h('label', { for: id }, field.label, field.required ? h('span', { class: 'required' }, ' *') : null),
        h(
          'select',
          {
            id,
            name: formatPath(keys),
            'aria-describedby': `${id}-error`,
            onchange: (e) => {
              setAt(state.candidate, keys, e.target.value === '' ? undefined : e.target.value);
              touch(keys);
              schedule();
            },
          },
          h('option', { value: '', selected: value === undefined }, `Pick ${field.label.toLowerCase()}`),
          value !== undefined && !known ? h('option', { value: String(value), selected: true }, `${value} (not in this guide)`) : null,
          field.options.map((o) => h('option', { value: o, selected: known && o.toLowerCase() === String(value).toLowerCase() }, o)),
        ),
        field.hint ? h('div', { class: 'hint' }, field.hint) : null,
        errorSlot(keys),
      );
    }
    case 'group':
      return h('fieldset', { id: fieldId(keys) }, h('legend', {}, field.label), field.hint ? h('div', { class: 'hint' }, field.hint) : null, field.fields.map((f) => renderField(f, [...keys, f.key])), errorSlot(keys));
    case 'rows': {
      const rows = getAt(state.candidate, keys) ?? [];
      return h(
        'fieldset',
        { id: fieldId(keys) },
        h('legend', {}, field.label),
        field.hint ? h('div', { class: 'hint' }, field.hint) : null,
        rows.map((row, index) =>
          h(
                'div',
                { class: 'row' },
                field.fields.map((f) => renderField(f, [...keys, index, f.key])),
                h('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${field.label.toLowerCase()} ${index + 1}`, onclick: () => removeItem(keys, index) }, '×'),
              ),
        ),
        h('button', { type: 'button', class: 'add', onclick: () => addItem(keys, {}) }, `Add ${field.label.replace(/s$/, '').toLowerCase()}`),
        errorSlot(keys),
      );
    }
    case 'list': {
      const items = getAt(state.candidate, keys) ?? [];
      return h(
        'fieldset',
        { id: fieldId(keys) },
        h('legend', {}, field.label),
        field.hint ? h('div', { class: 'hint' }, field.hint) : null,
        items.map((_, index) =>
          h(
                'div',
                { class: 'row' },
                field.item.kind === 'number' ? textInput(field.item, [...keys, index], { number: true, label: `${field.label} ${index + 1}` }) : textInput(field.item, [...keys, index], { suggestions: field.item.suggestions, label: `${field.label} ${index + 1}` }),
                h('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${field.label.toLowerCase()} ${index + 1}`, onclick: () => removeItem(keys, index) }, '×'),
              ),
        ),
        h('button', { type: 'button', class: 'add', onclick: () => addItem(keys, '') }, `Add ${field.label.replace(/s$/, '').toLowerCase()}`),
        errorSlot(keys),
      );
    }
    case 'slots':
      return h(
        'fieldset',
        { id: fieldId(keys) },
        h('legend', {}, field.label),
        h('div', { class: 'hint' }, field.slots.length ? "The guide's slots; a fact above may already fill one. Pick a choice or type your own." : 'This guide has no slots.'),
        field.slots.map((s) => textInput({ label: `[${s.slot}]`, hint: '', required: false }, [...keys, s.slot], { suggestions: s.choices })),
        errorSlot(keys),
      );
    case 'rates':
      return h(
        'fieldset',
        { id: fieldId(keys) },
        h('legend', {}, field.label),
        h('div', { class: 'hint' }, 'Only for an offer in another currency than the band: 1 GBP = 1.27 USD is GBP/USD 1.27.'),
        field.pairs.map((pair) => textInput({ label: pair, hint: '', required: false }, [...keys, pair], { number: true })),
        errorSlot(keys),
      );
    case 'map':
      return h('fieldset', { id: fieldId(keys) }, h('legend', {}, field.label), h('div', { class: 'hint' }, 'Pick a guide to fill these.'), errorSlot(keys));
    default:
      return null;
  }
}

function addItem(keys, value) {
  const list = getAt(state.candidate, keys) ?? [];
  setAt(state.candidate, keys, [...list, value === '' ? null : value]);
  renderForm();
  const rows = document.querySelectorAll(`#${fieldId(keys)} > .row`);
  rows[rows.length - 1]?.querySelector('input')?.focus();
  schedule();
}

function removeItem(keys, index) {
  const list = [...(getAt(state.candidate, keys) ?? [])];
  list.splice(index, 1);
  setAt(state.candidate, keys, list.length ? list : undefined);
  renderForm();
  schedule();
}

function renderForm() {
  const form = document.getElementById('candidate-form');
  if (!form) return;
  form.replaceChildren(...state.fields.map((field) => renderField(field, [field.key])));
  showErrors();
}

function showErrors() {
  const shown = new Set();
  for (const el of document.querySelectorAll('[data-error-for]')) {
    el.hidden = true;
    el.textContent = '';
  }
  for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const general = [];
  for (const error of state.errors) {
    const slot = document.querySelector(`[data-error-for="${CSS.escape(error.path)}"]`);
    if (slot && (state.showAll || state.touched.has(error.path) || [...state.touched].some((t) => t.startsWith(`${error.path}[`) || t.startsWith(`${error.path}.`)))) {
      slot.hidden = false;
      slot.textContent = slot.textContent ? `${slot.textContent}; ${error.message}` : error.message;
      document.getElementById(slot.id.replace(/-error$/, ''))?.setAttribute('aria-invalid', 'true');
      shown.add(error);
    } else if (!slot) general.push(error.path ? `${error.path}: ${error.message}` : error.message);
  }
  const box = document.getElementById('general-errors');
  if (box) {
    box.hidden = general.length === 0;
    box.replaceChildren(...general.map((line) => h('div', {}, line)));
  }
}

// ---------------------------------------------------------------- live brief

function requestBody(extra = {}) {
  const body = { guide: state.guideId, candidate: cleaned(state.candidate), template: state.templateId, ...extra };
  if (state.force) body.force = true;
  return body;
}

function schedule(delay = 200) {
  clearTimeout(state.timer);
  state.timer = setTimeout(refresh, delay);
}

async function refresh() {
  if (!state.guideId) {
    document.getElementById('glance')?.replaceChildren(h('p', { class: 'muted' }, 'Pick a guide to start.'));
    return;
  }
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  const seq = ++state.seq;
  const started = performance.now();
  let res;
  try {
    res = await api('/api/plan', requestBody(), controller.signal);
  } catch (error) {
    if (error.name !== 'AbortError') setStatus(`Offline: ${error.message}`);
    return;
  }
  const data = await res.json();
  if (seq !== state.seq) return;
  const server = /dur=([\d.]+)/.exec(res.headers.get('Server-Timing') ?? '')?.[1];
  setStatus(`Updated in ${Math.round(performance.now() - started)} ms${server ? ` (server ${server} ms)` : ''}`);
  const glance = document.getElementById('glance');
  if (res.status === 422 && data.fieldErrors) {
    state.errors = data.fieldErrors;
    showErrors();
    glance.classList.add('stale');
    glance.setAttribute('data-state', 'invalid');
    if (!glance.firstChild) glance.replaceChildren(h('p', { class: 'muted' }, 'Fill in the fields marked * to see the brief.'));
    return;
  }
  state.errors = [];
  showErrors();
  if (res.status === 409) {
    glance.replaceChildren(
      h('p', { class: 'problem' }, data.error),
      h('label', {}, h('input', { type: 'checkbox', id: 'force', onchange: (e) => ((state.force = e.target.checked), schedule(0)) }), ' Render anyway (as --force)'),
      ' ',
      h('a', { href: `#/guides/${encodeURIComponent(state.guideId)}` }, 'See the diagnostics'),
    );
    return;
  }
  if (!res.ok) {
    glance.replaceChildren(h('p', { class: 'problem' }, data.error ?? `Error ${res.status}`));
    return;
  }
  state.plan = data;
  glance.classList.remove('stale');
  glance.setAttribute('data-state', 'ok');
  renderGlance(data);
  preview(seq);
}

function segmentsOf(segments) {
  return segments.map((s) => (s.type === 'slot' ? h('mark', { class: s.filled ? 'filled' : 'unfilled' }, s.text) : s.type === 'number' ? h('strong', {}, s.text) : s.text));
}

function renderGlance(data) {
  const d = data.display;
  const pkg = (title, p, numbers, id) =>
    h(
      'div',
      { class: 'card', id },
      h('h3', {}, title),
      h('div', { class: 'big' }, p.totalComp),
      h('div', {}, `${p.base} base`),
      numbers.equity > 0 ? h('div', {}, `${p.annualEquity}/yr equity (${p.equity} over ${p.vestingYears} yr)`) : null,
      numbers.bonus > 0 ? h('div', {}, `${p.bonus} bonus`) : null,
    );
  document.getElementById('glance').replaceChildren(
    h('p', { class: 'muted' }, `${d.region} band: ${d.band.base} base, ${d.band.totalComp} total comp`),
    h(
      'div',
      { class: 'cards' },
      pkg('Target', d.target, data.brief.target, 'target'),
      pkg('Walk-away floor', d.floor, data.brief.floor, 'floor'),
      d.offer
        ? h('div', { class: 'card', id: 'offer' }, h('h3', {}, 'Offer'), h('div', { class: 'big' }, d.offer.totalComp), h('div', {}, d.offer.position), h('div', {}, `gap to target: ${d.offer.gaps.totalComp}`), h('div', {}, `base ${d.offer.gaps.base}, equity ${d.offer.gaps.annualEquity}/yr`))
        : h('div', { class: 'card muted', id: 'offer' }, h('h3', {}, 'Offer'), 'No offer yet'),
    ),
    h('h2', {}, 'The ask'),
    h('p', { id: 'ask', class: 'ask' }, d.ask),
    d.raisedTarget ? h('p', { class: 'note' }, d.raisedTarget) : null,
    h('h2', {}, 'Script'),
    h('blockquote', { id: 'script' }, segmentsOf(d.script)),
    h('h2', {}, 'Email draft'),
    h('p', { class: 'muted' }, 'To the recruiter: the ask and your strongest levers, never your floor.'),
    h('pre', { id: 'email', class: 'email' }, `Subject: ${d.email.subject}\n\n${d.email.markdown}`),
    h(
      'button',
      {
        type: 'button',
        id: 'copy-email',
        onclick: async (e) => {
          try {
            await navigator.clipboard.writeText(`Subject: ${d.email.subject}\n\n${d.email.markdown}`);
            e.target.textContent = 'Copied';
          } catch {
            e.target.textContent = 'Copy failed: select the text above';
          }
        },
      },
      'Copy email',
    ),
    h('h2', {}, 'Unfilled slots and warnings'),
    data.unfilled.length === 0 && data.warnings.length === 0
      ? h('p', { id: 'warnings', class: 'muted' }, 'None.')
      : h('ul', { id: 'warnings' }, data.unfilled.map((u) => h('li', { class: 'unfilled' }, `[${u.slot}] in ${u.where}`)), data.warnings.filter((w) => !w.startsWith('unfilled slot')).map((w) => h('li', {}, w))),
  );
}

async function preview(seq) {
  let res;
  try {
    res = await api('/api/pdf', requestBody({ inline: true }));
  } catch {
    return;
  }
  if (!res.ok || seq !== state.seq) return;
  const blob = await res.blob();
  if (seq !== state.seq) return;
  const frame = document.getElementById('preview');
  if (!frame) return;
  const old = state.previewUrl;
  state.previewUrl = URL.createObjectURL(blob);
  // A fresh frame each time: Chromium's PDF viewer does not always redraw when a loaded frame's src changes.
  frame.replaceWith(h('iframe', { id: 'preview', title: 'PDF preview', src: state.previewUrl, 'data-bytes': String(blob.size) }));
  if (old) setTimeout(() => URL.revokeObjectURL(old), 5000);
}

function note(id, text, kind = 'note') {
  const el = document.getElementById(id);
  el.hidden = false;
  el.className = kind;
  el.replaceChildren(...(Array.isArray(text) ? text : [text]));
}

async function download(kind) {
  state.showAll = true;
  const password = document.getElementById('password').value;
  const path = kind === 'yaml' ? '/api/yaml' : '/api/pdf';
  const body = requestBody(kind === 'one-page' ? { template: 'one-page' } : {});
  if (kind !== 'yaml' && password !== '') body.password = password;
  const res = await api(path, body);
  if (!res.ok) {
    const data = await res.json();
    if (data.fieldErrors) {
      state.errors = data.fieldErrors;
      showErrors();
    }
    note('action-note', data.error ?? `Error ${res.status}`, 'problem');
    return;
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'download';
  const url = URL.createObjectURL(await res.blob());
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  note('action-note', `Downloaded ${name}${kind !== 'yaml' && password !== '' ? ' (encrypted)' : ''}`);
}

async function save(overwrite) {
  state.showAll = true;
  const file = document.getElementById('save-name').value.trim();
  const res = await api('/api/profiles', requestBody({ ...(file ? { file } : {}), overwrite }));
  const data = await res.json();
  if (res.status === 409 && data.exists) {
    note('action-note', [`${data.error} `, h('button', { type: 'button', id: 'overwrite', onclick: () => save(true) }, 'Overwrite')], 'problem');
    return;
  }
  if (!res.ok) {
    if (data.fieldErrors) {
      state.errors = data.fieldErrors;
      showErrors();
    }
    note('action-note', data.error ?? `Error ${res.status}`, 'problem');
    return;
  }
  note('action-note', `Saved ${data.path}: \`offerbrief render --candidate ${data.path}\` renders this brief.`);
}

async function loadProfile(id) {
  if (id === '') {
    state.candidate = {};
    state.touched.clear();
    state.showAll = false;
    renderForm();
    schedule(0);
    return;
  }
  let data;
  try {
    data = await json(`/api/profiles/${encodeURIComponent(id)}`);
  } catch (error) {
    note('form-note', error.message, 'problem');
    return;
  }
  state.candidate = data.candidate;
  state.showAll = true;
  if (data.note) note('form-note', data.note, 'problem');
  else document.getElementById('form-note').hidden = true;
  if (data.guide && data.guide !== state.guideId) {
    location.hash = `#/brief/${encodeURIComponent(data.guide)}`;
    return;
  }
  renderForm();
  schedule(0);
}

// ---------------------------------------------------------------- routing and live updates

async function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [, page, id] = hash.split('/').map((part) => decodeURIComponent(part));
  document.getElementById('nav-guides').classList.toggle('active', page !== 'brief');
  document.getElementById('nav-brief').classList.toggle('active', page === 'brief');
  try {
    if (page === 'guides' && id) await showGuide(id);
    else if (page === 'brief') await showBrief(id || state.guideId);
    else await showGuides();
  } catch (error) {
    main.replaceChildren(h('p', { class: 'problem' }, error.message));
  }
}

window.addEventListener('hashchange', route);
route();

// A guide changed on disk: show it as it is now.
const events = new EventSource('/api/events');
events.addEventListener('guides', async () => {
  const hash = location.hash.replace(/^#/, '') || '/';
  state.guides = (await json('/api/guides')).guides;
  if (hash.startsWith('/brief')) {
    if (state.guideId) state.fields = (await json(`/api/guides/${encodeURIComponent(state.guideId)}/form`)).fields;
    renderForm();
    schedule(0);
  } else route();
});
