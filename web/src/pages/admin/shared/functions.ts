import { unitName } from '../../../components/case/labels.tsx';
import type { OrgTreeNode } from '../api.ts';

/** One function code of the organisation (ENFORCEMENT, HOUSING, …) and how people call it. */
export interface FunctionInfo {
  code: string;
  /** The unit's name without its parent's (鼓楼街道综合执法组 → 综合执法组), or the unit's name when there is one. */
  label: string;
  /** Kinds of the units that carry it (street, community, district, …: where a route may find it). */
  placedUnder: string[];
  units: number;
}

/** The name of `child` with its parent's name taken off the front, when it starts with it. */
function withoutParent(child: string, parent: string): string {
  const rest = child.startsWith(parent) ? child.slice(parent.length).trim() : child;
  return rest || child;
}

/**
 * Every function code in the tree with a readable name: when one function sits in every street
 * ("鼓楼街道综合执法组", "江厦街道综合执法组"), the part after the street's name is the function's name.
 */
export function functionsOf(roots: OrgTreeNode[], language: string): Map<string, FunctionInfo> {
  const out = new Map<string, FunctionInfo>();
  const walk = (node: OrgTreeNode, parent: OrgTreeNode | null) => {
    if (node.function) {
      const own = unitName(node, language);
      const label = parent ? withoutParent(own, unitName(parent, language)) : own;
      const info = out.get(node.function);
      if (!info)
        out.set(node.function, {
          code: node.function,
          label,
          placedUnder: parent ? [parent.kind] : [],
          units: 1,
        });
      else {
        info.units += 1;
        if (parent && !info.placedUnder.includes(parent.kind)) info.placedUnder.push(parent.kind);
      }
    }
    for (const child of node.children) walk(child, node);
  };
  for (const root of roots) walk(root, null);
  return out;
}
