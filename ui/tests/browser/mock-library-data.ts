// The mock libraries: `library`, a small archive in three languages with tags, collections,
// figures, a saved search and a Trash; and `large`, 200,000 generated items for the scale test.
import type { SavedSearch } from '../../src/bindings/SavedSearch';
import { makeArticle, makePhoto, type MockItem } from './mock-item';
import type { MockCollection } from './mock-library';

const DAY = 86_400_000;
/** Imported long ago, a day apart, so "Recently imported" holds only the Kyiv work. */
const longAgo = (id: number) => new Date(Date.UTC(2024, 0, 1) + id * DAY).toISOString();
const daysAgo = (days: number, id: number) => new Date(Date.now() - days * DAY + id * 1000).toISOString();

const DIALOGUE_EN = [
  'The "Second China-Russia Innovation Dialogue", co-sponsored by the Ministry of Science and Technology of China and the Russian Ministry of Economic Development, was held at the Skolkovo Innovation Center in Moscow on October 16.',
  'The event aimed at strengthening the strategic dialogue between the two countries in innovation strategy and planning, innovation policies and technology finance.',
  'Zhang Jianguo, Chinese deputy minister of Science and Technology, attended the opening ceremony of the plenary session of the innovation dialogue.',
  'The two sides signed a Joint Declaration and determined the 2019-2024 China-Russia Innovation Cooperation Work Plan.',
].join('\n');

