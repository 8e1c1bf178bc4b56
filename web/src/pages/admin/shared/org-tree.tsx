import { TreeSelect, type TreeSelectProps } from 'antd';
import { pinyin } from 'pinyin-pro';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../api/workbench.ts';
import { unitName } from '../../../components/case/labels.tsx';
import { useClient } from '../../../components/session.tsx';
import type { OrgTree, OrgTreeNode } from '../api.ts';

// The whole tree (inactive units too) is a few hundred rows: fetched once per client and shared by
// every picker on the page; a change to the organisation asks for it afresh.
const trees = new WeakMap<Client, Promise<OrgTree>>();

/** The organisation tree with inactive units, from the cache unless `fresh`. */
export function loadOrgTree(client: Client, fresh = false): Promise<OrgTree> {
  let tree = trees.get(client);
  if (!tree || fresh) {
    tree = client.get<OrgTree>('/api/org/tree', { includeInactive: 'true' });
    trees.set(client, tree);
    tree.catch(() => trees.delete(client));
  }
  return tree;
}

/** The tree for a component, with a way to fetch it again after a change. */
export function useOrgTree(): {
  roots: OrgTreeNode[];
  loading: boolean;
  error: string | null;
  reload: () => void;
} {
  const client = useClient();
  const [state, setState] = useState<{ roots: OrgTreeNode[]; error: string | null; loading: boolean }>({
    roots: [],
    error: null,
    loading: true,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    loadOrgTree(client, round > 0).then(
      (tree) => live && setState({ roots: tree.roots, error: null, loading: false }),
      (e: Error) => live && setState({ roots: [], error: e.message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [client, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}

/** Every node of the tree, depth first, with its ancestors' ids. */
export function flattenTree(roots: OrgTreeNode[]): { node: OrgTreeNode; ancestors: number[] }[] {
  const out: { node: OrgTreeNode; ancestors: number[] }[] = [];
  const walk = (node: OrgTreeNode, ancestors: number[]) => {
    out.push({ node, ancestors });
    for (const child of node.children) walk(child, [...ancestors, node.id]);
  };
  for (const root of roots) walk(root, []);
  return out;
}

/** Text a search box matches a unit by: code, both names and the Chinese name's pinyin (full and initials). */
export function unitSearchText(node: Pick<OrgTreeNode, 'code' | 'nameZh' | 'nameEn'>): string {
  const syllables = pinyin(node.nameZh, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  return [node.code, node.nameZh, node.nameEn, syllables.join(''), syllables.map((s) => s.charAt(0)).join('')]
    .join(' ')
    .toLowerCase();
}

interface PickerNode {
  value: number;
  title: string;
  search: string;
  disabled: boolean;
  children: PickerNode[];
}

/**
 * Picks one unit of the organisation: a searchable tree (by name, code or pinyin initials, so
 * `gl` finds 鼓楼街道). Inactive units show but cannot be picked unless `allowInactive`.
 */
export function UnitPicker({
  value,
  onChange,
  allowInactive = false,
  exclude,
  ...rest
}: {
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  allowInactive?: boolean;
  /** A unit whose subtree cannot be picked (moving a unit under itself). */
  exclude?: number;
} & Omit<TreeSelectProps<number>, 'value' | 'onChange' | 'treeData'>) {
  const { t, i18n } = useTranslation('admin');
  const { roots, loading } = useOrgTree();
  const treeData = useMemo(() => {
    const convert = (node: OrgTreeNode, blocked: boolean): PickerNode => {
      const off = blocked || node.id === exclude;
      return {
        value: node.id,
        title: `${unitName(node, i18n.language)}${node.active ? '' : ` (${t('common.inactive')})`}`,
        search: unitSearchText(node),
        disabled: off || (!node.active && !allowInactive),
        children: node.children.map((c) => convert(c, off)),
      };
    };
    return roots.map((r) => convert(r, false));
  }, [roots, i18n.language, allowInactive, exclude, t]);
  return (
    <TreeSelect<number>
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={loading}
      allowClear
      showSearch={{
        filterTreeNode: (input, node) =>
          String((node as unknown as PickerNode).search).includes(input.trim().toLowerCase()),
      }}
      treeDefaultExpandedKeys={roots.map((r) => r.id)}
      placeholder={t('common.pickUnit')}
      popupMatchSelectWidth={false}
      style={{ minWidth: 200, width: '100%' }}
      {...rest}
    />
  );
}
