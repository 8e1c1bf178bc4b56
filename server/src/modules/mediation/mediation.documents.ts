/**
 * What the mediation documents are made from: the agreement (调解协议书), the case file (卷宗) and the
 * monthly report. The service gathers these from its records; mediation.pdf.ts and mediation.excel.ts
 * lay them out. Everything here is already decided and worded for the page: names and free text as
 * the records hold them, ID numbers and phones as the service chose to show them (whole or masked),
 * dispute types and organisations by their Chinese names. Codes (sex, outcome, document kind) are
 * turned into Chinese by the renderers.
 *
 * Dates are calendar dates in Beijing, `YYYY-MM-DD`; instants are `Date`s, shown in Beijing time.
 */

/** 法定代理人 (a minor's parent, a guardian) or 委托代理人 (a lawyer, a relative, a colleague). */
export type AgentKind = 'legal' | 'entrusted';

/** Someone who acts for a party; listed under the party they represent. */
export interface DocumentAgent {
  kind: AgentKind;
  name: string;
  /** How they stand to the party, or their firm: `之子`, `浙江某某律师事务所律师`. */
  relation?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
}

/** 申请人 / 被申请人; a directly registered case with no applicant side may call both 当事人. */
export type PartySide = 'applicant' | 'respondent';

/**
 * A party's particulars as 人民调解法 第二十九条 asks: name, sex, age, ethnicity, occupation or
 * employer, address, ID number and phone for a person; name, address and the person in charge for an
 * organisation. Anything the party did not give is left out (or null) and shows as a blank to fill.
 */
export interface DocumentParty {
  side: PartySide;
  /** `organisation`: a company, shop, property manager or other body (法人或其他组织). */
  kind: 'person' | 'organisation';
  name: string;
  sex?: 'male' | 'female' | null;
  age?: number | null;
  /** `汉族`, `回族`, … as given. */
  ethnicity?: string | null;
  /** 职业或工作单位, as given. */
  occupation?: string | null;
  address?: string | null;
  /**
   * A person's ID number, an organisation's unified social credit code; as given (the service
   * decides whether it is shown whole).
   */
  idNumber?: string | null;
  phone?: string | null;
  /** An organisation's legal representative or person in charge, with their title: `张三（经理）`. */
  representative?: string | null;
  agents?: DocumentAgent[];
}

/** A mediator as the documents name them. */
export interface DocumentMediator {
  name: string;
  /** The mediator leading the case (主持调解); others are 参与调解. */
  lead?: boolean;
  /** The organisation they mediate for, when the case is mediated jointly by several. */
  organisation?: string | null;
}

/** The organisations mediating; the first is the one leading (and whose seal the agreement bears). */
export interface DocumentOrganisations {
  /** The leading organisation: `鼓楼街道中山社区和好屋`. */
  lead: string;
  /** Others mediating jointly (联合调解), in the order they joined. */
  joint?: string[];
}

/** Another agreement, by its number and date, for "superseded by" and "supersedes" notes. */
export interface AgreementReference {
  number: string;
  concludedOn: string;
}

/**
 * The mediation agreement (调解协议书), or the record of an oral agreement (口头调解协议记录) that the
 * mediator writes down under 第二十八条. The renderer adds the standard notes (legally binding under
 * 第三十一条; judicial confirmation within 30 days under 第三十三条) and the signature and seal places.
 */
export interface AgreementDocument {
  /** The agreement's number: `海中和调协〔2026〕12号`. */
  number: string;
  /** The mediation case it settles. */
  caseNumber: string;
  form: 'written' | 'oral';
  /** draft: not yet signed (printed with a 草稿 mark); signed: in force; superseded: replaced. */
  status: 'draft' | 'signed' | 'superseded';
  organisations: DocumentOrganisations;
  mediators: DocumentMediator[];
  parties: DocumentParty[];
  /** The dispute type as people read it: `邻里纠纷`. */
  disputeType: string;
  /** 纠纷的主要事实. */
  facts: string;
  /** 争议事项: one item per matter in dispute. */
  issues: string[];
  /** 各方当事人的责任: one paragraph per party or a joint finding, as the mediator wrote it. */
  responsibilities: string[];
  /** 达成协议的内容: numbered terms. */
  terms: string[];
  /** 履行方式: how the terms will be performed (by whom, paid how, handed over where). */
  performanceMethod: string;
  /** 履行期限: the last day to perform. */
  performanceDeadline: string;
  /** The day the parties agreed (an oral agreement is in force from it; a written one from signing). */
  concludedOn: string;
  /** Where it was concluded: `中山社区和好屋调解室`. */
  place?: string | null;
  /** When it was signed by every party and the mediator (written) or confirmed (oral); null for a draft. */
  signedOn?: string | null;
  /** Copies made; the default is one per party and one for the organisation. */
  copies?: number | null;
  /** The agreement this one replaces, if any. */
  supersedes?: AgreementReference | null;
  /** The agreement that replaced this one (status `superseded`). */
  supersededBy?: (AgreementReference & { reason?: string | null }) | null;
}

/** A case's outcome; null while the case is open. */
export type MediationOutcome = 'agreement' | 'no_agreement' | 'withdrawn' | 'refused';