export function libraryItems(): MockItem[] {
  const article = (id: number, fields: Partial<MockItem> & { title: string; body_text: string }, figures: Parameters<typeof makeArticle>[1] = []) =>
    makeArticle({ id, imported_at: longAgo(id), source_name: `article-${String(id)}.html`, ...fields }, figures);
  const photo = (id: number, fields: Partial<MockItem> & { title: string }) =>
    makePhoto({ id, imported_at: longAgo(id), source_name: `IMG_${String(4000 + id)}.jpg`, ...fields });
  return [
    article(
      1,
      {
        title: '2nd China-Russia Innovation Dialogue held in Moscow',
        date: '2018-11-02',
        language: 'en',
        site: 'safea.gov.cn',
        url: 'http://www.safea.gov.cn/english/2018-11/02/content_dialogue.htm',
        body_text: DIALOGUE_EN,
        // As sanitised by the host, plus a script and an image a careless sanitiser might let
        // through: the reader must show the structure and run or load nothing. (No inline event
        // handler: the app's CSP already blocks those, and Chromium logs each blocked one.)
        body_html:
          '<h2>Dialogue in Moscow</h2>' +
          DIALOGUE_EN.split('\n')
            .map((paragraph) => `<p>${paragraph}</p>`)
            .join('') +
          '<script>window.__folioPwned = true</script><img src="/tracker.gif" alt="tracker">' +
          '<p>More at <a href="https://example.com/dialogue">the ministry</a>.</p>',
        tags: ['Events/Innovation Dialogue', 'Places/Moscow'],
        source_name: '000_89887cde74f68f66.txt',
      },
      [
        {
          caption: 'The "Second China-Russia Innovation Dialogue" is held at the Skolkovo Innovation Center in Moscow on October 16.',
          credit: 'photo/safea.gov.cn',
          photo_id: null,
        },
        { caption: 'Delegates sign the joint declaration.', credit: 'photo/safea.gov.cn', photo_id: 17 },
      ],
    ),
    article(
      2,
      {
        title: '第二届中俄创新对话在莫斯科举行',
        date: '2018-11-02',
        language: 'zh',
        site: 'safea.gov.cn',
        byline: '王芳',
        body_text:
          '由中国科学技术部和俄罗斯经济发展部共同主办的“第二届中俄创新对话”于10月16日在莫斯科斯科尔科沃创新中心举行。\n双方签署了联合宣言，并确定了2019—2024年中俄创新合作工作计划。',
        tags: ['Events/Innovation Dialogue'],
      },
      [{ caption: '第二届中俄创新对话在斯科尔科沃创新中心举行。', credit: '新华社', photo_id: 11 }],
    ),
    article(3, {
      title: 'Второй российско-китайский диалог по инновациям прошёл в Москве',
      date: '2018-10-17',
      language: 'ru',
      site: 'economy.gov.ru',
      byline: 'Анна Смирнова',
      body_text:
        'Второй российско-китайский диалог по инновациям состоялся в инновационном центре «Сколково» 16 октября.\nСтороны подписали совместную декларацию и план сотрудничества на 2019–2024 годы.',
      tags: ['Events/Innovation Dialogue', 'Places/Moscow'],
    }),
    article(4, {
      title: 'Spring Festival reception for foreign experts',
      date: '2019-02-01',
      language: 'en',
      site: 'safea.gov.cn',
      body_text: 'Foreign experts and their families joined the Spring Festival reception in Beijing.\nThe minister thanked them for their work over the year.',
      tags: ['Events/Spring Festival'],
    }),
    article(5, {
      title: '春节招待会向外国专家致意',
      date: '2019-01-30',
      language: 'zh',
      body_text: '外国专家及其家属出席了在北京举行的春节招待会。\n部长感谢他们一年来的辛勤工作和创新贡献。',
      tags: ['Events/Spring Festival'],
    }),
    article(6, {
      title: 'Minister meets Skolkovo delegation',
      date: '2018-10-16',
      language: 'en',
      body_text: 'The minister met a delegation from Skolkovo to discuss joint laboratories and technology transfer.',
      tags: ['People/Minister'],
    }),
    article(7, {
      title: 'Пресс-релиз: итоги года',
      date: '2018-12-28',
      language: 'ru',
      body_text: 'Подводим итоги международного сотрудничества за 2018 год: двенадцать делегаций и четыре соглашения.',
      tags: ['Press release'],
    }),
    article(8, {
      title: 'Annual report on international cooperation',
      date: '2019-03-15',
      language: 'en',
      // Markup in archived text is text: the UI must show it as written, never as HTML.
      body_text: 'This report covers exchanges, delegations and agreements signed in 2018, with figures for each partner country <b>(see the tables)</b>.',
    }),
    article(9, {
      title: 'Kyiv: street interviews on the election',
      date: '2024-03-07',
      language: 'en',
      byline: 'Olena Kovalenko',
      body_text: 'We asked people on Khreshchatyk what they expect from the election.\nMost answers were about prices and safety.',
      tags: ['Places/Kyiv'],
      imported_at: daysAgo(2, 9),
    }),
    article(10, {
      title: '关于科技合作的新闻稿',
      date: '2020-05-20',
      language: 'zh',
      body_text: '科技部发布关于国际科技合作的新闻稿，介绍了创新合作的新进展。',
    }),
    photo(11, {
      scene: 'hall',
      title: 'Skolkovo Innovation Center, plenary session',
      caption: 'The plenary session of the Second China-Russia Innovation Dialogue at the Skolkovo Innovation Center, Moscow.',
      credit: 'safea.gov.cn',
      byline: 'Li Wei',
      date: '2018-10-16',
      language: 'en',
      keywords: ['Skolkovo', 'plenary'],
      tags: ['Events/Innovation Dialogue', 'Places/Moscow'],
    }),
    photo(12, {
      scene: 'speaker',
      title: 'Zhang Jianguo speaks at the opening',
      caption: 'Zhang Jianguo, deputy minister of Science and Technology, speaks at the opening ceremony.',
      credit: 'Xinhua / Wang Fang',
      byline: 'Wang Fang',
      date: '2018-10-16',
      language: 'en',
      tags: ['People/Minister'],
      width: 3000,
      height: 4000,
    }),
    photo(13, {
      scene: 'square-evening',
      title: 'Красная площадь вечером',
      caption: 'Красная площадь в Москве вечером накануне диалога.',
      credit: 'ТАСС / Иван Петров',
      byline: 'Иван Петров',
      date: '2018-10-15',
      language: 'ru',
      tags: ['Places/Moscow'],
      rating: 4,
      label: 'green',
    }),
    photo(14, {
      scene: 'street',
      title: 'Крещатик утром',
      caption: 'Крещатик утром в день выборов.',
      credit: 'Olena Kovalenko',
      byline: 'Olena Kovalenko',
      date: '2024-03-05',
      language: 'ru',
      tags: ['Places/Kyiv'],
      imported_at: daysAgo(2, 14),
    }),
    photo(15, {
      scene: 'fair',
      title: '春节庙会',
      caption: '北京地坛春节庙会。',
      credit: '新华社 / 李明',
      byline: '李明',
      date: '2019-02-05',
      language: 'zh',
      tags: ['Events/Spring Festival', 'Places/Beijing'],
      rating: 5,
    }),
    photo(16, {
      scene: 'group',
      title: 'Delegation photo at the Great Hall',
      caption: 'Foreign experts pose for a group photo at the Great Hall of the People.',
      credit: 'safea.gov.cn',
      date: '2019-02-01',
      language: 'en',
    }),
    photo(17, {
      scene: 'signing',
      title: 'Signing of the joint declaration',
      caption: 'Delegates sign the joint declaration of the innovation dialogue.',
      credit: 'safea.gov.cn',
      date: '2018-10-16',
      language: 'en',
      tags: ['Events/Innovation Dialogue'],
    }),
    photo(18, {
      scene: 'street-evening',
      title: 'Майдан Незалежності',
      caption: 'Майдан Незалежності в Киеве.',
      credit: 'Olena Kovalenko',
      date: '2024-03-06',
      language: 'ru',
      tags: ['Places/Kyiv'],
      imported_at: daysAgo(2, 18),
    }),
    photo(19, {
      scene: 'lab',
      title: 'Laboratory visit, Novosibirsk',
      caption: 'Researchers show the delegation a laboratory in Novosibirsk.',
      credit: 'Anna Smirnova',
      date: '2018-09-12',
      language: 'en',
      tags: ['Topics/Science'],
    }),
    photo(20, {
      scene: 'snow',
      title: '长城雪景',
      caption: '雪后的长城。',
      credit: '新华社 / 李明',
      date: '2019-01-20',
      language: 'zh',
      tags: ['Places/Beijing'],
    }),
    article(21, {
      title: 'Old draft: agenda',
      date: '2018-10-01',
      language: 'en',
      body_text: 'A first draft of the agenda for the dialogue.',
      deleted: true,
    }),
    photo(22, { scene: 'hall', title: 'Blurry duplicate', caption: 'An out-of-focus frame.', credit: 'safea.gov.cn', date: '2018-10-16', deleted: true }),
  ];
}

