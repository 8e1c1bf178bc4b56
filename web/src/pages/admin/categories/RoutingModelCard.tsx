import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ok } from '../../../api/http.ts';
import { DateTime } from '../../../components/case/labels.tsx';
import { useClient } from '../../../components/session.tsx';
import { errorText, useLoaded } from '../shared/ui.tsx';

type ModelHistory = Ok<'/api/routing/model'>;

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The routing model that suggests categories from these categories: when it was trained, on how
 * many texts (how many of them the platform's own closed cases), how well it does on texts kept
 * out of training; retrain after changing the taxonomy or when many cases were closed.
 */
export function RoutingModelCard() {
  const { t } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const load = useCallback(() => client.get<ModelHistory>('/api/routing/model'), [client]);
  const history = useLoaded(load);
  const [busy, setBusy] = useState(false);
  const current = history.data?.models[0];

  const retrain = async () => {
    setBusy(true);
    try {
      await client.post<ModelHistory>('/api/routing/model/retrain', {});
      message.success(t('admin:routing.retrained'));
      await history.reload();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <>
          <ExperimentOutlined /> {t('admin:routing.title')}
        </>
      }
      extra={
        <Button size="small" icon={<ReloadOutlined />} loading={busy} onClick={() => void retrain()}>
          {t('admin:routing.retrain')}
        </Button>
      }
    >
      {history.error && <Alert type="error" showIcon title={history.error} />}
      {!history.error && !current && (
        <Typography.Text type="secondary">{t('admin:routing.none')}</Typography.Text>
      )}
      {current && (
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('admin:routing.trainedAt')}>
            <DateTime value={current.trainedAt} /> · {t(`admin:routing.by.${current.trainedBy}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin:routing.samples')}>
            {t('admin:routing.samplesValue', { samples: current.samples, cases: current.caseSamples })}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin:routing.top1')}>
            {percent(current.metrics.top1)}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin:routing.top3')}>
            {percent(current.metrics.top3)}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('admin:routing.help')}
      </Typography.Paragraph>
    </Card>
  );
}
