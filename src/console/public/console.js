// The console page's behaviour. Every string from the server (residents' questions above all) is
// put in the page with textContent; nothing is parsed as HTML.

(() => {
  const $ = (sel) => document.querySelector(sel);
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
  const el = (tag, text, cls) => {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  };
  const row = (cells) => {
    const tr = document.createElement('tr');
    for (const c of cells) tr.append(c instanceof Node ? wrapCell(c) : el('td', c));
    return tr;
  };
  const wrapCell = (node) => {
    const td = document.createElement('td');
    td.append(node);
    return td;
  };
  const kv = (dl, pairs) => {
    dl.replaceChildren();
    for (const [k, v] of pairs) {
      dl.append(el('dt', k));
      const dd = el('dd');
      if (v instanceof Node) dd.append(v);
      else dd.textContent = v === undefined || v === null || v === '' ? '—' : String(v);
      dl.append(dd);
    }
  };
  const chips = (items) => {
    const span = el('span');
    for (const t of items) span.append(el('span', t, 'term'));
    return span;
  };

  async function api(method, url, body) {
    const res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        'x-csrf-token': csrf,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    if (res.status === 401) {
      location.href = '/console/login';
      throw new Error('login required');
    }
    const data = await res.json().catch(() => ({}));
    return { status: res.status, data };
  }

  // ── ask ──────────────────────────────────────────────────────────────
  async function ask(question) {
    const municipality = $('#municipality').value || null;
    $('#question').value = question;
    $('#answer-meta').textContent = '…';
    const { status, data } = await api('POST', '/console/api/ask', { question, municipality });
    if (status !== 200) {
      $('#answer-meta').textContent = `error ${status}: ${data.error ?? ''}`;
      return;
    }
    const a = data.answer;
    window.MadoguchiFlex.renderChat($('#preview'), question, data.messages ?? [], ask, (text, postback) => {
      $('#answer-meta').textContent = `postback to the webhook: ${text} (${postback})`;
    });
    $('#answer-meta').textContent =
      `kind ${a.kind} · confidence ${Number(a.confidence).toFixed(2)} · ${data.ms} ms · knowledge v${data.version}`;
    const sources = $('#sources');
    sources.replaceChildren(
      ...(a.sources ?? []).map((s) => {
        const li = el('li', null, 'source');
        li.append(el('strong', `${s.document}`), el('span', ` › ${s.section}`), el('q', s.excerpt ?? '', 'excerpt'));
        return li;
      }),
    );
    renderDebug(a.debug, data.ms);
  }

  function renderDebug(d, ms) {
    const tbody = $('#hits tbody');
    if (!d) {
      kv($('#debug'), [['debug', 'not returned by the engine']]);
      tbody.replaceChildren();
      return;
    }
    const route = d.route
      ? `${(d.route.channels ?? []).join(' → ')}${d.route.procedure ? ` · procedure ${d.route.procedure}` : ''}${d.route.mode ? ` · mode ${d.route.mode}` : ''}`
      : 'none';
    kv($('#debug'), [
      ['intent', d.intent],
      ['municipality', `${d.municipality ?? '—'} (${d.municipalitySource ?? '?'})`],
      ['targets', chips(d.targets ?? [])],
      ['terms', chips(d.terms ?? [])],
      ['route', route],
      ['timing', `${d.ms} ms engine · ${ms} ms request`],
    ]);
    tbody.replaceChildren(
      ...(d.hits ?? []).slice(0, 10).map((h, i) => {
        // term → fields, regrouped as field → terms; bigrams are many and alike, so only counted
        const byField = new Map();
        for (const [term, fields] of Object.entries(h.match ?? {})) {
          for (const f of fields) byField.set(f, [...(byField.get(f) ?? []), term]);
        }
        const matched = [...byField]
          .map(([f, terms]) => (f === 'bigram' ? `bigram ×${terms.length}` : `${f}: ${terms.join(' ')}`))
          .join(' · ');
        return row([String(i + 1), h.type, `${h.id} (${h.municipality})`, Number(h.score).toFixed(2), matched, h.text]);
      }),
    );
  }

  $('#ask-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = $('#question').value.trim();
    if (q) ask(q).catch((err) => ($('#answer-meta').textContent = String(err)));
  });

  // ── regression ───────────────────────────────────────────────────────
  let lastReport = null;
  function renderRegression() {
    if (!lastReport) return;
    const r = lastReport;
    const only = $('#failures-only').checked;
    $('#regression-total').textContent =
      `passed ${r.passed}/${r.total} (${(r.rate * 100).toFixed(1)}%) in ${r.ms} ms · knowledge v${r.version}`;
    $('#regression-cats').textContent = r.categories.map((c) => `${c.cat} ${c.passed}/${c.total}`).join(' · ');
    $('#regression tbody').replaceChildren(
      ...r.rows
        .filter((x) => !only || !x.ok)
        .map((x) => {
          const tr = row([x.ok ? 'PASS' : 'FAIL', x.id, x.q, x.m ?? '', x.expected, x.kind ?? '', x.reason ?? '']);
          tr.className = x.ok ? 'pass' : 'fail';
          tr.title = x.text;
          return tr;
        }),
    );
  }
  $('#run-regression').addEventListener('click', async () => {
    $('#regression-total').textContent = 'running…';
    const { status, data } = await api('POST', '/console/api/regression', {});
    if (status !== 200) {
      $('#regression-total').textContent = `error ${status}: ${data.error ?? ''}`;
      return;
    }
    lastReport = data;
    renderRegression();
  });
  $('#failures-only').addEventListener('change', renderRegression);

  // ── unanswered ───────────────────────────────────────────────────────
  async function loadUnanswered() {
    const sort = $('#unanswered-sort').value;
    const { data } = await api('GET', `/console/api/unanswered?sort=${encodeURIComponent(sort)}`);
    const tbody = $('#unanswered tbody');
    tbody.replaceChildren(
      ...(data.entries ?? []).map((u) => {
        const ask1 = el('button', u.text, 'link');
        ask1.type = 'button';
        ask1.title = 'ask this in the preview';
        ask1.addEventListener('click', () => ask(u.text));
        return row([ask1, u.municipality ?? '—', String(u.count), new Date(u.lastSeen).toLocaleString('ja-JP')]);
      }),
    );
    if (!tbody.children.length) tbody.append(row(['（なし）', '', '', '']));
  }
  $('#unanswered-sort').addEventListener('change', loadUnanswered);
  $('#refresh-unanswered').addEventListener('click', loadUnanswered);

  // ── knowledge status and reload ─────────────────────────────────────
  function renderStatus(s) {
    const last = s.lastReload;
    kv($('#status'), [
      ['version', s.version],
      ['loaded', new Date(s.loadedAt).toLocaleString('ja-JP')],
      ['hash', String(s.hash ?? '').slice(0, 12)],
      ['question sets', (s.questionSets ?? []).map((q) => `${q.file} (${q.items})`).join(', ')],
      ['watching', (s.watching ?? []).join(', ')],
      [
        'last reload',
        last
          ? `${last.ok ? 'OK' : 'FAILED'} · ${new Date(last.at).toLocaleString('ja-JP')} · ${last.ms} ms · ${last.reason}`
          : 'none since start',
      ],
    ]);
    $('#reload-errors').replaceChildren(
      ...(last?.errors ?? []).map((e) =>
        el('li', `${e.file}${e.line ? `:${e.line}` : ''}${e.field ? ` ${e.field}` : ''}: ${e.message}`),
      ),
    );
    $('#counts tbody').replaceChildren(
      ...Object.entries(s.countsPerMunicipality ?? {}).map(([m, c]) =>
        row([m, String(c.documents), String(c.passages), String(c.glossary), String(c.faq)]),
      ),
    );
    $('#files').replaceChildren(...(s.files ?? []).map((f) => el('li', f)));
  }
  async function loadStatus() {
    const { data } = await api('GET', '/console/api/status');
    renderStatus(data);
  }
  $('#reload').addEventListener('click', async () => {
    $('#reload').disabled = true;
    try {
      await api('POST', '/admin/reload', {});
      await loadStatus();
    } finally {
      $('#reload').disabled = false;
    }
  });

  $('#logout')?.addEventListener('click', async () => {
    await fetch('/console/logout', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf } });
    location.href = '/console/login';
  });

  loadStatus().catch(() => {});
  loadUnanswered().catch(() => {});
})();