/** The application (申请书), or the record of an oral application (口头申请记录). */
export interface ApplicationEntry {
  kind: 'application';
  form: 'written' | 'oral';
  on: string;
  /** Who applied: names of the applicants. */
  applicants: string[];
  /** How the case came: `12345热线转办（编号 GL2026110300012）`, `到和好屋当面申请`. */
  source?: string | null;
  facts: string;
  /** 申请事项 / the claims. */
  claims: string;
  /** Who recorded an oral application. */
  recordedBy?: string | null;
}

/** 受理 or 不予受理: a refusal gives its reason and tells the parties their other routes. */
export interface AcceptanceEntry {
  kind: 'acceptance';
  decision: 'accepted' | 'refused';
  on: string;
  decidedBy: string;
  reason?: string | null;
  /** Other routes the parties were told of (arbitration, litigation, an administrative body). */
  otherRoutes?: string | null;
}

/** A mediation session (调解笔录). */
export interface SessionEntry {
  kind: 'session';
  /** 1 for the first session of the case, 2 for the second, … */
  sequence: number;
  startsAt: Date;
  endsAt?: Date | null;
  place: string;
  mediators: string[];
  /** Everyone present besides the mediators, with how they attend: `李四（被申请人）`. */
  attendees: string[];
  record: string;
  recordedBy?: string | null;
}

/** An investigation (调查笔录): a visit, an inspection, asking a witness. */
export interface InvestigationEntry {
  kind: 'investigation';
  at: Date;
  place: string;
  investigators: string[];
  /** Who was asked or what was inspected. */
  subject: string;
  record: string;
}

/** One piece of evidence kept in the file (attachments by their description). */
export interface EvidenceItem {
  name: string;
  providedBy: string;
  receivedOn: string;
  /** `照片 3 张`, `复印件 2 页`, a note on what it shows. */
  description?: string | null;
}

/** The evidence list (证据材料清单): all evidence of the case, one entry in the file. */
export interface EvidenceEntry {
  kind: 'evidence';
  items: EvidenceItem[];
}

/** An agreement, printed whole in the file, superseded ones included. */
export interface AgreementEntry {
  kind: 'agreement';
  agreement: AgreementDocument;
}

/** A follow-up on performance (履行回访). */
export interface FollowUpEntry {
  kind: 'follow_up';
  on: string;
  by: string;
  /** `电话`, `上门`, … as given. */
  method: string;
  performance: 'performed' | 'partly_performed' | 'not_performed';
  note: string;
}

/** The application to the court for judicial confirmation (司法确认) and its answer. */
export interface JudicialConfirmationEntry {
  kind: 'judicial_confirmation';
  court: string;
  appliedOn: string;
  /** pending until the court answers. */
  decision: 'pending' | 'confirmed' | 'rejected';
  decidedOn?: string | null;
  /** The ruling's number: `（2026）浙0203民特123号`. */
  reference?: string | null;
  note?: string | null;
}

/** The closing note (结案报告): how the case ended. */
export interface ClosingEntry {
  kind: 'closing';
  on: string;
  by: string;
  outcome: Exclude<MediationOutcome, 'refused'>;
  summary: string;
  /** For no agreement: the routes the parties were told of (arbitration, litigation, administrative). */
  otherRoutes?: string | null;
}

export type CaseFileEntry =
  | ApplicationEntry
  | AcceptanceEntry
  | SessionEntry
  | InvestigationEntry
  | EvidenceEntry
  | AgreementEntry
  | FollowUpEntry
  | JudicialConfirmationEntry
  | ClosingEntry;

/**
 * The case file (卷宗). Entries may come in any order: the renderer puts them in the file's order
 * (application, acceptance, sessions and investigations by time, evidence, agreements, follow-ups,
 * judicial confirmation, closing), keeping the given order among equals.
 */
export interface CaseFileDocument {
  caseNumber: string;
  disputeType: string;
  organisations: DocumentOrganisations;
  mediators: DocumentMediator[];
  parties: DocumentParty[];
  registeredOn: string;
  acceptedOn?: string | null;
  closedOn?: string | null;
  outcome: MediationOutcome | null;
  /** 保管期限: `长期`, `10年`; blank when not set. */
  retention?: string | null;
  entries: CaseFileEntry[];
}

/** A ratio with its parts; `rate` is a fraction 0..1, null when nothing was counted. */
export interface DocumentRate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** One row of the monthly report: the cases of one dispute type or one organisation. */
export interface MediationReportRow {
  /** The dispute type's or organisation's name. */
  name: string;
  /** Cases registered in the month. */
  received: number;
  /** Cases closed in the month, by outcome. */
  agreement: number;
  noAgreement: number;
  withdrawn: number;
  refused: number;
  /** Agreements over cases mediated to an end (agreement + no agreement) closed in the month. */
  success: DocumentRate;
  /** Mean days from acceptance to closing of the accepted cases closed in the month; null if none. */
  averageDays: number | null;
  /**
   * 防止纠纷激化: disputes settled that could otherwise have escalated (to a fight, a group petition,
   * a criminal case); the service decides what counts, e.g. agreements on cases that came from a
   * case of the case engine.
   */
  keptFromEscalating: number;
}

/** The monthly mediation report (调解工作月报) of one unit and the organisations under it. */
export interface MediationMonthReport {
  /** `YYYY-MM`. */
  month: string;
  /** The unit the report covers: `鼓楼街道`. */
  unit: string;
  generatedAt: Date;
  total: MediationReportRow;
  byDisputeType: MediationReportRow[];
  byOrganisation: MediationReportRow[];
  /** Cases still open at the end of the month. */
  openAtMonthEnd: number;
}
