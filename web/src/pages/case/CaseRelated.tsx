import { Alert, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime, StatusTag } from '../../components/case/labels.tsx';
import type { CaseDetail } from './case-data.ts';

type CaseRef = CaseDetail['related']['merged'][number];

/** A linked case's tracking number, leading to its page. */
export function CaseNumberLink({ c }: { c: Pick<CaseRef, 'id' | 'trackingNo'> }) {
  return <Link to={`/admin/cases/${c.id}`}>{c.trackingNo}</Link>;
}

/** This case ended in another or repeats an earlier one: said at the top, where it cannot be missed. */
export function LinkNotice({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('case');
  const { mergedInto, repeatOf } = detail.related;
  if (mergedInto)
    return (
      <Alert
        type="info"
        showIcon
        title={
          <>
            {t('related.mergedNotice')} <CaseNumberLink c={mergedInto} />
          </>
        }
      />
    );
  if (repeatOf)
    return (
      <Alert
        type="warning"
        showIcon
        title={
          <>
            {t('related.repeatNotice')} <CaseNumberLink c={repeatOf} />
          </>
        }
      />
    );
  return null;
}

function CaseLink({ c }: { c: CaseRef }) {
  return (
    <Flex vertical gap={2}>
      <Space size={6} wrap>
        <CaseNumberLink c={c} />
        <StatusTag status={c.status} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <DateTime value={c.registeredAt} />
        </Typography.Text>
      </Space>
      <Typography.Text style={{ overflowWrap: 'anywhere' }}>{c.title}</Typography.Text>
    </Flex>
  );
}

/**
 * Cases tied to this one: the case it was merged into, the earlier case it repeats, the duplicates
 * merged into it and the later repeats. Only those the user may see are listed (the server decides).
 */
export function CaseRelated({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('case');
  const { mergedInto, repeatOf, merged, repeats } = detail.related;
  const groups: { key: string; title: string; cases: CaseRef[] }[] = [
    { key: 'mergedInto', title: t('related.mergedInto'), cases: mergedInto ? [mergedInto] : [] },
    { key: 'repeatOf', title: t('related.repeatOf'), cases: repeatOf ? [repeatOf] : [] },
    { key: 'merged', title: t('related.merged', { count: merged.length }), cases: merged },
    { key: 'repeats', title: t('related.repeats', { count: repeats.length }), cases: repeats },
  ].filter((g) => g.cases.length > 0);
  if (groups.length === 0) return <Typography.Text type="secondary">{t('related.none')}</Typography.Text>;
  return (
    <Flex vertical gap={12}>
      {groups.map((g) => (
        <section key={g.key} aria-label={g.title}>
          <Typography.Text type="secondary">{g.title}</Typography.Text>
          <ul className="case-rows">
            {g.cases.map((c) => (
              <li key={c.id}>
                <CaseLink c={c} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Flex>
  );
}
