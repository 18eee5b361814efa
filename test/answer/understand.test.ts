// understand(): the frame a question is read as. Questions written for this table (not from the eval sets);
// each row says why it reads so.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';
import { CUES, type Frame, understand } from '../../src/answer/index.js';
import { createMunicipalityDetector, type Municipality } from '../../src/knowledge/index.js';

let analyzer: Analyzer;
const municipalities: Municipality[] = [
  { id: 'koganei', name: '小金井市', shortName: '小金井', aliases: ['こがねい'], contact: {} },
  { id: 'hinode', name: '日の出町', shortName: '日の出', aliases: [], contact: {} },
  { id: 'musashino', name: '武蔵野市', shortName: '武蔵野', aliases: [], contact: {} },
];
const detector = createMunicipalityDetector(municipalities);

beforeAll(async () => {
  analyzer = await createAnalyzer();
});

const read = (q: string, municipality: string | null = null): Frame =>
  understand(q, { analyzer, municipalities: detector, sets: [] }, { municipality });

describe('the asked attribute', () => {
  it.each([
    { q: '担当課の電話番号は何番', attribute: 'contact', sub: 'phone', why: '何番 asks a phone number, not a count' },
    { q: 'DXの担当部署はどこ', attribute: 'contact', sub: 'department', why: '担当部署' },
    {
      q: '方向性を最終的に決めるのはどの組織',
      attribute: 'contact',
      sub: 'department',
      why: 'どの組織 asks an organisation as どの課 does, not a named thing (name)',
    },
    { q: 'どこの機関が判断するの', attribute: 'contact', sub: 'department', why: 'どこの機関: an organisation' },
    { q: '役場の住所を教えて', attribute: 'contact', sub: 'address', why: '住所 before the generic 教えて' },
    { q: 'マイナンバーカードの保有率はどれくらい', attribute: 'quantity', sub: 'rate', why: '保有率: a share' },
    { q: 'テレワーク用の端末は何台', attribute: 'quantity', sub: 'count', why: '何 + counter' },
    {
      q: 'マイナンバーカードの普及状況を教えて',
      attribute: 'quantity',
      sub: 'rate',
      why: 'how far it has spread is a share (保有率), not an overview',
    },
    {
      q: 'マイナンバーカードの普及はどこまで進んでいますか',
      attribute: 'quantity',
      sub: 'rate',
      why: 'how far a spread has gone is a share too, though 進んでいます alone reads as a stage',
    },
    {
      q: 'RPAの導入はどのくらい進んでる',
      attribute: 'status',
      sub: undefined,
      why: 'how far a measure (導入) has gone is its stage: only a spread (普及) is a share',
    },
    { q: 'システム更新の費用はいくら', attribute: 'quantity', sub: 'amount', why: 'いくら: money' },
    {
      q: 'この計画は何年後を見据えているの',
      attribute: 'quantity',
      sub: 'count',
      why: '何年後: a number of years, not a date',
    },
    { q: '小金井市は何市目に参加した', attribute: 'quantity', sub: 'count', why: '何市目: an ordinal is a count' },
    { q: '電子申請はいつから使える', attribute: 'date', sub: 'start', why: 'いつから: the start' },
    { q: 'この計画はいつまで', attribute: 'date', sub: 'end', why: 'いつまで: the end' },
    { q: '対象期間は何年間', attribute: 'date', sub: 'period', why: '期間: a span' },
    { q: '方針はいつ策定したの', attribute: 'date', sub: 'made', why: '策定: when it was made' },
    { q: 'CIOは誰がやってるの', attribute: 'person', sub: undefined, why: '誰: a person or office' },
    {
      q: 'キャッシュレス決済はもう始まってる？',
      attribute: 'status',
      sub: undefined,
      why: 'もう始まってる: availability',
    },
    { q: '図面はネットで見られる？', attribute: 'status', sub: undefined, why: '見られる？: is it available' },
    { q: 'RPAって入れてるの？', attribute: 'status', sub: undefined, why: '入れてる: 導入している, said plainly' },
    { q: 'チャットボットは使ってる？', attribute: 'status', sub: undefined, why: '使ってる: in use yet' },
    { q: 'なぜDXを進めるの', attribute: 'reason', sub: undefined, why: 'なぜ: a reason' },
    { q: 'DX推進の柱は', attribute: 'items', sub: undefined, why: '柱: a list topic' },
    { q: 'オープンデータとは', attribute: 'definition', sub: undefined, why: '〜とは' },
    { q: 'こんにちは', attribute: 'greeting', sub: undefined, why: 'a greeting alone' },
    { q: '住民票をコンビニで取りたい', attribute: 'procedure', sub: undefined, why: 'a procedure and a wish: routing' },
    { q: '今日の窓口の混雑状況は', attribute: 'chat', sub: undefined, why: 'no cue; no word list decides off-topic' },
    {
      q: 'チャットボットで問い合わせできるサービスある？',
      attribute: 'status',
      sub: undefined,
      why: '問い合わせ modifies the service asked about: whether it exists, not whom to contact',
    },
    {
      q: '問い合わせはどこにすればいい？',
      attribute: 'contact',
      sub: 'department',
      why: '問い合わせ as what the resident wants to do: whom to contact',
    },
    {
      q: '電子決裁ってどんな効果があるの？',
      attribute: 'overview',
      sub: undefined,
      why: '「どんな効果があるの」 asks what the effect is, not whether there is one',
    },
    {
      q: '日の出町のDX推進の基本方針って何がある？',
      attribute: 'items',
      sub: undefined,
      why: '「何がある」 of a policy asks what it holds (its items), not whether there is one',
    },
    {
      q: 'マイナンバーカードの普及促進の取組は何があるの？',
      attribute: 'status',
      sub: undefined,
      why: '「何がある」 of a measure asks what is being done: its status',
    },
    {
      q: '職員は在宅勤務できるようになったの？',
      attribute: 'status',
      sub: undefined,
      why: '「できるようになった」: whether it has become possible, a status',
    },
    {
      q: 'RPAの導入はどのくらい進んでるの？',
      attribute: 'status',
      sub: undefined,
      why: '「どのくらい進んでる」 asks how far along a measure is (its stage), not a count',
    },
    {
      q: '電子申請はどこまで進んでいますか',
      attribute: 'status',
      sub: undefined,
      why: '「どこまで進んでいる」: the stage reached, not an end date',
    },
    {
      q: '職員のテレワークはどうなってる？',
      attribute: 'status',
      sub: undefined,
      why: '「どうなってる」 asks the present state of a measure, as 「どうなった」 does',
    },
    {
      q: '書かない窓口の状況はどう違うの？',
      attribute: 'status',
      sub: undefined,
      why: '「状況は」 after a particle: how the measure stands',
    },
    {
      q: 'RPAの導入状況を教えて',
      attribute: 'status',
      sub: undefined,
      why: '導入状況: the stage reached',
    },
    {
      q: 'DXの推進体制ってどうなってる？',
      attribute: 'items',
      sub: undefined,
      why: 'a policy topic (体制) asked 「どうなってる」: its contents; the state row yields to items',
    },
    {
      q: '方針について聞きたいけど、どこに連絡すればいい？',
      attribute: 'contact',
      sub: 'department',
      why: '「連絡すれば」: whom to contact',
    },
    {
      q: '方針を作った課はどこですか',
      attribute: 'contact',
      sub: 'department',
      why: 'a department described by what it did (作った課), not when it was made',
    },
    {
      q: 'SNSでの情報発信は何課がやってるの',
      attribute: 'contact',
      sub: 'department',
      why: '何課 asks a department, not a count (課 is no counter)',
    },
    {
      q: 'メールで問い合わせたいです。アドレスを教えてください',
      attribute: 'contact',
      sub: 'email',
      why: 'a mail address asked: 問い合わせ alone would ask the department',
    },
    { q: '担当課のメールアドレスは？', attribute: 'contact', sub: 'email', why: 'メールアドレス before 担当課' },
    {
      q: 'スマホ教室はいつどこでやってるんですか',
      attribute: 'date',
      sub: undefined,
      why: 'a channel word (スマホ) and どこで without any procedure, asked when: an event, not a procedure',
    },
    {
      q: '住民票はいつからスマホで取りたい',
      attribute: 'procedure',
      sub: undefined,
      why: 'a procedure named (住民票) with a wish stays a procedure inquiry',
    },
    {
      q: '防災メールの登録者数は？',
      attribute: 'quantity',
      sub: 'count',
      why: 'a mail service named, no address asked',
    },
    { q: 'DXの方針はどこの係がまとめてるの', attribute: 'contact', sub: 'department', why: 'どこの係: as どこの課' },
    { q: 'デジタル化と業務改革の関係は？', attribute: 'chat', sub: undefined, why: '関係は is no 係 asked' },
    {
      q: 'オープンデータは何件公開してるの',
      attribute: 'quantity',
      sub: 'count',
      why: 'a counter after 何 stays a count even with a status verb',
    },
  ])('$q → $attribute $sub ($why)', ({ q, attribute, sub }) => {
    const f = read(q);
    expect(f.attribute).toBe(attribute);
    expect(f.quantity ?? f.date ?? f.contact).toBe(sub);
  });
});

