// A plain LINE message rendering of an Answer, used for the console preview only when the LINE room's
// builder is not wired in (createConsoleRouter's renderReply). Same shape: LINE Messaging API objects.
import type { Answer } from '../answer/index.js';

type Json = Record<string, unknown>;

const text = (t: string, extra: Json = {}): Json => ({ type: 'text', text: t, wrap: true, ...extra });

export function renderPreview(answer: Answer): unknown[] {
  const body: Json[] = [text(answer.text || '（回答なし）', { size: 'md' })];
  const footer: Json[] = [];
  if (answer.sources.length > 0) {
    body.push({ type: 'separator', margin: 'md' });
    for (const s of answer.sources.slice(0, 3)) {
      body.push(text(`出典: ${s.document}（${s.section}）`, { size: 'xs', color: '#888888', margin: 'sm' }));
    }
  }
  for (const c of answer.route?.details ?? []) {
    footer.push({
      type: 'button',
      style: 'link',
      height: 'sm',
      action: c.url ? { type: 'uri', label: c.label, uri: c.url } : { type: 'message', label: c.label, text: c.label },
    });
  }
  const bubble: Json = { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: body } };
  if (footer.length) bubble['footer'] = { type: 'box', layout: 'vertical', contents: footer };
  const chips = [...(answer.choices ?? []), ...(answer.related ?? [])].slice(0, 13);
  const message: Json = { type: 'flex', altText: answer.text.slice(0, 400) || '回答', contents: bubble };
  if (chips.length) {
    message['quickReply'] = {
      items: chips.map((label) => ({
        type: 'action',
        action: { type: 'message', label: label.slice(0, 20), text: label },
      })),
    };
  }
  return [message];
}
