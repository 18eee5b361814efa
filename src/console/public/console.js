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
  const wrapCell = (node) => {
    const td = document.createElement('td');
    td.append(node);
    return td;
  };
  const row = (cells) => {
    const tr = document.createElement('tr');
    for (const c of cells) tr.append(c instanceof Node ? wrapCell(c) : el('td', c));
    return tr;
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
  const names = new Map([...document.querySelectorAll('#municipality option')].map((o) => [o.value, o.textContent]));
  const nameOf = (id) => (id ? (names.get(id) ?? id) : '（未選択）');
  const when = (iso) => new Date(iso).toLocaleString('ja-JP', { dateStyle: 'short', timeStyle: 'short' });

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

  // ── words for what the engine says ────────────────────────────────────
  const KIND = { answer: '回答', route: '窓口案内', clarify: '聞き返し', fallback: '回答できず', greeting: 'あいさつ' };
  const COMPOSER = {
    greeting: 'あいさつ',
    'outside-coverage': '対象外の質問',
    comparison: '自治体の比較',
    aggregation: '集計',
    procedure: '手続きの窓口案内',
    glossary: '用語集',
    faq: 'FAQ',
    publisher: '発行元・担当課',
    address: '所在地',
    section: '章・節の内容',
    list: '項目の一覧',
    passage: '本文の一節',
    'not-stated': '「記載がありません」の案内',
  };
  let reasonLabels = {
    fallback: '資料に見つからない',
    'low-confidence': '確信度が低い',
    'not-stated': '資料に記載なし',
    'unknown-topic': '資料にない話題',
  };
  const reasonOf = (r) => (r ? (reasonLabels[r] ?? r) : '—');

  // ── conversation preview ─────────────────────────────────────────────
  let session = crypto.randomUUID();
  const chat = $('#preview');
  const question = $('#question');
  const countChars = () => {
    $('#question-count').textContent = `${[...question.value].length} / 5000`;
  };
  question.addEventListener('input', countChars);

  function showTurn(you, data) {
    window.MadoguchiFlex.appendTurn(chat, you, data.messages ?? [], send, runPostback);
    chat.scrollTop = chat.scrollHeight;
    const a = data.answer;
    if (!a) {
      $('#answer-meta').textContent = '';
      return;
    }
    $('#answer-meta').textContent =
      `${KIND[a.kind] ?? a.kind} · 確信度 ${Number(a.confidence).toFixed(2)} · ${data.ms} ms · ナレッジ v${data.version}`;
    $('#sources').replaceChildren(
      ...(a.sources ?? []).map((s) => {
        const li = el('li', null, 'source');
        li.append(el('strong', `${s.document}`), el('span', ` › ${s.section}`), el('q', s.excerpt ?? '', 'excerpt'));
        return li;
      }),
    );
    renderWhy(a);
    renderDebug(a.debug, data.ms);
  }

  async function send(text) {
    const municipality = $('#municipality').value || null;
    $('#answer-meta').textContent = '…';
    const { status, data } = await api('POST', '/console/api/ask', { question: text, municipality, session });
    if (status !== 200) {
      $('#answer-meta').textContent = `エラー ${status}: ${data.error ?? ''}`;
      return;
    }
    question.value = '';
    countChars();
    showTurn(text, data);
  }

  // A postback button runs as on LINE: the server decodes it and replies as the webhook would.
  async function runPostback(displayText, data) {
    const municipality = $('#municipality').value || null;
    const res = await api('POST', '/console/api/postback', { data, municipality, session });
    if (res.status !== 200) {
      $('#answer-meta').textContent = `エラー ${res.status}: ${res.data.error ?? ''}`;
      return;
    }
    if (res.data.municipality) $('#municipality').value = res.data.municipality;
    showTurn(displayText || '（ボタン）', res.data);
  }

  $('#ask-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = question.value.trim();
    if (q) send(q).catch((err) => ($('#answer-meta').textContent = String(err)));
  });
  question.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('#ask-form').requestSubmit();
    }
  });
  $('#reset').addEventListener('click', () => {
    session = crypto.randomUUID();
    chat.replaceChildren(el('p', '会話をリセットしました。新しい会話として質問できます。', 'muted system'));
    $('#answer-meta').textContent = '';
    $('#sources').replaceChildren();
  });

  // ── why this answer (in words) ───────────────────────────────────────
  function matchedWords(hit) {
    return Object.entries(hit?.match ?? {})
      .filter(([, fields]) => fields.some((f) => f !== 'bigram'))
      .map(([term]) => term);
  }
  function renderWhy(a) {
    const box = $('#why');
    box.replaceChildren();
    const d = a.debug ?? {};
    const trace = d.composers ?? [];
    const frame = a.frame ?? {};
    const understood = el('p');
    understood.append(
      el('strong', '質問の理解: '),
      el(
        'span',
        `話題「${frame.topic ?? '—'}」について「${frame.attribute ?? d.intent ?? '—'}」を聞いている（自治体: ${(frame.municipalities ?? []).map(nameOf).join('・') || '指定なし'}）`,
      ),
    );
    box.append(understood);
    if (a.kind === 'fallback' || a.reason) {
      const p = el('p', null, 'why-fallback');
      p.append(
        el('strong', a.kind === 'fallback' ? '回答できなかった理由: ' : '注意: '),
        el('span', reasonOf(a.reason)),
      );
      box.append(p);
      const declined = trace.filter((t) => t.outcome === 'declined' || t.outcome === 'invalid');
      if (declined.length) {
        const ul = el('ul');
        for (const t of declined) {
          const li = el('li');
          li.append(
            el('span', `${COMPOSER[t.composer] ?? t.composer}が答えなかった理由: `),
            el('span', t.reason, 'en'),
          );
          ul.append(li);
        }
        box.append(ul);
      }
    }
    const won = trace.find((t) => t.outcome === 'answered');
    if (won && a.kind !== 'fallback') {
      const p = el('p');
      p.append(
        el('strong', 'この回答を選んだ理由: '),
        el('span', `「${COMPOSER[won.composer] ?? won.composer}」が答えました — `),
        el('span', won.reason, 'en'),
      );
      box.append(p);
    }
    const top = (d.hits ?? [])[0];
    if (top && a.kind !== 'route') {
      const words = matchedWords(top);
      const src = (a.sources ?? [])[0];
      const p = el('p');
      p.append(
        el('strong', '一致した語: '),
        words.length ? chips(words) : el('span', '（語の一致なし：部分文字列のみ）'),
        el('span', src ? ` — 出典「${src.document} › ${src.section}」` : ''),
      );
      box.append(p);
    }
    if (a.kind === 'route' && a.route) {
      const p = el('p');
      const usable = a.route.details.filter((x) => x.status === 'available').map((x) => x.label);
      const other = a.route.details.filter((x) => x.status !== 'available');
      p.append(
        el('strong', '窓口案内: '),
        el(
          'span',
          `使える方法 ${usable.join(' → ') || 'なし'}${other.length ? `／ボタンにしない方法 ${other.map((x) => `${x.label}（${x.status === 'planned' ? '予定' : '資料に記載なし'}）`).join('、')}` : ''}`,
        ),
      );
      box.append(p);
    }
  }

  function renderDebug(d, ms) {
    const tbody = $('#hits tbody');
    if (!d) {
      kv($('#debug'), [['debug', 'なし']]);
      tbody.replaceChildren();
      return;
    }
    kv($('#debug'), [
      ['intent', d.intent],
      ['自治体', `${d.municipality ?? '—'} (${d.municipalitySource ?? '?'})`],
      ['語', chips(d.terms ?? [])],
      ['部品の順', (d.composers ?? []).map((t) => `${t.composer}:${t.outcome}`).join(' → ')],
      ['時間', `エンジン ${d.ms} ms · 全体 ${ms} ms`],
    ]);
    tbody.replaceChildren(
      ...(d.hits ?? []).slice(0, 10).map((h, i) => {
        const words = matchedWords(h);
        const bigrams = Object.values(h.match ?? {}).filter((f) => f.includes('bigram')).length;
        return row([
          String(i + 1),
          h.type,
          `${h.id} (${h.municipality})`,
          Number(h.score).toFixed(2),
          `${words.join(' ')}${bigrams ? ` ＋部分一致${bigrams}` : ''}`,
          h.text,
        ]);
      }),
    );
  }

  // ── unanswered log ───────────────────────────────────────────────────
  function unansweredQuery() {
    const p = new URLSearchParams();
    const pairs = [
      ['municipality', $('#u-municipality').value],
      ['reason', $('#u-reason').value],
      ['days', $('#u-days').value],
      ['handled', $('#u-handled').value],
      ['sort', $('#unanswered-sort').value],
      ['q', $('#u-search').value.trim()],
    ];
    for (const [k, v] of pairs) if (v) p.set(k, v);
    return p.toString();
  }
  async function loadUnanswered() {
    const query = unansweredQuery();
    $('#csv').href = `/console/api/unanswered.csv${query ? `?${query}` : ''}`;
    const { data } = await api('GET', `/console/api/unanswered${query ? `?${query}` : ''}`);
    if (data.reasons) {
      reasonLabels = { ...reasonLabels, ...data.reasons };
      const sel = $('#u-reason');
      if (sel.options.length === 1) {
        for (const [id, label] of Object.entries(reasonLabels)) {
          const o = el('option', label);
          o.value = id;
          sel.append(o);
        }
      }
    }
    const entries = data.entries ?? [];
    $('#unanswered-total').textContent = `${entries.length}件`;
    const tbody = $('#unanswered tbody');
    tbody.replaceChildren(
      ...entries.map((u) => {
        const text = el('button', u.text, 'link');
        text.type = 'button';
        text.title = 'プレビューで試す';
        text.addEventListener('click', () => {
          if (u.municipality) $('#municipality').value = u.municipality;
          send(u.text);
          location.hash = '#ask-panel';
        });
        const actions = el('span', null, 'actions');
        const mark = el('button', u.handled ? '未対応に戻す' : '対応済みにする', 'small');
        mark.type = 'button';
        mark.addEventListener('click', async () => {
          await api('POST', `/console/api/unanswered/${u.id}/handled`, { handled: !u.handled });
          loadUnanswered();
        });
        const faq = el('button', 'FAQ下書き', 'small');
        faq.type = 'button';
        faq.addEventListener('click', async () => {
          const res = await fetch(`/console/api/unanswered/${u.id}/faq.yaml`, { credentials: 'same-origin' });
          $('#faq-draft').textContent = await res.text();
          $('#faq-draft-box').hidden = false;
        });
        const del = el('button', '削除', 'small danger');
        del.type = 'button';
        del.addEventListener('click', async () => {
          if (!confirm('この質問を未回答ログから削除しますか？')) return;
          await api('DELETE', `/console/api/unanswered/${u.id}`);
          loadUnanswered();
        });
        actions.append(mark, faq, del);
        const detail = el('details');
        detail.append(
          el('summary', '詳細'),
          el(
            'span',
            `ID ${u.id} · 聞かれたこと ${u.attribute ?? '—'} · 話題 ${u.topic ?? '—'} · 経路 ${u.channel ?? '—'} · 初回 ${when(u.firstSeen)}`,
            'muted',
          ),
        );
        const cell = el('span');
        cell.append(text, detail);
        const tr = row([cell, nameOf(u.municipality), reasonOf(u.reason), String(u.count), when(u.lastSeen), actions]);
        if (u.handled) tr.className = 'handled';
        return tr;
      }),
    );
    if (!tbody.children.length) tbody.append(row(['（なし）', '', '', '', '', '']));
  }
  $('#unanswered-filters').addEventListener('submit', (e) => {
    e.preventDefault();
    loadUnanswered();
  });
  for (const id of ['#u-municipality', '#u-reason', '#u-days', '#u-handled', '#unanswered-sort']) {
    $(id).addEventListener('change', loadUnanswered);
  }

  // ── analytics ────────────────────────────────────────────────────────
  async function loadAnalytics() {
    const p = new URLSearchParams({ days: $('#a-days').value });
    if ($('#a-municipality').value) p.set('municipality', $('#a-municipality').value);
    const { data } = await api('GET', `/console/api/analytics?${p}`);
    const kinds = Object.entries(data.kinds ?? {})
      .map(([k, n]) => `${KIND[k] ?? k} ${n}`)
      .join('・');
    kv($('#analytics-summary'), [
      ['期間', `${data.from} 〜 ${data.to}`],
      ['質問数', `${data.total ?? 0}件`],
      ['回答の種類', kinds || '—'],
      ['回答できなかった率', `${((data.fallbackRate ?? 0) * 100).toFixed(1)}%`],
      ['未回答ログに記録', `${data.unanswered ?? 0}件`],
    ]);
    const stamp = Date.now();
    $('#chart-daily').src = `/console/api/charts/daily.svg?${p}&t=${stamp}`;
    $('#chart-topics').src = `/console/api/charts/topics.svg?${p}&t=${stamp}`;
    $('#chart-unanswered').src = `/console/api/charts/unanswered.svg?${p}&t=${stamp}`;
  }
  $('#a-days').addEventListener('change', loadAnalytics);
  $('#a-municipality').addEventListener('change', loadAnalytics);

  // ── regression ───────────────────────────────────────────────────────
  let lastReport = null;
  function renderRegression() {
    if (!lastReport) return;
    const r = lastReport;
    const only = $('#failures-only').checked;
    $('#regression-total').textContent =
      `合格 ${r.passed}/${r.total}（${(r.rate * 100).toFixed(1)}%）· ${r.ms} ms · ナレッジ v${r.version}`;
    $('#regression-cats').textContent = r.categories.map((c) => `${c.cat} ${c.passed}/${c.total}`).join(' · ');
    $('#regression tbody').replaceChildren(
      ...r.rows
        .filter((x) => !only || !x.ok)
        .map((x) => {
          const tr = row([
            x.ok ? '合格' : '不合格',
            x.id,
            x.q,
            x.m ? nameOf(x.m) : '',
            KIND[x.expected] ?? x.expected,
            KIND[x.kind] ?? x.kind ?? '',
            x.reason ?? '',
          ]);
          tr.className = x.ok ? 'pass' : 'fail';
          tr.title = x.text;
          return tr;
        }),
    );
  }
  $('#run-regression').addEventListener('click', async () => {
    $('#regression-total').textContent = '実行中…';
    const { status, data } = await api('POST', '/console/api/regression', {});
    if (status !== 200) {
      $('#regression-total').textContent = `エラー ${status}: ${data.error ?? ''}`;
      return;
    }
    lastReport = data;
    renderRegression();
  });
  $('#failures-only').addEventListener('change', renderRegression);

  // ── knowledge status and reload ─────────────────────────────────────
  function renderStatus(s) {
    const last = s.lastReload;
    kv($('#status'), [
      ['版', s.version],
      ['読み込み', new Date(s.loadedAt).toLocaleString('ja-JP')],
      ['質問セット', (s.questionSets ?? []).map((q) => `${q.file}（${q.items}問）`).join('、')],
      [
        '最後の再読み込み',
        last
          ? `${last.ok ? '成功' : '失敗 FAILED'} · ${new Date(last.at).toLocaleString('ja-JP')} · ${last.ms} ms · ${last.reason}`
          : '起動後はまだありません',
      ],
    ]);
    kv($('#status-details'), [
      ['hash', String(s.hash ?? '').slice(0, 12)],
      ['監視中', (s.watching ?? []).join(', ')],
    ]);
    $('#reload-errors').replaceChildren(
      ...(last?.errors ?? []).map((e) =>
        el('li', `${e.file}${e.line ? `:${e.line}` : ''}${e.field ? ` ${e.field}` : ''}: ${e.message}`),
      ),
    );
    $('#counts tbody').replaceChildren(
      ...Object.entries(s.countsPerMunicipality ?? {}).map(([m, c]) =>
        row([nameOf(m), String(c.documents), String(c.passages), String(c.glossary), String(c.faq)]),
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
  loadAnalytics().catch(() => {});
})();
