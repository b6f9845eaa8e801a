// "Add to collection…": a menu-like select of the collections, for one item or a selection.
import { useCollections } from '../hooks/useHostData';
import { useT } from '../i18n/I18nProvider';

type Props = { exclude?: readonly string[]; onPick: (id: number, name: string) => void; testId: string };

export function CollectionPicker({ exclude = [], onPick, testId }: Props) {
  const t = useT();
  const collections = useCollections();
  const choices = (collections.data ?? []).filter((collection) => !exclude.includes(collection.name));
  if (choices.length === 0) return null;
  return (
    <select
      className="field__input field__select"
      aria-label={t('inspector.addToCollection')}
      value=""
      onChange={(event) => {
        const chosen = choices.find((collection) => String(collection.id) === event.target.value);
        if (chosen) onPick(chosen.id, chosen.name);
      }}
      data-testid={testId}
    >
      <option value="">{t('inspector.addToCollection')}</option>
      {choices.map((collection) => (
        <option key={collection.id} value={collection.id}>
          {collection.name}
        </option>
      ))}
    </select>
  );
}
