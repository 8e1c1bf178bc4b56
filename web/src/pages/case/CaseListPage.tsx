import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../api/workbench.ts';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import {
  CaseFilters,
  FILTER_KEYS,
  type FilterField,
  type FilterValues,
  filterQuery,
  type Sort,
} from '../../components/worklist/CaseFilters.tsx';
import { CaseWorklist } from '../../components/worklist/CaseWorklist.tsx';
import type { ColumnKey } from '../../components/worklist/columns.tsx';
import { SearchResults } from './SearchResults.tsx';

const SORTS: Sort[] = ['newest', 'oldest', 'due'];
/** With words in the box the results come best match first: the sort is not offered. */
const SEARCH_FIELDS: FilterField[] = ['q', 'status', 'category', 'place', 'channel', 'registered', 'overdue'];
const COLUMNS: ColumnKey[] = [
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

/** The filters as a search's query: words rank the results, so the list's sort does not apply. */
function searchQuery(filters: FilterValues): Query {
  const { sort: _sort, ...rest } = filterQuery(filters);
  return rest;
}

/**
 * Find cases: every case the user may read (the server's read rule), filtered by status, category,
 * street and community, channel, registration dates and lateness. Words in the search box search the
 * cases' text (title, description, address, resolution, notes): best match first, with the matched
 * words marked in a snippet under each title.
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
          fields={filters.q ? SEARCH_FIELDS : [...SEARCH_FIELDS, 'sort']}
          filters={filters}
          set={set}
          sorts={SORTS}
          defaultSort="newest"
        />
        {filters.q ? (
          <SearchResults query={searchQuery(filters)} columns={COLUMNS} />
        ) : (
          <CaseWorklist
            query={{ view: 'all', ...filterQuery(filters), sort: filters.sort ?? 'newest' }}
            columns={COLUMNS}
            name={t('inbox:caseList.sheet')}
            emptyText={t('inbox:caseList.empty')}
          />
        )}
      </Space>
    </section>
  );
}