export function libraryCollections(): MockCollection[] {
  return [
    { id: 1, name: 'Innovation Dialogue 2018', itemIds: [1, 11, 17, 2, 3] },
    { id: 2, name: 'Kyiv assignment', itemIds: [9, 14, 18] },
    { id: 3, name: 'Spring Festival', itemIds: [] },
  ];
}

export function librarySavedSearches(): SavedSearch[] {
  return [{ id: 1, name: 'Kyiv photos', query: 'kind:photo tag:"Places/Kyiv"' }];
}

const TITLES = {
  en: ['Delegation visit', 'Press conference', 'Cooperation agreement', 'Science forum', 'Expert seminar'],
  zh: ['代表团访问', '新闻发布会', '合作协议', '科学论坛', '专家研讨会'],
  ru: ['Визит делегации', 'Пресс-конференция', 'Соглашение о сотрудничестве', 'Научный форум', 'Семинар экспертов'],
} as const;
const LANGUAGES = ['en', 'zh', 'ru'] as const;
const LARGE_TAGS = [['Events'], ['Places/Moscow'], [], ['People/Minister'], ['Events/Innovation Dialogue']];

/**
 * `count` generated items, the highest id imported last. Built as plain literals, without the
 * helpers' spreads, so that 200,000 of them take little of the time the scale test measures.
 */
export function largeItems(count: number): MockItem[] {
  const items: MockItem[] = new Array<MockItem>(count);
  const start = Date.UTC(2020, 0, 1);
  const none: string[] = [];
  for (let id = 1; id <= count; id += 1) {
    const language = LANGUAGES[id % 3] ?? 'en';
    const title = `${TITLES[language][id % 5] ?? ''} ${String(id)}`;
    const photo = id % 3 === 0;
    items[id - 1] = {
      id,
      uid: `0f0e0d0c-0000-4000-8000-${String(id).padStart(12, '0')}`,
      kind: photo ? 'photo' : 'article',
      title,
      date: `${String(1995 + (id % 30))}-${String(1 + (id % 12)).padStart(2, '0')}-${String(1 + (id % 28)).padStart(2, '0')}`,
      language,
      source_name: `item-${String(id)}`,
      // Looks like a digest and differs per item; cheaper than `fakeSha` for this many.
      sha256: (Math.imul(id, 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(8),
      imported_at: new Date(start + id * 1000).toISOString(),
      notes: '',
      tags: [...(LARGE_TAGS[id % 5] ?? none)],
      deleted: false,
      deletedAt: 0,
      rating: id % 6,
      label: null,
      byline: '',
      site: '',
      url: '',
      captured_at: null,
      body_text: photo ? '' : `${title}.`,
      body_html: photo ? '' : `<p>${title}.</p>`,
      figures: [],
      caption: photo ? title : '',
      credit: photo ? 'Press office' : '',
      copyright: '',
      keywords: none,
      camera: '',
      width: photo ? 4000 : null,
      height: photo ? 3000 : null,
    };
  }
  return items;
}
