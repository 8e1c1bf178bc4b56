import type { MediationDetail } from './mediation-data.ts';

/** What every agreement dialog is given: the case as the user saw it, and what to do after. */
export interface AgreementDialogProps {
  detail: MediationDetail;
  onClose: () => void;
  onDone: (next: MediationDetail) => Promise<void>;
  onStale: () => Promise<void>;
}