describe('a yes/no procedure question and a change of state', () => {
  it.each([
    { q: '施設の使用料を電子マネーで払えるようになる？', change: true, why: '〜ようになる: when it becomes possible' },
    { q: '施設の使用料を電子マネーで払える？', change: false, why: 'whether it can be done now' },
  ])('$q → change $change ($why)', ({ q, change }) => {
    const f = read(q);
    // Both are procedure inquiries without a wish: the availability composer is asked first.
    expect(f.attribute).toBe('procedure');
    expect(f.inquiry.wish).toBe(false);
    expect(f.modifiers.change).toBe(change);
  });
});

describe('the term a definition asks for, with an aside around it', () => {
  it.each([
    {
      q: 'RFIってよく聞くけど、どういう意味なんですか',
      target: 'rfi',
      why: 'an aside between the term and 「どういう意味」',
    },
    {
      q: 'ガバメントクラウドって言葉、意味を教えてください',
      target: 'ガバメントクラウド',
      why: '「って言葉、意味を」',
    },
    {
      q: 'ペーパーレスを進めるって書いてあるんですが、BPRって何ですか',
      target: 'bpr',
      why: 'a clause before 「〜んですが、」 is an aside: the term is what follows it',
    },
    { q: '推進体制のところのCIOって何の略？', target: 'cio', why: '「〜のところの」 says where the term appears' },
    {
      q: '掲げてるスマート自治体って具体的にどういう自治体のこと？',
      target: 'スマート自治体',
      why: 'an adverb (具体的に) and the kind of thing (自治体の) before こと; 「掲げてる」 says where it appears',
    },
    {
      q: 'オムニチャネルって何なんですか',
      target: 'オムニチャネル',
      why: '「なんですか」 is not 「なんで」 (a reason)',
    },
    { q: 'LGWANってよく見るけど何の略？', target: 'lgwan', why: 'an aside between the term and 「何の略」' },
    { q: 'SaaSは何の略ですか', target: 'saas', why: '「は何の略」: the expansion is what a glossary entry gives' },
    { q: 'ガバメントクラウドってなに？国のやつ？', target: 'ガバメントクラウド', why: 'a trailing guess asks nothing' },
    {
      q: 'オープンデータって何？役所のデータのこと？',
      target: 'オープンデータ',
      why: 'a trailing guess (「〜のこと？」) fires no cue row',
    },
    {
      q: 'おくやみ窓口ってどういう窓口なんですか',
      target: 'おくやみ窓口',
      why: 'the kind asked (窓口) is the term’s own head: what the thing is',
    },
    { q: 'スマート自治体ってどんな自治体？', target: 'スマート自治体', why: 'the same, with 自治体' },
    {
      q: '方針にある「電子決裁」ってどういう仕組み？',
      target: '電子決裁',
      why: 'a term in quotes is the term; 「方針にある」 says where it appears',
    },
    {
      q: '計画の中の『オープンデータ』とは何ですか',
      target: 'オープンデータ',
      why: 'the same with 『』, after a place phrase cleanTarget has no rule for',
    },
    {
      q: 'RPAってなに？計画によく出てくるけど意味がわからなくて',
      target: 'rpa',
      why: 'a trailing remark left hanging (〜て) asks nothing, though it names 計画 (an items word)',
    },
    {
      q: 'オープンデータって何？方針に何度も出てきたので',
      target: 'オープンデータ',
      why: 'a trailing reason (〜ので) is a remark, not a question of its own',
    },
    {
      q: 'LGWANって何？施策のページを読んでもよくわからない',
      target: 'lgwan',
      why: 'saying one does not understand is a remark: the meaning is still what is asked',
    },
  ])('$q → $target ($why)', ({ q, target }) => {
    const f = read(q);
    expect(f.attribute).toBe('definition');
    expect(f.target).toBe(target);
  });

  it.each([
    {
      q: 'LoGoフォームってなに？どこの自治体でも使えるやつ？',
      target: 'logoフォーム',
      why: 'a guess describing the term (〜やつ？) asks nothing, though 「どこの自治体」 reads as a which-question',
    },
    {
      q: 'ガバメントクラウドって何？どこの市も入るもの？',
      target: 'ガバメントクラウド',
      why: 'the same guess ending in もの',
    },
  ])('$q → $target, one municipality ($why)', ({ q, target }) => {
    const f = read(q, 'koganei');
    expect(f.attribute).toBe('definition');
    expect(f.target).toBe(target);
    expect(f.scope).toBe('one');
    expect(f.municipality).toBe('koganei');
  });
});

