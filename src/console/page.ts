// The console's two HTML pages. No inline script or style (the CSP forbids them): behaviour lives in
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
  return `${head('窓口 staff console — login')}
</head>
<body class="login">
<main>
<h1>窓口 <small>staff console</small></h1>
<form method="post" action="/console/login">
<label for="token">Staff token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Log in</button>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''}
</form>
</main>
</body>
</html>`;
}

export function consolePage(opts: {
  csrf: string;
  mode: string;
  municipalities: { id: string; name: string }[];
}): string {
  const options = opts.municipalities
    .map((m) => `<option value="${escapeHtml(m.id)}">${escapeHtml(m.name)}</option>`)
    .join('');
  return `${head('窓口 staff console')}
<meta name="csrf-token" content="${escapeHtml(opts.csrf)}">
<script src="/console/assets/flex.js" defer></script>
<script src="/console/assets/console.js" defer></script>
</head>
<body>
<header>
<h1>窓口 <small>staff console</small></h1>
<span id="who" class="muted">${escapeHtml(opts.mode)}</span>
${opts.mode === 'cookie' ? '<button id="logout" type="button" class="link">Log out</button>' : ''}
</header>
<main class="grid">
<section id="ask-panel" class="panel">
<h2>Ask as a resident</h2>
<form id="ask-form">
<select id="municipality" name="municipality" aria-label="municipality"><option value="">（未選択）</option>${options}</select>
<input id="question" name="question" type="text" maxlength="500" placeholder="例: 書かない窓口とは" required>
<button type="submit" id="ask">Ask</button>
</form>
<div id="preview" class="line-chat" aria-live="polite"></div>
<div id="answer-meta" class="muted"></div>
<ol id="sources" class="sources"></ol>
</section>
<section id="debug-panel" class="panel">
<h2>Debug</h2>
<dl id="debug" class="kv"></dl>
<table id="hits"><thead><tr><th>#</th><th>type</th><th>id</th><th>score</th><th>matched</th><th>text</th></tr></thead><tbody></tbody></table>
</section>
<section id="regression-panel" class="panel wide">
<h2>Regression</h2>
<button id="run-regression" type="button">Run question sets</button>
<label><input id="failures-only" type="checkbox"> failures only</label>
<p id="regression-total" class="total"></p>
<p id="regression-cats" class="muted"></p>
<table id="regression"><thead><tr><th></th><th>id</th><th>question</th><th>m</th><th>expected</th><th>got</th><th>reason</th></tr></thead><tbody></tbody></table>
</section>
<section id="unanswered-panel" class="panel">
<h2>Unanswered</h2>
<label for="unanswered-sort">sort</label>
<select id="unanswered-sort"><option value="frequent">most frequent first</option><option value="recent">newest first</option></select>
<button id="refresh-unanswered" type="button">Refresh</button>
<table id="unanswered"><thead><tr><th>text</th><th>municipality</th><th>count</th><th>last seen</th></tr></thead><tbody></tbody></table>
</section>
<section id="status-panel" class="panel">
<h2>Knowledge</h2>
<button id="reload" type="button">Reload now</button>
<dl id="status" class="kv"></dl>
<ul id="reload-errors" class="errors"></ul>
<table id="counts"><thead><tr><th>municipality</th><th>documents</th><th>passages</th><th>glossary</th><th>faq</th></tr></thead><tbody></tbody></table>
<details><summary>files</summary><ul id="files"></ul></details>
</section>
</main>
</body>
</html>`;
}
