import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Input,
  Space,
  Tag,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitName } from '../../components/case/labels.tsx';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import { useClient, useSession } from '../../components/session.tsx';
import type { OrgDocument, OrgImportResult, OrgTreeNode } from './api.ts';
import { UnitPanel } from './org/UnitPanel.tsx';
import { ImportDialog } from './shared/ImportDialog.tsx';
import { flattenTree, unitSearchText, useOrgTree } from './shared/org-tree.tsx';
import { downloadJson, errorText, JsonFileButton, PageHeader, today } from './shared/ui.tsx';

/**
 * The organisation: the unit tree (searchable by name, code or pinyin initials), one unit's
 * details and area, a tester for resolving places to units, and for organisation managers the
 * changes: add, edit, move, deactivate, reactivate, and import or export the whole tree as JSON.
 */
export function OrgPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const client = useClient();
  const session = useSession();
  const { message } = App.useApp();
  const canManage = session.can('org.manage');
  const { filters, set } = useUrlFilters(['unit', 'q', 'inactive'] as const);
  const { roots, error, loading, reload } = useOrgTree();
  const [search, setSearch] = useState(filters.q ?? '');
  const [expanded, setExpanded] = useState<number[]>([]);
  const [importing, setImporting] = useState<{ document: OrgDocument; fileName: string } | null>(null);
  const showInactive = filters.inactive === '1';
  const detail = useRef<HTMLDivElement>(null);
  const selected = filters.unit ? Number(filters.unit) : (roots[0]?.id ?? null);

  const flat = useMemo(() => flattenTree(roots), [roots]);
  const searchIndex = useMemo(() => new Map(flat.map(({ node }) => [node.id, unitSearchText(node)])), [flat]);
  const q = (filters.q ?? '').trim().toLowerCase();
  const matches = useMemo(
    () =>
      q
        ? new Set(flat.filter(({ node }) => searchIndex.get(node.id)?.includes(q)).map(({ node }) => node.id))
        : null,
    [flat, searchIndex, q],
  );

  // Open the path to the selected unit, and to every match of a search.
  useEffect(() => {
    const open = new Set<number>(roots.map((r) => r.id));
    for (const { node, ancestors } of flat) {
      if (node.id === selected || matches?.has(node.id)) for (const a of ancestors) open.add(a);
    }
    setExpanded((current) => [...new Set([...current, ...open])]);
  }, [flat, roots, selected, matches]);

  const treeData = useMemo(() => {
    const visible = (node: OrgTreeNode): boolean =>
      (showInactive || node.active) && (!matches || matches.has(node.id) || node.children.some(visible));
    const convert = (node: OrgTreeNode): TreeDataNode => ({
      key: node.id,
      title: (
        <span>
          <span
            style={{
              color: node.active ? undefined : '#8c8c8c',
              fontWeight: matches?.has(node.id) ? 600 : undefined,
            }}
          >
            {unitName(node, i18n.language)}
          </span>
          {!node.active && (
            <Tag style={{ marginInlineStart: 6 }} bordered={false}>
              {t('admin:common.inactive')}
            </Tag>
          )}
        </span>
      ),
      children: node.children.filter(visible).map(convert),
    });
    return roots.filter(visible).map(convert);
  }, [roots, showInactive, matches, i18n.language, t]);

  const exportAll = async () => {
    try {
      downloadJson(await client.get<OrgDocument>('/api/org/export'), `organisation-${today()}.json`);
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const preview = useCallback(
    async (document: OrgDocument) => {
      if (document?.format !== 'shequ.org' || !Array.isArray(document.units))
        throw new Error(t('admin:org.importWrongFormat'));
      const known = new Set(flat.map(({ node }) => node.code));
      const fresh = document.units.filter((u) => !known.has(u.code)).length;
      return (
        <Alert
          type="info"
          showIcon
          title={t('admin:org.importSummary', {
            count: document.units.length,
            fresh,
            known: document.units.length - fresh,
          })}
          description={t('admin:org.importHint')}
        />
      );
    },
    [flat, t],
  );

  const changed = (focus?: number) => {
    reload();
    if (focus) set({ unit: String(focus) });
  };

  return (
    <section>
      <PageHeader
        title={t('admin:org.title')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => void exportAll()}>
              {t('admin:common.exportJson')}
            </Button>
            {canManage && (
              <JsonFileButton
                label={t('admin:common.importJson')}
                onFile={(content, fileName) => {
                  if (content instanceof Error)
                    void message.error(t('admin:common.importInvalidFile', { message: content.message }));
                  else setImporting({ document: content as OrgDocument, fileName });
                }}
              />
            )}
          </>
        }
      >
        {canManage ? t('admin:org.lead') : t('admin:org.leadReadOnly')}
      </PageHeader>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}

      <div className="admin-split">
        <Card size="small" className="org-tree-panel" title={t('admin:org.tree', { count: flat.length })}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.Search
              aria-label={t('admin:org.search')}
              placeholder={t('admin:org.search')}
              value={search}
              allowClear
              onChange={(e) => {
                setSearch(e.target.value);
                if (!e.target.value) set({ q: undefined });
              }}
              onSearch={(v) => set({ q: v.trim() })}
            />
            <Checkbox
              checked={showInactive}
              onChange={(e) => set({ inactive: e.target.checked ? '1' : undefined })}
            >
              {t('admin:org.showInactive')}
            </Checkbox>
            {matches && matches.size === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin:org.noMatch')} />
            ) : (
              <Tree
                treeData={treeData}
                selectedKeys={selected ? [selected] : []}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys as number[])}
                onSelect={(keys) => {
                  if (keys[0] === undefined) return;
                  set({ unit: String(keys[0]) });
                  // On a phone the details are below the tree: bring them into view.
                  if (window.matchMedia?.('(max-width: 900px)').matches)
                    detail.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                }}
                blockNode
                showLine
                aria-label={t('admin:org.tree', { count: flat.length })}
              />
            )}
            {loading && roots.length === 0 && (
              <Typography.Text type="secondary">{t('common:list.loading')}</Typography.Text>
            )}
          </Space>
        </Card>
        <div style={{ minWidth: 0 }} ref={detail}>
          {selected ? (
            <UnitPanel
              key={selected}
              unitId={selected}
              onChanged={changed}
              onOpen={(id) => set({ unit: String(id) })}
            />
          ) : (
            <Empty description={t('admin:org.pickOne')} />
          )}
        </div>
      </div>

      <ImportDialog<OrgDocument, OrgImportResult>
        document={importing?.document ?? null}
        fileName={importing?.fileName ?? ''}
        title={t('admin:org.importTitle')}
        preview={preview}
        run={(document) => client.post<OrgImportResult>('/api/org/import', document)}
        describe={(r) => t('admin:org.imported', r)}
        onDone={() => {
          setImporting(null);
          reload();
        }}
        onClose={() => setImporting(null)}
      />
    </section>
  );
}
