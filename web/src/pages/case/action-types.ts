import type { FormInstance } from 'antd';
import type { ComponentType } from 'react';
import type { Client } from '../../api/workbench.ts';
import { type CaseAction, type CaseDetail, casePath } from './case-data.ts';

/** Every action the case page offers; `contact` is a note of kind contact, under the note ability. */
export type ActionId = CaseAction | 'contact';

/** What sending an action can use: the case as the form last saw it, and a way to report progress. */
export interface SendContext<V> {
  client: Client;
  detail: CaseDetail;
  values: V;
  form: FormInstance<V>;
  /** A step already done changed the case (files uploaded before resolving): carry on from it. */
  progressed: (next: CaseDetail) => void;
}

/** One action's form: its fields, how it starts, and how it is sent. */
export interface ActionForm<V = Record<string, unknown>> {
  Fields: ComponentType<{ detail: CaseDetail; form: FormInstance<V> }>;
  initialValues?: (detail: CaseDetail) => Partial<V>;
  /** Sends the action; answers the case as it now is. */
  send: (ctx: SendContext<V>) => Promise<CaseDetail>;
  /** Body fields the server may name in an error, which are form fields of the same name. */
  fields: string[];
  danger?: boolean;
  width?: number;
}

/** POST one action with the case version the user saw: a stale version answers 409. */
export function postAction<B extends object>(
  client: Client,
  detail: CaseDetail,
  path: string,
  body: B,
): Promise<CaseDetail> {
  return client.post<CaseDetail>(casePath(detail.id, `/${path}`), { ...body, version: detail.version });
}

/** A text typed in a form, or nothing when only spaces were typed (optional fields). */
export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
