import type { StepEventRow } from './case-portal.repo.ts';
import type { PublicCase, PublicStep, PublicStepKind } from './case-portal.schema.ts';
import type { CaseSummaryRow } from './cases.repo.ts';
import { Outcome } from './cases.schema.ts';

/** Which history entries a resident is told about, and as what step. */
function stepOf(e: StepEventRow): PublicStepKind | null {
  switch (e.action) {
    case 'register':
      return 'registered';
    case 'dispatch':
      return 'dispatched';
    case 'sign': // the lead unit's; a co-unit's is `co_sign`
      return 'accepted';
    case 'resolve':
      return 'resolved';
    case 'answer':
      return 'answered';
    case 'reopen':
      return 'reopened';
    case 'callback': // an unanswered callback changes nothing
      return e.to_status === 'closed' ? 'closed' : null;
    case 'auto_close':
      return 'closed';
    case 'merge':
      return 'merged';
    case 'withdraw':
      return 'withdrawn';
    default:
      // Returns, extensions, notes, supervision, reminders: the units' own working, not the resident's news.
      return null;
  }
}

function parseData(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * The steps of a case a resident may be told, oldest first: registered, sent to a unit, signed for,
 * resolved, reopened, closed (or merged, withdrawn). Built from chosen fields of the history only, so
 * no note, name or internal exchange can slip through. `showUnits: false` leaves every unit out.
 */
export function publicSteps(events: StepEventRow[], options: { showUnits: boolean }): PublicStep[] {
  const steps: PublicStep[] = [];
  for (const e of events) {
    const step = stepOf(e);
    if (!step) continue;
    const data = parseData(e.data);
    const outcome = Outcome.safeParse(data.outcome);
    steps.push({
      step,
      at: e.at,
      unit:
        options.showUnits && e.unit_id !== null && step !== 'registered'
          ? {
              id: e.unit_id,
              code: e.unit_code ?? '',
              nameZh: e.unit_name_zh ?? '',
              nameEn: e.unit_name_en ?? '',
            }
          : null,
      outcome:
        step === 'resolved' ? (outcome.success ? outcome.data : null) : step === 'answered' ? 'solved' : null,
      intoTrackingNo: step === 'merged' && typeof data.into === 'string' ? data.into : null,
    });
  }
  return steps;
}

/** A case as anyone with its tracking number sees it (see PublicCase). */
export function presentPublicCase(
  summary: CaseSummaryRow,
  events: StepEventRow[],
  options: { showUnits: boolean } = { showUnits: summary.sensitive !== 1 },
): PublicCase {
  const handled = summary.status === 'dispatched' || summary.status === 'accepted';
  const open = options.showUnits;
  return {
    trackingNo: summary.tracking_no,
    status: summary.status,
    category:
      open && summary.category_code !== null
        ? {
            code: summary.category_code,
            nameZh: summary.category_name_zh ?? '',
            nameEn: summary.category_name_en ?? '',
          }
        : null,
    registeredAt: summary.registered_at,
    handlingUnit:
      open && summary.lead_unit_id !== null && summary.lead_code !== null
        ? {
            id: summary.lead_unit_id,
            code: summary.lead_code,
            nameZh: summary.lead_name_zh ?? '',
            nameEn: summary.lead_name_en ?? '',
          }
        : null,
    dueAt: handled ? summary.resolve_due_at : null,
    steps: publicSteps(events, options),
  };
}
