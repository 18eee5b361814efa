// The conversation around the real engine: what a session keeps between turns (frames and what answered,
// never the messages), when it ends (reset cue, expiry), and that a failing store costs the thread only.
import { beforeAll, describe, expect, it } from 'vitest';
import { createConversation, isResetMessage, RESET_TEXT, type SessionStore } from '../../src/answer/index.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { createMemoryStore } from '../../src/state/index.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
}, 60_000);

describe('isResetMessage', () => {
  it.each([
    { text: '最初から', reset: true, why: 'the bare cue' },
    { text: '最初からお願いします', reset: true, why: 'with politeness around it' },
    { text: 'リセットして', reset: true, why: 'the app word, asked as a request' },
    { text: 'やり直したい', reset: true, why: 'a wish to start again' },
    { text: '  ＲＥＳＥＴ！ ', reset: true, why: 'full-width and punctuation are normalised' },
    { text: '最初から読むべき資料は？', reset: false, why: 'a question that merely contains the cue' },
    { text: 'リセットされたデータはどうなるの', reset: false, why: 'the word inside a question about something else' },
    { text: '書かない窓口とは', reset: false, why: 'an ordinary question' },
    { text: '', reset: false, why: 'nothing to read' },
  ])('$text → $reset ($why)', ({ text, reset }) => {
    expect(isResetMessage(text)).toBe(reset);
  });
});

describe('a conversation', () => {
  const question = '書かない窓口とは';

  it('keeps the turn it answered: the frame and the ids cited, not the message', async () => {
    const store = createMemoryStore();
    const conversation = createConversation({ sessions: store, ttlSeconds: 60 });
    const answer = await conversation.ask(engine, question, { municipality: 'hinode', session: 's1' });
    expect(answer.kind).toBe('answer');
    const stored = JSON.parse((await store.getSession('s1')) ?? 'null');
    expect(stored.turns).toHaveLength(1);
    expect(stored.turns[0].frame.attribute).toBe('definition');
    expect(stored.turns[0].answered.municipality).toBe('hinode');
    expect(stored.turns[0].answered.ids.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(question); // the message itself is never kept
    await store.close();
  });

  it('keeps at most the last three turns', async () => {
    const store = createMemoryStore();
    const conversation = createConversation({ sessions: store, ttlSeconds: 60 });
    for (const q of ['書かない窓口とは', 'マイナンバーカードの保有率は', 'DXの担当課はどこ？', 'オープンデータとは']) {
      await conversation.ask(engine, q, { municipality: 'higashikurume', session: 's2' });
    }
    const stored = JSON.parse((await store.getSession('s2')) ?? 'null');
    expect(stored.turns).toHaveLength(3);
    await store.close();
  });

  it('a greeting between two questions leaves the thread as it was', async () => {
    const store = createMemoryStore();
    const conversation = createConversation({ sessions: store, ttlSeconds: 60 });
    await conversation.ask(engine, question, { municipality: 'hinode', session: 's3' });
    const before = await store.getSession('s3');
    const hello = await conversation.ask(engine, 'ありがとう', { municipality: 'hinode', session: 's3' });
    expect(hello.kind).toBe('greeting');
    expect(JSON.parse((await store.getSession('s3')) ?? 'null').turns).toEqual(JSON.parse(before ?? 'null').turns);
    await store.close();
  });

  it('「最初から」 clears the context and says so', async () => {
    const store = createMemoryStore();
    const conversation = createConversation({ sessions: store, ttlSeconds: 60 });
    await conversation.ask(engine, question, { municipality: 'hinode', session: 's4' });
    const reset = await conversation.ask(engine, '最初からお願いします', { municipality: 'hinode', session: 's4' });
    expect(reset).toMatchObject({ kind: 'greeting', text: RESET_TEXT, municipality: 'hinode' });
    expect(await store.getSession('s4')).toBeNull();
  });

  it('the context expires ttlSeconds after the last message', async () => {
    let t = 1_000_000;
    const store = createMemoryStore({ now: () => t });
    const conversation = createConversation({ sessions: store, ttlSeconds: 1800, now: () => t });
    await conversation.ask(engine, question, { municipality: 'hinode', session: 's5' });
    t += 1799_000;
    expect(await store.getSession('s5')).not.toBeNull();
    t += 2_000;
    expect(await store.getSession('s5')).toBeNull();
    await store.close();
  });

  it('without a session nothing is kept and the answer is the engine’s own', async () => {
    const store = createMemoryStore();
    const conversation = createConversation({ sessions: store, ttlSeconds: 60 });
    const answer = await conversation.ask(engine, question, { municipality: 'hinode' });
    expect(answer.text).toBe(engine.answer(question, { municipality: 'hinode' }).text);
    expect(await conversation.ask(engine, '最初から', {})).not.toMatchObject({ text: RESET_TEXT });
    await store.close();
  });

  it('a store that fails, or holds something unreadable, costs the thread, never the answer', async () => {
    const errors: unknown[] = [];
    const broken: SessionStore = {
      getSession: async () => {
        throw new Error('store down');
      },
      setSession: async () => {
        throw new Error('store down');
      },
      clearSession: async () => {
        throw new Error('store down');
      },
    };
    const conversation = createConversation({ sessions: broken, ttlSeconds: 60, onStoreError: (e) => errors.push(e) });
    const answer = await conversation.ask(engine, question, { municipality: 'hinode', session: 's6' });
    expect(answer.text).toBe(engine.answer(question, { municipality: 'hinode' }).text);
    expect(errors).toHaveLength(2); // the read and the write
    expect((await conversation.ask(engine, 'リセット', { session: 's6' })).text).toBe(RESET_TEXT);

    const garbled = createMemoryStore();
    await garbled.setSession('s7', '{"v":1,"turns":"not a list"', 60);
    const other = createConversation({ sessions: garbled, ttlSeconds: 60 });
    const again = await other.ask(engine, question, { municipality: 'hinode', session: 's7' });
    expect(again.text).toBe(engine.answer(question, { municipality: 'hinode' }).text);
    expect(JSON.parse((await garbled.getSession('s7')) ?? 'null').turns).toHaveLength(1); // replaced by a good one
    await garbled.close();
  });
});
