import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import { CaseFilters, FILTER_KEYS, filterQuery, type Sort } from '../../components/worklist/CaseFilters.tsx';
import { CaseWorklist, type WorklistColumnSpec } from '../../components/worklist/CaseWorklist.tsx';

const SORTS: Sort[] = ['newest', 'oldest', 'due'];
const COLUMNS: WorklistColumnSpec[] = [
  'trackingNo',
  'title',
  'status',
  'deadline',
  'leadUnit',
  'category',
  'place',
  'channel',
  'registeredAt',
];

/**
 * Find cases: every case the user may read (the server's read rule), filtered by tracking number or
 * title words, status, category, street and community, channel, registration dates and lateness.
 */
export function CaseListPage() {
  const { t } = useTranslation(['inbox', 'shell']);
  const { filters, set } = useUrlFilters(FILTER_KEYS);
  return (
    <section>
      <Typography.Title level={3}>{t('shell:menu.cases')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('inbox:caseList.lead')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <CaseFilters
          fields={['q', 'status', 'category', 'place', 'channel', 'registered', 'overdue', 'sort']}
          filters={filters}
          set={set}
          sorts={SORTS}
          defaultSort="newest"
        />
        <CaseWorklist
          query={{ view: 'all', ...filterQuery(filters), sort: filters.sort ?? 'newest' }}
          columns={COLUMNS}
          name={t('inbox:caseList.sheet')}
          emptyText={t('inbox:caseList.empty')}
        />
      </Space>
    </section>
  );
}
