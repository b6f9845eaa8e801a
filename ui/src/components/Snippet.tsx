// A search snippet with its matches marked, built from code point ranges as React text — never
// as HTML, so nothing in an archived text can turn into markup.
import { useMemo } from 'react';
import { splitHighlights } from '../lib/highlights';
import type { SearchHit } from '../lib/listing';

export function Snippet({ hit, lang }: { hit: SearchHit; lang?: string | undefined }) {
  const parts = useMemo(() => splitHighlights(hit.snippet, hit.highlights), [hit]);
  return (
    <span className="snippet" lang={lang} data-testid="item-snippet">
      {parts.map((part, index) =>
        part.highlighted ? (
          // Index keys are right here: the parts never move, a new snippet replaces them all.
          <mark key={index}>{part.text}</mark>
        ) : (
          part.text
        ),
      )}
    </span>
  );
}
