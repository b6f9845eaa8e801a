// Settings → Watch folders: the folders whose new files Folio imports by itself, each with the
// tags, collection and ingest template it gives them and whether its subfolders' names become
// tags; and what went wrong while watching. Every change is kept by the host at once.
import { useEffect, useState } from 'react';
import type { WatchFolder } from '../bindings/WatchFolder';
import type { WatchStatus } from '../bindings/WatchStatus';
import type { WireError } from '../bindings/WireError';
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../lib/describeError';
import { parseTags } from '../lib/watchFolders';
import { toWireError } from '../lib/wireError';
import { pickFolders } from '../platform/dialog';
import { getWatchFolders, setWatchFolders } from '../platform/host';

export function WatchFoldersSection() {
  const t = useT();
  const [status, setStatus] = useState<WatchStatus | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  useEffect(() => {
    let live = true;
    getWatchFolders().then(
      (loaded) => {
        if (live) setStatus(loaded);
      },
      (reason: unknown) => {
        if (live) setError(toWireError(reason));
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const save = (folders: WatchFolder[]) => {
    setError(null);
    setWatchFolders(folders).then(setStatus, (reason: unknown) => {
      setError(toWireError(reason));
    });
  };
  const folders = status?.folders ?? [];
  const change = (index: number, changes: Partial<WatchFolder>) => {
    save(folders.map((folder, at) => (at === index ? { ...folder, ...changes } : folder)));
  };
  const add = () => {
    pickFolders().then(
      (picked) => {
        const fresh = picked.filter((path) => !folders.some((folder) => folder.path === path));
        if (fresh.length === 0) return;
        save([...folders, ...fresh.map((path) => ({ path, tags: [], collection: null, subfolder_tags: false, template: null }))]);
      },
      (reason: unknown) => {
        setError(toWireError(reason));
      },
    );
  };

  return (
    <fieldset className="field-group" data-testid="watch-folders">
      <legend className="field-group__legend">{t('watch.section')}</legend>
      <p className="field-group__hint">{t('watch.hint')}</p>
      {status && folders.length === 0 && <p data-testid="watch-none">{t('watch.none')}</p>}
      {folders.map((folder, index) => (
        <div key={folder.path} className="watch-folder" data-testid="watch-folder" data-path={folder.path}>
          <div className="watch-folder__path">
            <code>{folder.path}</code>
            <button
              type="button"
              className="button"
              onClick={() => {
                save(folders.filter((_, at) => at !== index));
              }}
              data-testid="watch-remove"
            >
              {t('watch.remove')}
            </button>
          </div>
          <label className="field">
            <span className="field__label">{t('watch.tags')}</span>
            <input
              className="field__input"
              defaultValue={folder.tags.join(', ')}
              onBlur={(event) => {
                const tags = parseTags(event.currentTarget.value);
                if (tags.join('\n') !== folder.tags.join('\n')) change(index, { tags });
              }}
              data-testid="watch-tags"
            />
          </label>
          <label className="field">
            <span className="field__label">{t('watch.collection')}</span>
            <input
              className="field__input"
              defaultValue={folder.collection ?? ''}
              onBlur={(event) => {
                const collection = event.currentTarget.value.trim() || null;
                if (collection !== folder.collection) change(index, { collection });
              }}
              data-testid="watch-collection"
            />
          </label>
          <label className="field">
            <span className="field__label">{t('watch.template')}</span>
            <input
              className="field__input"
              defaultValue={folder.template ?? ''}
              onBlur={(event) => {
                const template = event.currentTarget.value.trim() || null;
                if (template !== folder.template) change(index, { template });
              }}
              data-testid="watch-template"
            />
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={folder.subfolder_tags}
              onChange={(event) => {
                change(index, { subfolder_tags: event.currentTarget.checked });
              }}
              data-testid="watch-subfolder-tags"
            />
            {t('watch.subfolderTags')}
          </label>
        </div>
      ))}
      <div>
        <button type="button" className="button" onClick={add} disabled={!status} data-testid="watch-add">
          {t('watch.add')}
        </button>
      </div>
      {status && status.problems.length > 0 && (
        <div role="alert" data-testid="watch-problems">
          <p>{t('watch.problems')}</p>
          <ul>
            {status.problems.map((problem, index) => (
              // Problems repeat (a folder gone stays gone): their place tells them apart.
              <li key={index}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p role="alert" data-testid="watch-error">
          {t('watch.failed')} {describeError(error, t).summary} {error.message}
        </p>
      )}
    </fieldset>
  );
}
