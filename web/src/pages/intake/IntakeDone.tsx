import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Grid, Result, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { IntakeResult } from '../../api/http.ts';
import { categoryName, DateTime, unitName } from '../../components/case/labels.tsx';
import { copyText } from './intake-form.ts';

/**
 * What the agent reads back to the caller: the tracking number, big and copyable, where the case
 * went and by when. "Next call" has the focus, so Enter starts the next form.
 */
export function IntakeDone({ result, onNext }: { result: IntakeResult; onNext: () => void }) {
  const { t, i18n } = useTranslation(['intake', 'common']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().sm;
  const [copied, setCopied] = useState(false);
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    next.current?.focus();
  }, []);

  const copy = async () => {
    if (await copyText(result.trackingNo)) {
      setCopied(true);
      void message.success(t('done.copied'));
    } else void message.error(t('done.copyFailed'));
  };

  const answered = result.answeredAtIntake;
  let where: React.ReactNode;
  if (answered) where = t('done.answered');
  else if (result.status === 'merged')
    where = t('done.merged', { trackingNo: result.related.mergedInto?.trackingNo ?? '' });
  else if (result.leadUnit) where = t('done.dispatched', { unit: unitName(result.leadUnit, i18n.language) });
  else {
    const reason = result.triageReason;
    where = (
      <>
        {t('done.triage')}
        {reason && (
          <Typography.Text type="secondary">
            {' '}
            — {t(`triage.${reason}` as 'triage.review', { defaultValue: reason })}
          </Typography.Text>
        )}
      </>
    );
  }

  return (
    <Result
      className="intake-done"
      status="success"
      title={answered ? t('done.titleAnswered') : t('done.title')}
      subTitle={
        <div className="intake-done-number">
          <Typography.Text type="secondary">{t('done.trackingNo')}</Typography.Text>
          <div className="intake-done-copy">
            <span className="intake-tracking-no" data-testid="tracking-no">
              {result.trackingNo}
            </span>
            <Button
              icon={copied ? <CheckOutlined /> : <CopyOutlined />}
              onClick={() => void copy()}
              aria-label={t('done.copy')}
            >
              {copied ? t('done.copied') : t('done.copy')}
            </Button>
          </div>
        </div>
      }
      extra={
        <Space wrap>
          <Button ref={next} type="primary" size="large" onClick={onNext}>
            {result.channel === 'hotline' ? t('done.next') : t('done.nextOther')}
          </Button>
          <Button size="large" onClick={() => navigate(`/admin/cases/${result.id}`)}>
            {t('done.open')}
          </Button>
        </Space>
      }
    >
      {result.replayed && (
        <Alert type="info" showIcon title={t('done.replayed')} style={{ marginBottom: 16 }} />
      )}
      <Descriptions
        column={1}
        size="small"
        bordered
        layout={narrow ? 'vertical' : 'horizontal'}
        className="intake-done-facts"
      >
        <Descriptions.Item label={t('done.where')}>{where}</Descriptions.Item>
        <Descriptions.Item label={t('common:field.category')}>
          {result.category ? categoryName(result.category, i18n.language) : '—'}
          {result.urgent && (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {t('common:field.urgent')}
            </Tag>
          )}
        </Descriptions.Item>
        {!answered && result.signDueAt && (
          <Descriptions.Item label={t('done.signDue')}>
            <DateTime value={result.signDueAt} />
          </Descriptions.Item>
        )}
        {!answered && result.resolveDueAt && (
          <Descriptions.Item label={t('done.resolveDue')}>
            <DateTime value={result.resolveDueAt} />
          </Descriptions.Item>
        )}
        {result.repeatOfId !== null && (
          <Descriptions.Item label={t('done.repeatOf')}>
            <Link to={`/admin/cases/${result.repeatOfId}`}>{t('done.repeatOfLink')}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Result>
  );
}
