// Beside the list: how many of the items it shows have each kind, language, year, credit, byline
// and tag. Each value is a button that adds its filter to the search. Collapsible; the choice is
// the person's, kept for the session.
import type { Facet } from '../bindings/Facet';
import type { Facets } from '../bindings/Facets';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/I18nProvider';
import { languageName } from '../lib/items';
import './Facets.css';

type Props = {
  facets: Facets | undefined;
  loading: boolean;
  failed: boolean;
  open: boolean;
  onToggle: () => void;
  onAdd: (term: string) => void;
};

const SECTIONS: readonly { key: keyof Facets; title: MessageKey }[] = [
  { key: 'kinds', title: 'facets.kind' },
  { key: 'languages', title: 'facets.language' },
  { key: 'years', title: 'facets.year' },
  { key: 'credits', title: 'facets.credit' },
  { key: 'bylines', title: 'facets.byline' },
  { key: 'tags', title: 'facets.tag' },
];

export function FacetsPanel({ facets, loading, failed, open, onToggle, onAdd }: Props) {
  const t = useT();
  if (!open) {
    return (
      <aside className="facets facets--closed" aria-label={t('facets.label')} data-testid="facets">
        <button type="button" className="button button--small facets__toggle" onClick={onToggle} aria-expanded={false} data-testid="facets-toggle">
          {t('facets.show')}
        </button>
      </aside>
    );
  }
  const label = (section: keyof Facets, value: string) => {
    if (section === 'kinds') return t(value === 'photo' ? 'kind.photo' : 'kind.article');
    if (section === 'languages') return languageName(value, t.locale);
    return value;
  };
  return (
    <aside className="facets" aria-label={t('facets.label')} data-testid="facets" aria-busy={loading}>
      <div className="facets__header">
        <h2 className="facets__title">{t('facets.label')}</h2>
        <button type="button" className="button button--small facets__toggle" onClick={onToggle} aria-expanded data-testid="facets-toggle">
          {t('facets.hide')}
        </button>
      </div>
      {failed && <p className="facets__note">{t('facets.failed')}</p>}
      {facets === undefined && !failed && <p className="facets__note">{t('facets.loading')}</p>}
      {facets !== undefined &&
        SECTIONS.map(({ key, title }) => {
          const facet = facets[key] as Facet;
          if (facet.values.length === 0) return null;
          const more = facet.distinct - facet.values.length;
          return (
            <section key={key} className="facets__section" data-testid={`facet-${key}`}>
              <h3 className="facets__heading">{t(title)}</h3>
              <ul className="facets__values">
                {facet.values.map((value) => (
                  <li key={value.value}>
                    <button
                      type="button"
                      className="facets__value"
                      title={t('facets.add', { term: value.term })}
                      onClick={() => {
                        onAdd(value.term);
                      }}
                      data-testid="facet-value"
                      data-term={value.term}
                    >
                      <span className="facets__name">{label(key, value.value)}</span>
                      <span className="facets__count" data-testid="facet-count">
                        {value.count.toLocaleString(t.locale)}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              {more > 0 && <p className="facets__more">{t('facets.more', { count: more })}</p>}
            </section>
          );
        })}
    </aside>
  );
}