describe('not a definition: the kind asked is not the term’s head, or the aside asks a question of its own', () => {
  it.each([
    { q: 'DX推進方針ってどんな内容？', why: '内容 is not what the term is: its contents are asked' },
    { q: 'eLTAXってなに？いつから使えるの？', why: 'the second question asks a date (a cue row fires on it)' },
    { q: '電子決裁ってどんな効果があるの？', why: 'the effect is asked, not the term' },
    {
      q: 'eLTAXってなに？どこの市が使ってるの？',
      why: 'not a guess about the term (no やつ/もの): a which-question of its own',
    },
    { q: 'RPAってなに？いつ導入したのか知りたくて', why: 'a remark that asks a date (いつ) is a question of its own' },
  ])('$q ($why)', ({ q }) => {
    expect(read(q).attribute).not.toBe('definition');
  });
});

describe('which named thing (「どの〜」) and what is done (「どう進める」)', () => {
  it.each([
    { q: 'この方針はどの計画に基づいているの', named: ['計画'], why: 'どの + noun: a named 計画 answers it' },
    {
      q: '実証実験ではどんな名前のツールを使ったの',
      named: ['ツール'],
      why: 'どんな名前の + noun: the same question, asked by its name',
    },
    { q: 'どの長期計画を踏まえているか', named: ['長期', '計画'], why: 'every noun asked: a 長期 計画, not any 計画' },
  ])('$q → name $named ($why)', ({ q, named }) => {
    const f = read(q);
    expect(f.attribute).toBe('name');
    expect(f.named).toEqual(named);
  });

  it.each([
    { q: '小金井市ではどのくらい普及しているの', not: 'name', why: 'どのくらい asks an amount, not a name' },
    { q: 'どの課が担当しているの', not: 'name', why: 'どの課 asks a department (contact)' },
    { q: 'どの市がオープンデータを公開しているの', not: 'name', why: 'どの市 asks which municipality (scope)' },
  ])('$q is not a name question ($why)', ({ q, not }) => {
    expect(read(q).attribute).not.toBe(not);
  });

  it.each([
    { q: '職員の研修はどう進めるの', measures: true, why: 'どう進める: the measures taken' },
    { q: '教育の分野では何に取り組んでいる？', measures: true, why: '何に取り組んでいる: the measures taken' },
    { q: 'オープンデータとは', measures: false, why: 'a definition: what it is, not what is done' },
    { q: 'テレワークの実施率は', measures: false, why: 'a figure' },
    { q: 'デジタルデバイド対策、何してるか教えて', measures: true, why: '何してる (を left out): what is done' },
    { q: '高齢者向けに何をやってるの', measures: true, why: '何をやってる: what is done' },
  ])('$q → measures $measures ($why)', ({ q, measures }) => {
    expect(read(q).modifiers.measures).toBe(measures);
  });
});

