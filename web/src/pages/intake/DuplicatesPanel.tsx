import { Alert, Button, Form, type FormInstance, Popconfirm, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidateList as CandidateList, DuplicateCandidate } from '../../api/http.ts';
import { ApiError, type Client } from '../../api/workbench.ts';
import { DuplicateCandidateList } from '../../components/case/DuplicateCandidateList.tsx';
import type { IntakeValues } from './intake-form.ts';

/** Wait this long after the last keystroke before asking: an agent types fast. */
export const DUPLICATE_DEBOUNCE_MS = 600;
/** Fewer characters than this say too little to compare. */
const MIN_CHARS = 4;

/** The part of the intake form that says what and where: what duplicates are looked for by. */
export interface DuplicateDraft {
  description?: string | undefined;
  title?: string | undefined;
  categoryCode?: string | undefined;
  address?: string | undefined;
  communityId?: number | undefined;
}

type LookUp =
  | { phase: 'idle' }
  | { phase: 'loading'; items: DuplicateCandidate[] }
  | { phase: 'done'; items: DuplicateCandidate[] }
  | { phase: 'error'; message: string };

/**
 * Likely duplicates of the request being typed, asked for once typing pauses; an answer for a
 * draft no longer on screen is dropped, and the last list stays while the next one loads.
 */
export function useDuplicateCandidates(client: Client, draft: DuplicateDraft, enabled = true): LookUp {
  const [state, setState] = useState<LookUp>({ phase: 'idle' });
  const description = draft.description?.trim() ?? '';
  const title = draft.title?.trim() || undefined;
  const address = draft.address?.trim() || undefined;
  const { categoryCode, communityId } = draft;
  useEffect(() => {
    if (!enabled || [...description].length < MIN_CHARS) {
      setState({ phase: 'idle' });
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      setState((s) => ({
        phase: 'loading',
        items: s.phase === 'done' || s.phase === 'loading' ? s.items : [],
      }));
      const location = address || communityId ? { address, communityId } : undefined;
      client
        .post<CandidateList>('/api/cases/duplicate-candidates', {
          description,
          title,
          categoryCode,
          location,
        })
        .then(
          (list) => current && setState({ phase: 'done', items: list.items }),
          (error: unknown) =>
            current &&
            setState({ phase: 'error', message: error instanceof ApiError ? error.message : String(error) }),
        );
    }, DUPLICATE_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, enabled, description, title, categoryCode, address, communityId]);
  return state;
}

/**
 * At intake, open cases likely about the problem being typed (words, category, place), each with
 * 「合并到此工单」: one click, confirmed, registers the call merged into that case. Shows nothing
 * until there is something worth showing.
 */
export function DuplicatesPanel({
  client,
  form,
  busy,
  enabled = true,
  onMerge,
}: {
  client: Client;
  form: FormInstance<IntakeValues>;
  busy: boolean;
  enabled?: boolean;
  onMerge: (candidate: DuplicateCandidate) => void;
}) {
  const { t } = useTranslation(['intake', 'case']);
  const draft: DuplicateDraft = {
    description: Form.useWatch('description', form),
    title: Form.useWatch('title', form),
    categoryCode: Form.useWatch('categoryCode', form),
    address: Form.useWatch(['location', 'address'], form),
    communityId: Form.useWatch(['location', 'communityId'], form),
  };
  const state = useDuplicateCandidates(client, draft, enabled);
  if (state.phase === 'idle') return null;
  if (state.phase === 'error')
    return (
      <Alert
        type="warning"
        showIcon
        className="intake-duplicates"
        title={t('intake:duplicates.failed', { message: state.message })}
      />
    );
  if (state.items.length === 0 && state.phase === 'done') return null;
  return (
    <section className="intake-duplicates" aria-live="polite" aria-label={t('intake:duplicates.title')}>
      <Space size={8} align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('intake:duplicates.title')}
        </Typography.Title>
        {state.phase === 'loading' && <Spin size="small" aria-label={t('intake:duplicates.loading')} />}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('intake:duplicates.hint')}
      </Typography.Paragraph>
      <DuplicateCandidateList
        items={state.items}
        newWindow
        label={t('intake:duplicates.title')}
        action={(c) => (
          <Popconfirm
            title={t('intake:duplicates.mergeConfirm', { trackingNo: c.trackingNo })}
            description={<div style={{ maxWidth: 320 }}>{t('intake:duplicates.mergeExplain')}</div>}
            okText={t('intake:duplicates.mergeOk')}
            onConfirm={() => onMerge(c)}
          >
            <Button size="small" loading={busy} disabled={busy}>
              {t('intake:duplicates.mergeInto')}
            </Button>
          </Popconfirm>
        )}
      />
    </section>
  );
}
