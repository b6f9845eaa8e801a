// The `press` mock library: the `library` archive and a season more of a press office's work in
// English, Chinese and Russian (a joint laboratory in Novosibirsk, an exhibition in Shanghai, an
// energy forum in Kazan, the Harbin ice festival), with captioned photos linked into the articles'
// figures. It fills a window the way a real archive does, for `dev:mock` and the README screenshots.
import type { SavedSearch } from '../../src/bindings/SavedSearch';
import { makeArticle, makePhoto, type MockItem } from './mock-item';
import { libraryCollections, libraryItems, librarySavedSearches } from './mock-library-data';
import type { MockCollection } from './mock-library';

const DAY = 86_400_000;
const longAgo = (id: number) => new Date(Date.UTC(2024, 0, 1) + id * DAY).toISOString();
const daysAgo = (days: number, id: number) => new Date(Date.now() - days * DAY + id * 1000).toISOString();

const LAB_EN = [
  'Physicists from Novosibirsk and Hefei opened a joint laboratory for quantum photonics at the Institute of Automation and Electrometry on June 14.',
  'It will exchange young researchers for up to a year; the first six arrive in September.',
  '“We have written papers together for a decade; now we will share a bench,” said Anna Smirnova, who leads the Russian team.',
  'The two academies will fund the work for five years.',
];

const LAB_RU =
  'В Новосибирском Академгородке открылась совместная российско-китайская лаборатория квантовой фотоники.\nВ лаборатории будут работать молодые учёные из Новосибирска и Хэфэя; первые шестеро приедут в сентябре.';