describe('the topic phrase', () => {
  it.each([
    {
      q: '第六次総合情報化基本計画ってどんな計画？',
      phrase: '第六次総合情報化基本計画',
      why: 'a prefix (第) belongs to the noun after it',
    },
    {
      q: 'マイナンバーカードの新制度はいつから',
      phrase: 'マイナンバーカードの新制度',
      why: 'a prefix inside a の-joined phrase',
    },
  ])('$q → $phrase ($why)', ({ q, phrase }) => {
    expect(read(q).topic.phrase).toBe(phrase);
  });

  it.each([
    {
      q: '電子決裁が本格的に始まるのは何年度？',
      phrase: '電子決裁',
      not: ['本格', '的'],
      why: '「本格的に」 says how it starts (に makes the noun an adverb), not what',
    },
    {
      q: 'テレワークは全面的に導入されるの？',
      phrase: 'テレワーク',
      not: ['全面', '的'],
      why: 'the same with 全面的に',
    },
    {
      q: 'オンライン申請は正式にいつから？',
      phrase: 'オンライン申請',
      not: ['正式'],
      why: 'a 形容動詞 stem before に',
    },
  ])('$q → $phrase, not $not ($why)', ({ q, phrase, not }) => {
    const f = read(q);
    expect(f.topic.phrase).toBe(phrase);
    for (const t of not) expect(f.topic.terms).not.toContain(t);
  });
});

