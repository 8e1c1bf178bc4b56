import { Alert, App, Button, Card, Flex, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate, CaseDuplicates as Duplicates } from '../../api/http.ts';
import { ApiError } from '../../api/workbench.ts';
import { DuplicateCandidateList } from '../../components/case/DuplicateCandidateList.tsx';
import { useClient } from '../../components/session.tsx';
import { postAction } from './action-types.ts';
import { CaseNumberLink } from './CaseRelated.tsx';
import { type CaseDetail, casePath } from './case-data.ts';

/** The case's likely duplicates, read again whenever the case changes. */
function useDuplicates(detail: CaseDetail): Duplicates | null {
  const client = useClient();
  const [value, setValue] = useState<Duplicates | null>(null);
  const { id, version } = detail;
  useEffect(() => {
    let current = true;
    // Read as often as the case changes (its version), so a merge or dismissal shows at once.
    void version;
    client.get<Duplicates>(casePath(id, '/duplicates')).then(
      (d) => current && setValue(d),
      () => current && setValue(null),
    );
    return () => {
      current = false;
    };
  }, [client, id, version]);
  return value;
}

/**
 * For dispatchers: open cases likely about the same problem, each with 「合并」 (the merge action,
 * into that case), and for a portal or Open311 report held as a suspected duplicate,
 * 「确认重复并合并」 or 「不是重复」. Shows nothing when there is nothing to show.
 */
export function CaseDuplicates({
  detail,
  onDone,
  onStale,
}: {
  detail: CaseDetail;
  onDone: (next: CaseDetail) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation(['case', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const duplicates = useDuplicates(detail);
  const [busy, setBusy] = useState(false);
  if (!duplicates) return null;
  const { suspectedOf, suspectedBy, items } = duplicates;
  const held = detail.suspectedDuplicateOfId !== null;
  if (!held && suspectedBy.length === 0 && items.length === 0) return null;

  const run = async (send: () => Promise<CaseDetail>, done: string) => {
    setBusy(true);
    try {
      const next = await send();
      void message.success(done);
      onDone(next);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        void message.warning(error.message);
        onStale();
      } else void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const merge = (into: Pick<DuplicateCandidate, 'id' | 'trackingNo'>) =>
    run(
      () => postAction(client, detail, 'merge', { intoCaseId: into.id }),
      t('duplicates.merged', { trackingNo: into.trackingNo }),
    );
  const dismiss = () =>
    run(() => postAction(client, detail, 'dismiss-duplicate', {}), t('duplicates.dismissed'));
  const canDismiss = detail.abilities.merge || detail.abilities.dispatch;

  return (
    <Card title={t('duplicates.title')} className="case-duplicates">
      <Flex vertical gap={12}>
        {held && (
          <Alert
            type="warning"
            showIcon
            title={
              suspectedOf ? (
                <>
                  {t('duplicates.suspected')} <CaseNumberLink c={suspectedOf} />
                </>
              ) : (
                t('duplicates.suspectedGone')
              )
            }
            action={
              <Space orientation="vertical" size={4}>
                {suspectedOf && detail.abilities.merge && (
                  <Popconfirm
                    title={t('duplicates.confirm')}
                    description={
                      <div style={{ maxWidth: 320 }}>
                        {t('duplicates.confirmExplain', { trackingNo: suspectedOf.trackingNo })}
                      </div>
                    }
                    onConfirm={() => merge(suspectedOf)}
                  >
                    <Button size="small" type="primary" loading={busy}>
                      {t('duplicates.confirm')}
                    </Button>
                  </Popconfirm>
                )}
                {canDismiss && (
                  <Popconfirm title={t('duplicates.dismissConfirm')} onConfirm={() => dismiss()}>
                    <Button size="small" loading={busy}>
                      {t('duplicates.dismiss')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            }
          />
        )}
        {suspectedBy.length > 0 && (
          <section aria-label={t('duplicates.suspectedBy')}>
            <Typography.Text type="secondary">{t('duplicates.suspectedBy')}</Typography.Text>
            <ul className="case-rows">
              {suspectedBy.map((c) => (
                <li key={c.id}>
                  <Space size={6} wrap>
                    <CaseNumberLink c={c} />
                    <Typography.Text>{c.title}</Typography.Text>
                  </Space>
                </li>
              ))}
            </ul>
          </section>
        )}
        {items.length > 0 ? (
          <>
            <Typography.Text type="secondary">{t('duplicates.hint')}</Typography.Text>
            <DuplicateCandidateList
              items={items}
              label={t('duplicates.title')}
              action={
                detail.abilities.merge
                  ? (c) => (
                      <Popconfirm
                        title={t('duplicates.mergeConfirm', { trackingNo: c.trackingNo })}
                        description={<div style={{ maxWidth: 320 }}>{t('duplicates.mergeExplain')}</div>}
                        onConfirm={() => merge(c)}
                      >
                        <Button size="small" loading={busy}>
                          {t('duplicates.merge')}
                        </Button>
                      </Popconfirm>
                    )
                  : undefined
              }
            />
          </>
        ) : (
          !held && <Typography.Text type="secondary">{t('duplicates.none')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
