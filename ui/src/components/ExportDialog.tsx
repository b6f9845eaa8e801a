// The Export dialog: what to export (the selection, the collection, the search), as a PDF dossier
// or a ZIP bundle, on which paper, under which title; "Choose location…" asks where and starts it.
import { useId, useState } from 'react';
import type { ExportFormat } from '../bindings/ExportFormat';
import type { ExportScope } from '../bindings/ExportScope';
import type { Paper } from '../bindings/Paper';
import type { ExportPlan, ExportStart } from '../hooks/useExport';
import { useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';
import { defaultPaper, defaultTitle, exportChoices, type ExportChoice, type ExportContext } from '../lib/exportPlan';
import { Dialog } from './Dialog';
import './Export.css';

type Props = {
  context: ExportContext;
  /** The ids of the selected items, loaded for a "select all". */
  selectedIds: () => Promise<number[]>;
  onStart: (plan: ExportPlan, fallbackTitle: string) => Promise<ExportStart>;
  onClose: () => void;
};

const FORMATS: readonly ExportFormat[] = ['pdf', 'zip'];
const PAPERS: readonly Paper[] = ['a4', 'letter'];

export function ExportDialog({ context, selectedIds, onStart, onClose }: Props) {
  const t = useT();
  const formId = useId();
  const choices = exportChoices(context);
  const fallback = t('export.defaultTitle');
  const [choice, setChoice] = useState(0);
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [paper, setPaper] = useState<Paper>(() => defaultPaper(navigator.languages));
  const [title, setTitle] = useState(() => defaultTitle(context, fallback));
  const [picking, setPicking] = useState(false);
  const chosen = choices[choice];

  const start = () => {
    if (!chosen || picking) return;
    setPicking(true);
    const plan = { scope: () => scopeOf(chosen, selectedIds), format, paper, title };
    void onStart(plan, fallback).then((outcome) => {
      // A cancelled save picker leaves the dialog as it was; otherwise the item area takes over.
      if (outcome === 'cancelled') setPicking(false);
      else onClose();
    });
  };

  return (
    <Dialog
      title={t('export.title')}
      onClose={onClose}
      testId="export-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-testid="export-dialog-cancel">
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form={formId}
            className="button button--primary"
            disabled={!chosen || picking}
            data-testid="export-choose"
          >
            {t('export.choose')}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="export-form"
        onSubmit={(event) => {
          event.preventDefault();
          start();
        }}
      >
        <fieldset className="field-group">
          <legend className="field-group__legend">{t('export.what')}</legend>
          {choices.length === 0 && <p data-testid="export-nothing">{t('export.nothing')}</p>}
          {choices.map((option, index) => (
            <label key={option.kind} className="choice">
              <input
                type="radio"
                name="export-scope"
                checked={choice === index}
                onChange={() => {
                  setChoice(index);
                }}
                data-testid={`export-scope-${option.kind}`}
              />
              <span className="export-form__choice">{choiceLabel(option, t)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="field-group">
          <legend className="field-group__legend">{t('export.format')}</legend>
          {FORMATS.map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name="export-format"
                checked={format === value}
                onChange={() => {
                  setFormat(value);
                }}
                data-testid={`export-format-${value}`}
              />
              <span>
                {t(value === 'pdf' ? 'export.pdf' : 'export.zip')}
                <span className="export-form__hint"> — {t(value === 'pdf' ? 'export.pdfHint' : 'export.zipHint')}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {format === 'pdf' && (
          <fieldset className="field-group">
            <legend className="field-group__legend">{t('export.paper')}</legend>
            <div className="export-form__row">
              {PAPERS.map((value) => (
                <label key={value} className="choice">
                  <input
                    type="radio"
                    name="export-paper"
                    checked={paper === value}
                    onChange={() => {
                      setPaper(value);
                    }}
                    data-testid={`export-paper-${value}`}
                  />
                  {t(value === 'a4' ? 'export.a4' : 'export.letter')}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="field-group">
          <label className="field-group__legend" htmlFor={`${formId}-title`}>
            {t('export.docTitle')}
          </label>
          <input
            id={`${formId}-title`}
            className="text-input"
            value={title}
            placeholder={fallback}
            onChange={(event) => {
              setTitle(event.target.value);
            }}
            data-testid="export-title"
          />
        </div>
      </form>
    </Dialog>
  );
}

function choiceLabel(choice: ExportChoice, t: Translate): string {
  switch (choice.kind) {
    case 'items':
      return t('export.selection', { count: choice.count });
    case 'collection':
      return t('export.collection', { name: choice.name });
    case 'query':
      return choice.savedSearch === null
        ? t('export.search', { query: choice.query })
        : t('export.savedSearch', { name: choice.savedSearch });
  }
}

async function scopeOf(choice: ExportChoice, selectedIds: () => Promise<number[]>): Promise<ExportScope> {
  switch (choice.kind) {
    case 'items':
      return { kind: 'items', ids: await selectedIds() };
    case 'collection':
      return { kind: 'collection', id: choice.id };
    case 'query':
      return { kind: 'query', query: choice.query };
  }
}