describe('whose it is: the municipality’s own organisation before の names no topic', () => {
  it.each([
    {
      q: '役場の職員のテレワークはいつから始める予定？',
      terms: ['テレワーク'],
      why: 'in the municipality’s own plan テレワーク is the staff’s: 役場の職員の says whose, not what',
    },
    { q: '市役所の電子決裁はいつから', terms: ['電子', '決裁'], why: '市役所の: whose 電子決裁' },
    { q: '職員は何人いるの', terms: ['職員'], why: '職員 asked about itself, not before の' },
    { q: '職員数はどれくらい', terms: ['職員'], why: 'a compound (職員数) keeps 職員; 数 only frames the question' },
    {
      q: '町の職員のテレワークは進んでる？',
      terms: ['テレワーク'],
      why: '町の職員の: the municipality’s own staff',
    },
    {
      q: '市の職員はテレワークできる？',
      terms: ['テレワーク'],
      why: 'the staff are whom the plan’s テレワーク is for: 職員 says whose, beside a measure (「テレワークの推進」 never repeats it)',
    },
  ])('$q → $terms ($why)', ({ q, terms }) => {
    expect(read(q).topic.terms).toEqual(terms);
  });
});

describe('an announced change of topic names no topic', () => {
  it.each([
    { q: '話変わるけど、CIOって誰？', terms: ['cio'], why: '「話変わるけど、」 announces the question' },
    {
      q: '全然別の話なんだけど、職員の研修はどうするの？',
      terms: ['研修'],
      why: 'the announcement clause up to its comma (職員の says whose 研修)',
    },
    { q: 'ところで電子決裁はいつから？', terms: ['電子', '決裁'], why: 'ところで opens a question of its own' },
  ])('$q → $terms ($why)', ({ q, terms }) => {
    const f = read(q);
    expect(f.topic.terms).toEqual(terms);
    // the message as written keeps it: a follow-up reading still sees that nothing is inherited
    expect(f.normalized).not.toBe(f.query);
  });
});

describe('municipalities and scope', () => {
  it.each([
    { q: '小金井市と日の出町のDX方針の違いは', named: ['koganei', 'hinode'], scope: 'each', why: 'two named' },
    { q: 'キャッシュレス決済を導入している自治体は', named: [], scope: 'which', why: 'which of all' },
    { q: 'おくやみ窓口をやっているのはどこの市', named: [], scope: 'which', why: 'どこの市' },
    { q: '小金井市のオープンデータの目標は', named: ['koganei'], scope: 'one', why: 'one named' },
  ])('$q → $scope ($why)', ({ q, named, scope }) => {
    const f = read(q);
    expect(f.municipalities.named).toEqual(named);
    expect(f.scope).toBe(scope);
  });

  it.each([
    { q: '三鷹市の書かない窓口は', unknown: ['三鷹市'], why: 'a 〜市 not in the knowledge' },
    { q: '八王子市はいつ導入したの', unknown: ['八王子市'], why: 'followed by は' },
    { q: '国分寺市って書かない窓口あるの', unknown: ['国分寺市'], why: 'followed by the spoken topic marker って' },
    { q: '都市ってどういう意味', unknown: [], why: '都市 before って is still no place name' },
    { q: '都市計画図はネットで見られる', unknown: [], why: '都市 is not a place name' },
    { q: '区市町村の取組は', unknown: [], why: 'a generic compound' },
    { q: '小金井市の取組は', unknown: [], why: 'a covered municipality' },
  ])('$q → unknown $unknown ($why)', ({ q, unknown }) => {
    expect(read(q).municipalities.unknown).toEqual(unknown);
  });

  it('a question naming none is answered for the chosen municipality', () => {
    const f = read('担当課はどこ', 'musashino');
    expect(f.municipality).toBe('musashino');
    expect(f.municipalitySource).toBe('user');
  });
});

