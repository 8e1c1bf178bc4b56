import { TeamOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CaseDetail } from '../../api/http.ts';
import { useClient, useSession } from '../../components/session.tsx';
import { MediationDialog } from './MediationDialog.tsx';
import type { DisputeType, MediationDetail } from './mediation-data.ts';
import { NEW_RESPONDENT, PartiesFields, type PartyValues, partiesBody } from './PartiesFields.tsx';
import { DisputeFields } from './RegisterDialog.tsx';

/** The dispute type a category suggests: the mediator may change it. */
const TYPE_OF_CATEGORY: Record<string, DisputeType> = {
  DI01: 'neighbour',
  DI02: 'family',
  DI03: 'commercial',
  LB02: 'labour',
};

/** A dispute case (group DI, or LB02) the user's organisation is handling: it may go to people's mediation. */
export function mayMediate(detail: CaseDetail, canRegister: boolean): boolean {
  const code = detail.category?.code ?? '';
  const dispute = code.startsWith('DI') || code === 'LB02';
  const handling = detail.abilities.sign || detail.abilities.resolve;
  return (
    canRegister && dispute && handling && (detail.status === 'dispatched' || detail.status === 'accepted')
  );
}

interface Values {
  disputeType: DisputeType;
  facts?: string;
  claims: string;
  parties: PartyValues[];
}

/**
 * 「转人民调解」 on a dispute case sent to a mediation organisation: opens a mediation case there, the
 * reporter as applicant. The organisation signs for the case by taking it on; the mediation's outcome
 * resolves it later.
 */
export function OpenFromCaseButton({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('mediation');
  const session = useSession();
  const client = useClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  if (!mayMediate(detail, session.can('mediation.register'))) return null;
  const r = detail.reporter;
  // The reporter who phoned in becomes the applicant as the one Person they are, when the case names them.
  const known = r !== null && !r.anonymous && r.name !== null;
  const applicant: PartyValues = known
    ? { role: 'applicant', name: '', caseReporter: true }
    : { role: 'applicant', name: '', address: detail.address ?? undefined };
  return (
    <>
      <Button icon={<TeamOutlined />} onClick={() => setOpen(true)}>
        {t('fromCase.button')}
      </Button>
      {open && (
        <MediationDialog<Values, MediationDetail>
          title={t('fromCase.title')}
          width={760}
          doneText={t('done.register')}
          fields={['disputeType', 'facts', 'claims', 'parties', 'caseId']}
          initialValues={{
            disputeType: TYPE_OF_CATEGORY[detail.category?.code ?? ''] ?? 'other',
            facts: detail.description,
            parties: [applicant, NEW_RESPONDENT],
          }}
          onClose={() => setOpen(false)}
          onDone={(m) => navigate(`/admin/mediation/${m.id}`)}
          send={(v) =>
            client.post<MediationDetail>('/api/mediation/from-case', {
              caseId: detail.id,
              disputeType: v.disputeType,
              facts: v.facts?.trim() || undefined,
              claims: v.claims.trim(),
              parties: partiesBody(v.parties),
            })
          }
        >
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('fromCase.hint')} />
          <PartiesFields reporter={known ? r?.name : null} />
          <DisputeFields factsRequired={false} />
        </MediationDialog>
      )}
    </>
  );
}
