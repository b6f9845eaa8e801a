// The photo viewer, over the item area: the 1024 px preview fitted to the window or zoomed (with
// the mouse wheel's neighbours: + − 0 1), beside its caption, credit and byline to edit.
// Arrow keys step to the previous or next item of the list; Escape closes.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { EditField } from '../bindings/EditField';
import type { PhotoView } from '../bindings/PhotoView';
import { useHostActions } from '../hooks/useHostActions';
import { useT } from '../i18n/I18nProvider';
import { queryKeys } from '../lib/queryKeys';
import { thumbnailUrl } from '../platform/thumbnails';
import { EditableField } from './EditableField';
import { Icon, type IconName } from './Icon';
import './Reader.css';

const ZOOMS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4];

type Props = { photo: PhotoView; onClose: () => void; onStep: (delta: number) => void };

export function PhotoViewer({ photo, onClose, onStep }: Props) {
  const t = useT();
  const queryClient = useQueryClient();
  const actions = useHostActions();
  const root = useRef<HTMLElement>(null);
  /** null fits the photo to the stage; a number is a scale of the 1024 px preview. */
  const [zoom, setZoom] = useState<number | null>(null);
  /** The preview's own width: 1024 px for a landscape photo, less for a portrait one. */
  const [naturalWidth, setNaturalWidth] = useState(1024);
  /** The host has no preview (e.g. a format it cannot decode): say so instead of a broken image. */
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    root.current?.focus();
  }, [photo.id]);

  const zoomBy = (direction: 1 | -1) => {
    setZoom((current) => {
      const now = current ?? 1;
      const next = direction > 0 ? ZOOMS.find((level) => level > now) : [...ZOOMS].reverse().find((level) => level < now);
      return next ?? now;
    });
  };

  const save = (field: EditField) => async (value: string) => {
    const updated = await actions.updateItem({ id: photo.id, field, value });
    queryClient.setQueryData(queryKeys.item(photo.id), updated);
  };

  return (
    <section
      ref={root}
      className="viewer"
      tabIndex={-1}
      role="dialog"
      aria-label={photo.title || t('kind.photo')}
      onKeyDown={(event) => {
        const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        } else if (typing) {
          return;
        } else if (event.key === '+' || event.key === '=') {
          zoomBy(1);
        } else if (event.key === '-') {
          zoomBy(-1);
        } else if (event.key === '0') {
          setZoom(null);
        } else if (event.key === '1') {
          setZoom(1);
        } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
          event.preventDefault();
          setZoom(null);
          onStep(event.key === 'ArrowRight' ? 1 : -1);
        }
      }}
      data-testid="photo-viewer"
      data-item-id={photo.id}
      data-zoom={zoom === null ? 'fit' : String(zoom)}
    >
      <header className="reader__bar">
        <ToolButton label={t('reader.close')} icon="close" onClick={onClose} testId="viewer-close" />
        <div className="viewer__tools" role="group">
          <ToolButton label={t('viewer.previous')} icon="chevronLeft" onClick={() => {
              onStep(-1);
            }} />
          <ToolButton label={t('viewer.next')} icon="chevronRight" onClick={() => {
              onStep(1);
            }} />
          <button
            type="button"
            className="button button--small"
            aria-pressed={zoom === null}
            onClick={() => {
              setZoom(null);
            }}
            data-testid="viewer-fit"
          >
            {t('viewer.fit')}
          </button>
          <button
            type="button"
            className="button button--small"
            aria-pressed={zoom === 1}
            onClick={() => {
              setZoom(1);
            }}
            data-testid="viewer-actual"
          >
            {t('viewer.actualSize')}
          </button>
          <ToolButton label={t('viewer.zoomOut')} icon="zoomOut" onClick={() => {
              zoomBy(-1);
            }} testId="viewer-zoom-out" />
          {/* Fitted, the pressed Fit button says it all; zoomed, the scale is shown. */}
          <span className="viewer__zoom" data-testid="viewer-zoom">
            {zoom === null ? '' : t('viewer.zoom', { percent: Math.round(zoom * 100) })}
          </span>
          <ToolButton label={t('viewer.zoomIn')} icon="zoomIn" onClick={() => {
              zoomBy(1);
            }} testId="viewer-zoom-in" />
        </div>
      </header>
      <div className="viewer__main">
        <div className={zoom === null ? 'viewer__stage viewer__stage--fit' : 'viewer__stage'}>
          {failed && <p className="panel__note">{t('viewer.noImage')}</p>}
          <img
            hidden={failed}
            className="viewer__image"
            src={thumbnailUrl(photo.sha256, 1024)}
            alt={photo.caption || photo.title}
            draggable={false}
            style={zoom === null ? undefined : { width: naturalWidth * zoom, maxWidth: 'none', maxHeight: 'none' }}
            onError={() => {
              setFailed(true);
            }}
            onLoad={(event) => {
              setNaturalWidth(event.currentTarget.naturalWidth || 1024);
            }}
            data-testid="viewer-image"
          />
        </div>
        <div className="viewer__side">
          <h2 className="viewer__title">{photo.title.trim() || t('items.untitled')}</h2>
          <EditableField
            key={`${String(photo.id)}:caption`}
            label={t('field.caption')}
            value={photo.caption}
            onSave={save('caption')}
            multiline
            testId="viewer-caption"
          />
          <EditableField
            key={`${String(photo.id)}:credit`}
            label={t('field.credit')}
            value={photo.credit}
            onSave={save('credit')}
            testId="viewer-credit"
          />
          <EditableField
            key={`${String(photo.id)}:byline`}
            label={t('field.byline')}
            value={photo.byline}
            onSave={save('byline')}
            testId="viewer-byline"
          />
        </div>
      </div>
    </section>
  );
}

type ToolProps = { label: string; icon: IconName; onClick: () => void; testId?: string };

function ToolButton({ label, icon, onClick, testId }: ToolProps) {
  return (
    <button type="button" className="icon-button" aria-label={label} title={label} onClick={onClick} data-testid={testId}>
      <Icon name={icon} />
    </button>
  );
}