describe('modifiers and options', () => {
  it('a choice question keeps its two options', () => {
    expect(read('会議はWebexとSkypeのどっちを使うの').options).toEqual(['webex', 'skype']);
  });
  it('target and actual are told apart', () => {
    expect(read('オープンデータの目標値は').modifiers.target).toBe(true);
    expect(read('オープンデータの実績は').modifiers.actual).toBe(true);
  });
});

describe('the cue table', () => {
  it('every row gives the reason it exists and has a unique id', () => {
    const ids = CUES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CUES) expect(c.reason.length).toBeGreaterThan(10);
  });
});

describe('the words asking for a comparison name no topic', () => {
  it.each([
    {
      q: '小金井市と日の出町の書かない窓口の状況を比べて',
      terms: ['書く', '窓口'],
      why: '比べて asks to lay the sides out, like 違い and 比較; as a term it let a side answer by 「4G(LTE)に比べ」',
    },
    {
      q: '小金井市と日の出町で職員の研修を比較すると？',
      terms: ['研修'],
      why: '比較 (the noun) already was one (職員の says whose 研修, as in every row of the table above)',
    },
  ])('$q → $terms ($why)', ({ q, terms }) => {
    expect(read(q).topic.terms).toEqual(terms);
  });
});

describe('a question about a service is not a procedure inquiry because of how it is worded', () => {
  it.each([
    {
      q: 'おくやみ窓口の実績は何件だったの？達成率も知りたい',
      attribute: 'quantity',
      why: '知りたい wishes to be told the figure; the bereavement words name the service asked about',
    },
    {
      q: '書かない窓口の利用件数を詳しく教えてほしい',
      attribute: 'quantity',
      why: '教えてほしい: to be told, not to do anything at the counter',
    },
    {
      q: 'スマホから税の証明書を申し込める？',
      attribute: 'procedure',
      why: 'contrast: 申し込める asks whether the procedure can be done (read by reading, not by spelling)',
    },
  ])('$q → $attribute ($why)', ({ q, attribute }) => {
    expect(read(q, 'koganei').attribute).toBe(attribute);
  });

  it.each([
    {
      q: '施設の使用料もそういう電子決済で払えるようになる？',
      word: 'そういう',
      why: 'a demonstrative points, names nothing',
    },
    { q: 'こんな窓口は小金井市にもある？', word: 'こんな', why: 'the same' },
  ])('$q: 「$word」 is no topic word ($why)', ({ q, word }) => {
    expect(read(q).topic.terms).not.toContain(word);
  });
});

describe('an example given of a kind: the kind is the topic', () => {
  it.each([
    {
      q: '住民票とかの証明書の手数料はキャッシュレスで払えますか',
      without: ['票'],
      keeps: '手数料',
      why: '住民票 is given as one 証明書: the statement that answers names 証明書 and 手数料, not 住民票',
    },
    {
      q: 'スマホ教室のような講座は市でやってる？',
      without: ['教室'],
      keeps: '講座',
      why: '「〜のような」 offers a likeness: 講座 is asked about',
    },
    {
      q: 'スマホ教室と講座はどう違う？',
      without: [],
      keeps: '教室',
      why: 'contrast: 「と」 joins two topics, neither is an example of the other',
    },
  ])('$q ($why)', ({ q, without, keeps }) => {
    const terms = read(q).topic.terms.flatMap((t) => t.split('|'));
    for (const w of without) expect(terms).not.toContain(w);
    expect(terms).toContain(keeps);
  });
});

