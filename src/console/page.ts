// The console's two HTML pages, in Japanese for municipal staff (English follows in small type where it
// helps). No inline script or style (the CSP forbids them): behaviour lives in
// /console/assets/console.js, which fills every resident-typed string in with textContent.

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);

const head = (title: string) => `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/assets/console.css">`;

export function loginPage(message?: string): string {
  return `${head('窓口 スタッフコンソール — ログイン')}
</head>
<body class="login">
<main>
<h1>窓口 <small>スタッフコンソール</small></h1>
<form method="post" action="/console/login">
<label for="token">スタッフ用トークン <small class="muted">staff token</small></label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">ログイン</button>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''}
</form>
</main>
</body>
</html>`;
}

const MODE_LABEL: Record<string, string> = {
  cookie: 'ログイン中',
  bearer: 'トークンで接続',
  loopback: 'この端末から接続',
};

export function consolePage(opts: {
  csrf: string;
  mode: string;
  municipalities: { id: string; name: string }[];
}): string {
  const options = opts.municipalities
    .map((m) => `<option value="${escapeHtml(m.id)}">${escapeHtml(m.name)}</option>`)
    .join('');
  return `${head('窓口 スタッフコンソール')}
<meta name="csrf-token" content="${escapeHtml(opts.csrf)}">
<script src="/console/assets/flex.js" defer></script>
<script src="/console/assets/console.js" defer></script>
</head>
<body>
<header>
<h1>窓口 <small>スタッフコンソール</small></h1>
<nav class="jump" aria-label="パネル">
<a href="#ask-panel">会話プレビュー</a><a href="#unanswered-panel">未回答</a><a href="#analytics-panel">利用状況</a><a href="#regression-panel">回帰テスト</a><a href="#status-panel">ナレッジ</a>
</nav>
<span id="who" class="muted">${escapeHtml(MODE_LABEL[opts.mode] ?? opts.mode)}</span>
${opts.mode === 'cookie' ? '<button id="logout" type="button" class="link">ログアウト</button>' : ''}
</header>
<main class="grid">
<section id="ask-panel" class="panel">
<h2>会話プレビュー <small class="muted">住民としてLINEで質問したときの返信</small></h2>
<form id="ask-form">
<label for="municipality" class="sr-only">自治体</label>
<select id="municipality" name="municipality"><option value="">（自治体を選ばない）</option>${options}</select>
<label for="question" class="sr-only">質問</label>
<textarea id="question" name="question" rows="2" maxlength="5000" placeholder="例: 書かない窓口とは" required></textarea>
<div class="row">
<span id="question-count" class="muted">0 / 5000</span>
<button type="button" id="reset" class="secondary">会話をリセット</button>
<button type="submit" id="ask">送信</button>
</div>
</form>
<div id="preview" class="line-chat" aria-live="polite"></div>
<p id="answer-meta" class="muted"></p>
<ol id="sources" class="sources"></ol>
</section>
<section id="debug-panel" class="panel">
<h2>この回答になった理由 <small class="muted">debug</small></h2>
<div id="why" class="why"><p class="muted">質問を送ると、どの部品がどの資料から答えたか（または答えられなかった理由）をここに表示します。</p></div>
<details id="debug-details"><summary>詳細（内部ID・検索結果）</summary>
<dl id="debug" class="kv"></dl>
<div class="scroll"><table id="hits"><thead><tr><th>#</th><th>種類</th><th>ID</th><th>スコア</th><th>一致した語</th><th>本文</th></tr></thead><tbody></tbody></table></div>
</details>
</section>
<section id="unanswered-panel" class="panel wide">
<h2>未回答の質問 <small class="muted">回答できなかった・確信度が低かった質問（個人情報は伏せ字で保存）</small></h2>
<form id="unanswered-filters" class="filters">
<label>自治体 <select id="u-municipality"><option value="">すべて</option><option value="none">（未選択）</option>${options}</select></label>
<label>理由 <select id="u-reason"><option value="">すべて</option></select></label>
<label>期間 <select id="u-days"><option value="7">7日</option><option value="30" selected>30日</option><option value="90">90日</option><option value="">すべて</option></select></label>
<label>対応 <select id="u-handled"><option value="no">未対応</option><option value="yes">対応済み</option><option value="">すべて</option></select></label>
<label>並び順 <select id="unanswered-sort"><option value="frequent">多い順</option><option value="recent">新しい順</option></select></label>
<label class="grow">検索 <input id="u-search" type="search" placeholder="質問や話題の語"></label>
<button type="submit" id="refresh-unanswered">表示</button>
<a id="csv" class="button secondary" href="/console/api/unanswered.csv" download>CSVダウンロード</a>
</form>
<p id="unanswered-total" class="muted"></p>
<div class="scroll"><table id="unanswered"><thead><tr><th>質問</th><th>自治体</th><th>理由</th><th>回数</th><th>最終</th><th>操作</th></tr></thead><tbody></tbody></table></div>
<div id="faq-draft-box" hidden>
<h3>FAQの下書き <small class="muted">回答と出典を埋めて knowledge/faq.yaml に追加してください</small></h3>
<pre id="faq-draft"></pre>
</div>
</section>
<section id="analytics-panel" class="panel wide">
<h2>利用状況 <small class="muted">状態ストアの集計から（ログは使いません）</small></h2>
<form id="analytics-filters" class="filters">
<label>期間 <select id="a-days"><option value="7">直近7日</option><option value="30" selected>直近30日</option><option value="90">直近90日</option></select></label>
<label>自治体 <select id="a-municipality"><option value="">全体</option><option value="none">（未選択）</option>${options}</select></label>
</form>
<dl id="analytics-summary" class="stats"></dl>
<figure><img id="chart-daily" alt="1日あたりの質問数と回答の種類" width="720" height="260"><figcaption>1日あたりの質問数（回答の種類別）と回答できなかった率</figcaption></figure>
<div class="charts-2">
<figure><img id="chart-topics" alt="よく聞かれた話題"><figcaption>よく聞かれた話題</figcaption></figure>
<figure><img id="chart-unanswered" alt="回答できなかった質問"><figcaption>回答できなかった質問（多い順）</figcaption></figure>
</div>
</section>
<section id="regression-panel" class="panel wide">
<h2>回帰テスト <small class="muted">質問セットをまとめて試す</small></h2>
<button id="run-regression" type="button">質問セットを実行</button>
<label><input id="failures-only" type="checkbox"> 不合格のみ表示</label>
<p id="regression-total" class="total"></p>
<p id="regression-cats" class="muted"></p>
<div class="scroll"><table id="regression"><thead><tr><th>結果</th><th>ID</th><th>質問</th><th>自治体</th><th>期待</th><th>結果の種類</th><th>理由</th></tr></thead><tbody></tbody></table></div>
</section>
<section id="status-panel" class="panel wide">
<h2>ナレッジ <small class="muted">資料・FAQ・窓口の設定の読み込み状況</small></h2>
<button id="reload" type="button">今すぐ再読み込み</button>
<dl id="status" class="kv"></dl>
<ul id="reload-errors" class="errors"></ul>
<div class="scroll"><table id="counts"><thead><tr><th>自治体</th><th>文書</th><th>段落</th><th>用語</th><th>FAQ</th></tr></thead><tbody></tbody></table></div>
<details><summary>詳細（ハッシュ・監視中のフォルダ・ファイル）</summary><dl id="status-details" class="kv"></dl><ul id="files"></ul></details>
</section>
</main>
</body>
</html>`;
}
