import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IntakeResult } from '../../../api/http.ts';
import { CheckIcon } from '../icons.tsx';
import { Notice, useLocalName } from '../ui.tsx';

interface Props {
  result: IntakeResult;
  photosFailed: boolean;
  onAnother: () => void;
}

/** The confirmation: the tracking number, large, and where the resident will hear what happens next. */
export function ReportDone({ result, photosFailed, onAnother }: Props) {
  const { t } = useTranslation('portal');
  const name = useLocalName();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(result.trackingNo);
      setCopied(true);
    } catch {
      // no clipboard (insecure page, old browser): the number is on screen to note down
    }
  }

  return (
    <section className="p-section p-done" aria-labelledby="p-done-title">
      <CheckIcon className="p-done-icon" />
      <h1 id="p-done-title" ref={heading} tabIndex={-1}>
        {t('report.done.title')}
      </h1>
      <p>{t('report.done.lead')}</p>
      <div className="p-tracking">
        <p className="p-tracking-label">{t('report.done.trackingNo')}</p>
        <p className="p-tracking-no" data-testid="tracking-no">
          {result.trackingNo}
        </p>
        <button
          type="button"
          className="p-button p-button-secondary p-button-small"
          onClick={() => void copy()}
        >
          {copied ? t('report.done.copied') : t('report.done.copy')}
        </button>
        <p className="p-hint">{t('report.done.keep')}</p>
      </div>
      {result.leadUnit && <p>{t('report.done.routed', { unit: name(result.leadUnit) })}</p>}
      <p>{result.contactPreference === 'none' ? t('report.done.notifyInbox') : t('report.done.notifySms')}</p>
      {photosFailed && <Notice tone="warning">{t('report.done.photosFailed')}</Notice>}
      <div className="p-button-row">
        <Link to={`/mine/${result.trackingNo}`} className="p-button p-button-primary p-button-block">
          {t('report.done.view')}
        </Link>
        <button type="button" className="p-button p-button-secondary p-button-block" onClick={onAnother}>
          {t('report.done.another')}
        </button>
      </div>
    </section>
  );
}