function extras(): MockItem[] {
  const article = (id: number, fields: Partial<MockItem> & { title: string; body_text: string }, figures: Parameters<typeof makeArticle>[1] = []) =>
    makeArticle({ id, imported_at: longAgo(id), source_name: `article-${String(id)}.html`, ...fields }, figures);
  const photo = (id: number, fields: Partial<MockItem> & { title: string }) =>
    makePhoto({ id, imported_at: longAgo(id), source_name: `IMG_${String(4000 + id)}.jpg`, ...fields });
  return [
    article(
      23,
      {
        title: 'Joint laboratory for quantum photonics opens in Novosibirsk',
        date: '2019-06-14',
        language: 'en',
        site: 'Siberian Science Herald',
        byline: 'Anna Smirnova',
        url: 'https://herald.example.org/2019/06/14/joint-laboratory',
        body_text: LAB_EN.join('\n'),
        body_html:
          `<p>${LAB_EN[0] ?? ''}</p><p>${LAB_EN[1] ?? ''}</p><h2>A bench to share</h2>` +
          `<blockquote><p>${LAB_EN[2] ?? ''}</p></blockquote><p>${LAB_EN[3] ?? ''}</p>`,
        tags: ['Topics/Science', 'Places/Novosibirsk'],
      },
      [
        {
          caption: 'Researchers of both teams at the laboratory’s first experiment, June 14, 2019.',
          credit: 'Anna Smirnova',
          photo_id: 30,
        },
        { caption: 'The delegation tours the institute’s older laboratories.', credit: 'Anna Smirnova', photo_id: 19 },
      ],
    ),
    article(
      24,
      {
        title: '中俄科技创新成果展在上海开幕',
        date: '2019-09-18',
        language: 'zh',
        site: '新华网',
        byline: '陈静',
        body_text:
          '9月18日，中俄科技创新成果展在上海浦东开幕，两国一百余家科研机构和企业参展。\n展览展示了航天、新材料、人工智能等领域的合作成果，将持续至9月25日。',
        tags: ['Events', 'Places/Shanghai'],
      },
      [{ caption: '中俄科技创新成果展开幕式现场。', credit: '新华社 / 陈静', photo_id: 32 }],
    ),
    article(
      25,
      {
        title: 'В Новосибирске открылась совместная лаборатория фотоники',
        date: '2019-06-15',
        language: 'ru',
        site: 'Наука в Сибири',
        byline: 'Анна Смирнова',
        body_text: LAB_RU,
        tags: ['Topics/Science', 'Places/Novosibirsk'],
      },
      [{ caption: 'Первый эксперимент в новой лаборатории.', credit: 'Анна Смирнова', photo_id: 30 }],
    ),
    article(26, {
      title: 'Energy forum in Kazan closes with three agreements',
      date: '2019-04-26',
      language: 'en',
      site: 'Kazan Business Daily',
      body_text:
        'The international energy forum in Kazan closed on Friday with three agreements on power grids and hydrogen research.\nDelegations from twelve countries took part in the plenary session.',
      tags: ['Topics/Energy'],
    }),
    article(27, {
      title: 'Посол Китая вручил верительные грамоты',
      date: '2019-05-08',
      language: 'ru',
      site: 'mid.ru',
      body_text: 'Новый посол Китайской Народной Республики вручил верительные грамоты в Кремле.\nПосол отметил успехи научно-технического сотрудничества двух стран.',
      tags: ['People/Ambassador', 'Places/Moscow'],
    }),
    article(28, {
      title: '哈尔滨冰雪节吸引大批国际游客',
      date: '2020-01-05',
      language: 'zh',
      site: '黑龙江日报',
      body_text: '第三十六届哈尔滨国际冰雪节开幕，来自俄罗斯等国的游客参观了冰雪大世界。\n主办方表示，今年的冰雕作品数量创下新高。',
      tags: ['Events/Spring Festival'],
    }),
    article(29, {
      title: 'Kyiv: polling stations open early',
      date: '2024-03-08',
      language: 'en',
      byline: 'Olena Kovalenko',
      body_text: 'Polling stations in central Kyiv opened at seven in the morning, and queues formed before the doors opened.',
      tags: ['Places/Kyiv'],
      imported_at: daysAgo(1, 29),
    }),
    photo(30, {
      scene: 'lab',
      title: 'First experiment at the photonics laboratory',
      caption: 'Researchers of both teams and the visiting delegation from Hefei at the laboratory’s first experiment, Novosibirsk.',
      credit: 'Anna Smirnova',
      byline: 'Anna Smirnova',
      date: '2019-06-14',
      language: 'en',
      keywords: ['laboratory', 'photonics'],
      tags: ['Topics/Science', 'Places/Novosibirsk'],
    }),
    photo(31, {
      scene: 'street-evening',
      title: '上海外滩夜景',
      caption: '成果展开幕前夜的上海外滩。',
      credit: '新华社 / 陈静',
      byline: '陈静',
      date: '2019-09-17',
      language: 'zh',
      tags: ['Places/Shanghai'],
    }),
    photo(32, {
      scene: 'hall',
      title: '中俄科技创新成果展开幕式',
      caption: '9月18日，中俄科技创新成果展在上海浦东开幕。',
      credit: '新华社 / 陈静',
      byline: '陈静',
      date: '2019-09-18',
      language: 'zh',
      tags: ['Events', 'Places/Shanghai'],
    }),
    photo(33, {
      scene: 'group',
      title: 'Участники конференции в Академгородке',
      caption: 'Участники российско-китайской конференции по фотонике у здания президиума СО РАН.',
      credit: 'ТАСС / Иван Петров',
      byline: 'Иван Петров',
      date: '2019-06-14',
      language: 'ru',
      tags: ['Places/Novosibirsk'],
    }),
    photo(34, {
      scene: 'signing',
      title: 'Ambassador presents credentials',
      caption: 'The new ambassador and his delegation at the Kremlin, where he presented his credentials.',
      credit: 'Press office',
      date: '2019-05-08',
      language: 'en',
      tags: ['People/Ambassador', 'Places/Moscow'],
    }),
    photo(35, {
      scene: 'street',
      title: 'Невский проспект утром',
      caption: 'Невский проспект ранним утром, накануне экономического форума.',
      credit: 'Иван Петров',
      date: '2019-06-05',
      language: 'ru',
      tags: ['Places/St Petersburg'],
    }),
    photo(36, {
      scene: 'fair',
      title: 'Lantern festival, Harbin',
      caption: 'Visitors under the lanterns of the Harbin ice and snow festival.',
      credit: 'Xinhua / Li Ming',
      byline: 'Li Ming',
      date: '2020-01-05',
      language: 'en',
      tags: ['Events/Spring Festival'],
    }),
    photo(37, {
      scene: 'speaker',
      title: 'Выступление министра на форуме',
      caption: 'Министр экономического развития выступает на пленарном заседании энергетического форума.',
      credit: 'ТАСС / Иван Петров',
      date: '2019-04-25',
      language: 'ru',
      width: 3000,
      height: 4000,
      tags: ['People/Minister', 'Topics/Energy'],
    }),
    photo(38, {
      scene: 'hall',
      title: 'Plenary session of the energy forum, Kazan',
      caption: 'Delegations from twelve countries at the plenary session of the energy forum in Kazan.',
      credit: 'Kazan Business Daily',
      date: '2019-04-25',
      language: 'en',
      tags: ['Topics/Energy'],
    }),
    photo(39, {
      scene: 'snow',
      title: '八达岭长城冬景',
      caption: '八达岭长城银装素裹。',
      credit: '新华社 / 李明',
      date: '2020-01-12',
      language: 'zh',
      tags: ['Places/Beijing'],
    }),
    photo(40, {
      scene: 'street',
      title: 'Kyiv: queue at a polling station',
      caption: 'Voters queue outside a polling station on Khreshchatyk before it opens.',
      credit: 'Olena Kovalenko',
      byline: 'Olena Kovalenko',
      date: '2024-03-08',
      language: 'en',
      tags: ['Places/Kyiv'],
      imported_at: daysAgo(1, 40),
    }),
    photo(41, {
      scene: 'square-evening',
      title: 'Кремль вечером',
      caption: 'Вид на Кремль с Большого Москворецкого моста вечером.',
      credit: 'ТАСС / Иван Петров',
      date: '2019-05-07',
      language: 'ru',
      tags: ['Places/Moscow'],
    }),
    photo(42, {
      scene: 'group',
      title: '外国专家合影',
      caption: '获奖外国专家在人民大会堂合影留念。',
      credit: '新华社 / 王芳',
      byline: '王芳',
      date: '2020-01-20',
      language: 'zh',
      tags: ['Places/Beijing'],
    }),
  ];
}

export function pressItems(): MockItem[] {
  const items = [...libraryItems(), ...extras()];
  // The dialogue's first figure shows the plenary photo here.
  const first = items.find((item) => item.id === 1)?.figures[0];
  if (first) first.photo_id = 11;
  return items;
}

export function pressCollections(): MockCollection[] {
  const collections = libraryCollections().map((collection) =>
    collection.name === 'Spring Festival' ? { ...collection, itemIds: [15, 36, 4, 5, 28] } : collection,
  );
  return [
    ...collections,
    { id: 4, name: 'Novosibirsk laboratory', itemIds: [23, 30, 33, 25, 19] },
    { id: 5, name: 'Shanghai exhibition', itemIds: [24, 32, 31] },
  ];
}

export function pressSavedSearches(): SavedSearch[] {
  return [
    ...librarySavedSearches(),
    { id: 2, name: 'Moscow, 2018', query: 'tag:"Places/Moscow" date:2018' },
    { id: 3, name: 'Chinese articles', query: 'kind:article lang:zh' },
  ];
}
