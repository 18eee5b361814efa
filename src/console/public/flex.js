// LINE message objects → DOM, close enough for staff to see what a resident sees: text messages,
// Flex bubbles and carousels (box, text, span, button, separator, spacer, image, icon) and quick
// replies as chips. Every string is set with textContent; URLs only as http(s) links.

(() => {
  const el = (tag, cls, text) => {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  };
  let currentPostback = null;
  const isColor = (c) => typeof c === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(c);
  const safeUrl = (u) => {
    try {
      const url = new URL(String(u));
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch {
      return null;
    }
  };

  function action(node, act, onMessage, onPostback = currentPostback) {
    if (!act || typeof act !== 'object') return;
    if (act.type === 'uri') {
      const href = safeUrl(act.uri);
      node.title = href ?? String(act.uri ?? '');
      if (href) node.addEventListener('click', () => window.open(href, '_blank', 'noopener,noreferrer'));
    } else if (act.type === 'message' && typeof act.text === 'string') {
      node.title = act.text;
      node.addEventListener('click', () => onMessage?.(act.text));
    } else if (act.type === 'postback') {
      // postbacks run as on LINE: the console's server decodes the data and replies as the webhook would
      node.dataset.postback = String(act.data ?? '');
      node.addEventListener('click', () =>
        onPostback?.(String(act.displayText ?? act.label ?? ''), String(act.data ?? '')),
      );
    }
  }

  function component(c, onMessage) {
    if (!c || typeof c !== 'object') return el('span');
    switch (c.type) {
      case 'box': {
        const n = el('div', `fx-box fx-${c.layout === 'horizontal' || c.layout === 'baseline' ? 'row' : 'col'}`);
        if (isColor(c.backgroundColor)) n.style.backgroundColor = c.backgroundColor;
        for (const child of Array.isArray(c.contents) ? c.contents : []) n.append(component(child, onMessage));
        if (c.action) action(n, c.action, onMessage);
        return n;
      }
      case 'text': {
        const n = el('p', `fx-text fx-size-${String(c.size ?? 'md').replace(/[^a-z0-9]/gi, '')}`);
        if (c.weight === 'bold') n.classList.add('fx-bold');
        if (isColor(c.color)) n.style.color = c.color;
        if (Array.isArray(c.contents) && c.contents.length) {
          for (const s of c.contents) {
            const span = el('span', s.weight === 'bold' ? 'fx-bold' : '', s.text ?? '');
            if (isColor(s.color)) span.style.color = s.color;
            n.append(span);
          }
        } else n.textContent = String(c.text ?? '');
        if (c.action) action(n, c.action, onMessage);
        return n;
      }
      case 'button': {
        const n = el(
          'button',
          `fx-button fx-${String(c.style ?? 'link').replace(/[^a-z]/g, '')}`,
          c.action?.label ?? '',
        );
        n.type = 'button';
        if (isColor(c.color)) n.style.setProperty('--fx-color', c.color);
        action(n, c.action, onMessage);
        return n;
      }
      case 'separator':
        return el('hr', 'fx-separator');
      case 'spacer':
      case 'filler':
        return el('div', 'fx-spacer');
      case 'image':
        return el('div', 'fx-image', '🖼 image');
      case 'icon':
        return el('span', 'fx-icon', '•');
      default:
        return el('span', 'fx-unknown', `[${String(c.type)}]`);
    }
  }

  function bubble(b, onMessage) {
    const n = el('div', 'fx-bubble');
    for (const part of ['header', 'hero', 'body', 'footer']) {
      if (!b?.[part]) continue;
      const wrap = el('div', `fx-${part}`);
      wrap.append(component(b[part], onMessage));
      n.append(wrap);
    }
    return n;
  }

  function message(m, onMessage) {
    const row = el('div', 'chat-row bot');
    if (m?.type === 'text') row.append(el('div', 'chat-bubble', m.text ?? ''));
    else if (m?.type === 'flex') {
      const c = m.contents;
      if (c?.type === 'carousel') {
        const car = el('div', 'fx-carousel');
        for (const b of Array.isArray(c.contents) ? c.contents : []) car.append(bubble(b, onMessage));
        row.append(car);
      } else row.append(bubble(c, onMessage));
      row.title = `altText: ${String(m.altText ?? '')}`;
    } else row.append(el('div', 'chat-bubble', `[${String(m?.type)} message]`));
    return row;
  }

  function quickReplies(messages, onMessage) {
    const last = [...messages].reverse().find((m) => m?.quickReply?.items?.length);
    if (!last) return null;
    const bar = el('div', 'quick-replies');
    for (const item of last.quickReply.items) {
      const chip = el('button', 'chip', item?.action?.label ?? '');
      chip.type = 'button';
      action(chip, item?.action, onMessage);
      bar.append(chip);
    }
    return bar;
  }

  /** Appends one exchange to the conversation: the resident's message, then the bot's messages; the quick
   * replies show under the latest turn only, as on LINE. */
  function appendTurn(container, question, messages, onMessage, onPostback) {
    currentPostback = onPostback ?? null;
    for (const old of container.querySelectorAll('.quick-replies')) old.remove();
    const you = el('div', 'chat-row you');
    you.append(el('div', 'chat-bubble', question));
    const nodes = [you, ...messages.map((m) => message(m, onMessage))];
    const qr = quickReplies(messages, onMessage);
    if (qr) nodes.push(qr);
    container.append(...nodes);
  }

  window.MadoguchiFlex = { appendTurn };
})();
