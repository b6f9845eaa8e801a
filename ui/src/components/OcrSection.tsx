// Settings → OCR: whether the text in imported photos is read (the archive's setting, kept by the
// host; scanned PDFs are read whatever it says).
import { useEffect, useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../lib/describeError';
import { getOcrPhotos, setOcrPhotos } from '../platform/host';

export function OcrSection() {
  const t = useT();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    getOcrPhotos().then(
      (value) => {
        if (active) setEnabled(value);
      },
      (error: unknown) => {
        if (active) setProblem(describeError(error).summary);
      },
    );
    return () => {
      active = false;
    };
  }, []);

  const change = (value: boolean) => {
    setOcrPhotos(value).then(
      (now) => {
        setEnabled(now);
        setProblem(null);
      },
      (error: unknown) => {
        setProblem(describeError(error).summary);
      },
    );
  };

  return (
    <fieldset className="field-group" data-testid="ocr-section">
      <legend className="field-group__legend">{t('ocr.section')}</legend>
      <label className="choice">
        <input
          type="checkbox"
          checked={enabled ?? false}
          disabled={enabled === null}
          onChange={(event) => {
            change(event.target.checked);
          }}
          data-testid="ocr-photos"
        />
        {t('ocr.photos')}
      </label>
      <p>{t('ocr.hint')}</p>
      {problem !== null && <p role="alert">{problem}</p>}
    </fieldset>
  );
}