describe('whether a measure is there yet, asked politely or by its state (〜できるんですか, もう〜になってるの)', () => {
  it.each([
    { q: '職員さんってテレワークできるんですか', why: 'できるんですか: できる？ said politely' },
    { q: '公衆無線LANは使えるんですか', why: '使えるんですか: the same with 使える' },
    { q: 'AIって利用できるんでしょうか', why: 'できるんでしょうか: more politely still' },
    { q: '会議はもうペーパーレスになってるんですか', why: 'もう〜になってる: whether the change has come' },
    { q: '決裁はもう電子化されてるの？', why: 'もう〜されてる: the same, passive' },
    { q: '図書館でWi-Fiはつながるんですか', why: 'つながるんですか: a service one can use' },
  ])('$q → status ($why)', ({ q }) => {
    expect(read(q).attribute).toBe('status');
  });
  it.each([
    { q: 'テレワークってどんなことができるんですか', attribute: 'chat', why: 'どんなことが: what, not whether' },
    { q: 'もうすぐ始まる事業はなんですか', attribute: 'chat', why: 'もうすぐ … なんですか asks which' },
    {
      q: '庁内ネットワークってペーパーレスにもつながる？',
      attribute: 'chat',
      why: 'Yにつながる: leads to Y, not works',
    },
    { q: '電子決裁は業務の効率化につながるの？', attribute: 'chat', why: 'Yにつながる asked with の: the same' },
  ])('$q → not status ($why)', ({ q }) => {
    expect(read(q).attribute).not.toBe('status');
  });
});

describe('how many people hold something, asked as residents ask it, is a share', () => {
  it.each([
    { q: 'マイナンバーカードってどのくらいの人が持ってるの？', why: 'どのくらいの人が持ってる: the holders’ share' },
    { q: 'マイナカードを持ってる人ってどれくらいいるんですか', why: '持ってる人 … どれくらい: the same, turned round' },
    { q: 'どれぐらいの市民がマイナンバーカードを取得したの', why: '取得: holding it, said formally' },
    { q: 'マイナンバーカードは何人に1人が持ってる？', why: '何人に1人: a share put as a fraction' },
    { q: 'マイナカードを作った人はどのぐらい？', why: '作った人: those who made one hold one' },
  ])('$q → rate ($why)', ({ q }) => {
    const f = read(q);
    expect(f.attribute).toBe('quantity');
    expect(f.quantity).toBe('rate');
    // 人 and 持つ say what is asked, not what about: the card is the topic
    expect(f.topic.terms.some((t) => t.includes('マイナ'))).toBe(true);
    expect(f.topic.terms).not.toContain('人');
  });
  it.each([
    { q: 'LINEの登録者はどのくらいの人がいるの', sub: 'count', why: '登録者: a number of people, not a holding' },
    { q: '講座には何人くらい参加したの', sub: 'count', why: '参加: a count of participants' },
  ])('$q → $sub ($why)', ({ q, sub }) => {
    const f = read(q);
    expect(f.quantity).toBe(sub);
  });
});

describe('a term asked how it differs from its own kind (「XってふつうのYと何が違う」) asks what X is', () => {
  it.each([
    {
      q: '書かない窓口って普通の窓口と何が違うの？',
      target: '書かない窓口',
      why: 'its head 窓口 is the kind it differs from',
    },
    { q: 'ガバメントクラウドって普通のクラウドとどう違う？', target: 'ガバメントクラウド', why: 'どう違う: the same' },
    {
      q: 'オープンデータはただのデータと何が違うんですか',
      target: 'オープンデータ',
      why: 'ただの: a plain one of its kind',
    },
    { q: '電子決裁と普通の決裁はどこが違うの', target: '電子決裁', why: 'XとYはどこが違う: the same, turned round' },
  ])('$q → definition of $target ($why)', ({ q, target }) => {
    const f = read(q);
    expect(f.attribute).toBe('definition');
    expect(f.target).toBe(target);
  });
  it('two terms neither of which is the other’s kind are compared, not defined', () => {
    expect(read('LoGoフォームとkintoneは何が違うの').attribute).not.toBe('definition');
  });
});
