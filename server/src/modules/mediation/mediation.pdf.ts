import { drawAgreement, partyLabels } from './mediation.agreement-pdf.ts';
import type {
  AgreementDocument,
  CaseFileDocument,
  CaseFileEntry,
  FollowUpEntry,
  JudicialConfirmationEntry,
  MediationOutcome,
} from './mediation.documents.ts';
import {
  beijingTime,
  chineseDate,
  DEFAULT_FONT,
  type Doc,
  FONT,
  facts,
  grid,
  INK,
  MARGIN,
  MUTED,
  PAGE,
  paragraph,
  RED,
  section,
  signatures,
  title,
  WIDTH,
  watermark,
  writePdf,
} from './mediation.pdf-layout.ts';

/**
 * The mediation documents as PDF: the agreement on its own, and the case file (卷宗) with a cover, a
 * table of contents and every document of the case in the file's order. Pass the server's
 * REPORT_FONT as `fontPath`; a missing font is the 503 `report.font_missing`.
 */

export interface PdfOptions {
  fontPath?: string;
}

/** The agreement (or the record of an oral agreement) as an A4 PDF in Chinese. */
export function renderAgreementPdf(agreement: AgreementDocument, options: PdfOptions = {}): Promise<Buffer> {
  return writePdf(
    options.fontPath ?? DEFAULT_FONT,
    {
      title: `${agreement.form === 'oral' ? '口头调解协议记录' : '人民调解协议书'}（${agreement.number}）`,
      author: agreement.organisations.lead,
    },
    `${agreement.organisations.lead} · ${agreement.number}`,
    (doc) => {
      drawAgreement(doc, agreement);
      if (agreement.status === 'superseded') watermark(doc, '已替代', RED);
      else if (agreement.status === 'draft') watermark(doc, '草稿', MUTED);
    },
  );
}

const OUTCOME: Record<MediationOutcome, string> = {
  agreement: '调解成功，达成协议',
  no_agreement: '调解不成，终止调解',
  withdrawn: '当事人撤回申请',
  refused: '不予受理',
};

/** The file's order; sessions and investigations share a place and go by time. */
const ORDER: Record<CaseFileEntry['kind'], number> = {
  application: 0,
  acceptance: 1,
  session: 2,
  investigation: 2,
  evidence: 3,
  agreement: 4,
  follow_up: 5,
  judicial_confirmation: 6,
  closing: 7,
};

function entryTime(entry: CaseFileEntry): number {
  if (entry.kind === 'session') return entry.startsAt.getTime();
  if (entry.kind === 'investigation') return entry.at.getTime();
  return 0;
}

/** Entries in the file's order, the given order kept among equals. */
export function fileOrder(entries: CaseFileEntry[]): CaseFileEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        ORDER[a.entry.kind] - ORDER[b.entry.kind] ||
        entryTime(a.entry) - entryTime(b.entry) ||
        a.index - b.index,
    )
    .map(({ entry }) => entry);
}

/** The entry's title and date as the table of contents lists them. */
export function entryHeading(entry: CaseFileEntry): { title: string; date: string } {
  switch (entry.kind) {
    case 'application':
      return { title: entry.form === 'oral' ? '口头申请记录' : '人民调解申请书', date: entry.on };
    case 'acceptance':
      return { title: entry.decision === 'accepted' ? '受理登记' : '不予受理告知书', date: entry.on };
    case 'session':
      return { title: `调解笔录（第${entry.sequence}次）`, date: beijingTime(entry.startsAt).slice(0, -6) };
    case 'investigation':
      return { title: '调查笔录', date: beijingTime(entry.at).slice(0, -6) };
    case 'evidence':
      return { title: '证据材料清单', date: entry.items.at(-1)?.receivedOn ?? '' };
    case 'agreement': {
      const a = entry.agreement;
      const name = a.form === 'oral' ? '口头调解协议记录' : '人民调解协议书';
      return {
        title: `${name}（${a.number}）${a.status === 'superseded' ? '（已被替代）' : ''}`,
        date: a.concludedOn,
      };
    }
    case 'follow_up':
      return { title: '履行情况回访记录', date: entry.on };
    case 'judicial_confirmation':
      return { title: '司法确认情况记录', date: entry.decidedOn ?? entry.appliedOn };
    case 'closing':
      return { title: '结案报告', date: entry.on };
  }
}

/** A date that may already be Chinese (from `beijingTime`) or `YYYY-MM-DD`. */
const showDate = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? chineseDate(date) : date);

const PERFORMANCE: Record<FollowUpEntry['performance'], string> = {
  performed: '已履行完毕',
  partly_performed: '部分履行',
  not_performed: '未履行',
};

const CONFIRMATION: Record<JudicialConfirmationEntry['decision'], string> = {
  pending: '待人民法院审查',
  confirmed: '裁定确认调解协议有效',
  rejected: '裁定驳回申请',
};

const RECORD_SIGNATURES = {
  left: ['被调查人 / 当事人（签名）'],
  right: ['人民调解员（签名）', '记录人（签名）'],
};

/** One document of the file on its own page(s). */
function drawEntry(doc: Doc, entry: CaseFileEntry): void {
  if (entry.kind === 'agreement') {
    drawAgreement(doc, entry.agreement);
    return;
  }
  title(doc, entryHeading(entry).title);
  switch (entry.kind) {
    case 'application':
      facts(doc, [
        ['申请日期', chineseDate(entry.on)],
        ['申请人', entry.applicants.join('、')],
        ['来源', entry.source ?? ''],
        ...(entry.form === 'oral' ? ([['记录人', entry.recordedBy ?? '']] as [string, string][]) : []),
      ]);
      if (entry.form === 'oral')
        paragraph(doc, '申请人口头申请人民调解，人民调解员当场记录如下：', { indent: false });
      section(doc, '纠纷事实');
      paragraph(doc, entry.facts);
      section(doc, '申请事项');
      paragraph(doc, entry.claims);
      if (entry.form === 'oral') signatures(doc, ['申请人（签名或按指印）'], ['记录人（签名）']);
      return;
    case 'acceptance':
      facts(doc, [
        [entry.decision === 'accepted' ? '受理日期' : '决定日期', chineseDate(entry.on)],
        ['决定人', entry.decidedBy],
      ]);
      if (entry.decision === 'accepted') {
        paragraph(doc, '经审查，本纠纷属于人民调解的受案范围，当事人自愿接受调解，决定予以受理。');
        if (entry.reason) paragraph(doc, entry.reason);
      } else {
        section(doc, '不予受理的理由');
        paragraph(doc, entry.reason ?? '');
        section(doc, '告知当事人的其他解决途径');
        paragraph(doc, entry.otherRoutes ?? '');
      }
      return;
    case 'session':
      facts(doc, [
        [
          '时间',
          `${beijingTime(entry.startsAt)}${entry.endsAt ? ` 至 ${beijingTime(entry.endsAt).slice(-5)}` : ''}`,
        ],
        ['地点', entry.place],
        ['人民调解员', entry.mediators.join('、')],
        ['参加人员', entry.attendees.join('、')],
        ['记录人', entry.recordedBy ?? ''],
      ]);
      section(doc, '调解记录');
      paragraph(doc, entry.record);
      signatures(doc, ['参加人员（签名）'], RECORD_SIGNATURES.right);
      return;
    case 'investigation':
      facts(doc, [
        ['时间', beijingTime(entry.at)],
        ['地点', entry.place],
        ['调查人', entry.investigators.join('、')],
        ['被调查人或调查事项', entry.subject],
      ]);
      section(doc, '调查记录');
      paragraph(doc, entry.record);
      signatures(doc, RECORD_SIGNATURES.left, RECORD_SIGNATURES.right);
      return;
    case 'evidence':
      grid(doc, [
        ['序号', '证据名称', '提供人', '收到日期', '说明'].map((text, i) => ({
          text,
          weight: [36, 140, 80, 90, 150][i] as number,
          label: true,
        })),
        ...entry.items.map((item, n) =>
          [
            String(n + 1),
            item.name,
            item.providedBy,
            chineseDate(item.receivedOn),
            item.description ?? '',
          ].map((text, i) => ({
            text,
            weight: [36, 140, 80, 90, 150][i] as number,
            align: i === 0 ? ('center' as const) : undefined,
          })),
        ),
      ]);
      if (entry.items.length === 0) paragraph(doc, '本案无证据材料。');
      return;
    case 'follow_up':
      facts(doc, [
        ['回访日期', chineseDate(entry.on)],
        ['回访人', entry.by],
        ['回访方式', entry.method],
        ['履行情况', PERFORMANCE[entry.performance]],
      ]);
      section(doc, '回访情况');
      paragraph(doc, entry.note);
      return;
    case 'judicial_confirmation':
      facts(doc, [
        ['受理法院', entry.court],
        ['申请日期', chineseDate(entry.appliedOn)],
        ['法院答复', CONFIRMATION[entry.decision]],
        ['裁定日期', entry.decidedOn ? chineseDate(entry.decidedOn) : ''],
        ['文书编号', entry.reference ?? ''],
      ]);
      if (entry.note) paragraph(doc, entry.note);
      return;
    case 'closing':
      facts(doc, [
        ['结案日期', chineseDate(entry.on)],
        ['结案人', entry.by],
        ['调解结果', OUTCOME[entry.outcome]],
      ]);
      section(doc, '调解经过及结果');
      paragraph(doc, entry.summary);
      if (entry.otherRoutes) {
        section(doc, '告知当事人的其他解决途径');
        paragraph(doc, entry.otherRoutes);
      }
      return;
  }
}

function drawCover(doc: Doc, file: CaseFileDocument, documents: number, pages: number): void {
  doc.y = MARGIN.top + 40;
  doc.font(FONT).fontSize(14).fillColor(INK).text(file.organisations.lead, MARGIN.left, doc.y, {
    width: WIDTH,
    align: 'center',
    characterSpacing: 2,
  });
  doc.moveDown(1.2);
  doc
    .fontSize(30)
    .text('人民调解卷宗', MARGIN.left, doc.y, { width: WIDTH, align: 'center', characterSpacing: 8 });
  doc.moveDown(2.5);
  const labels = partyLabels(file.parties);
  const side = (prefix: string) =>
    file.parties
      .filter((_, i) => labels[i]?.startsWith(prefix))
      .map((p) => p.name)
      .join('、');
  facts(doc, [
    ['卷宗编号', file.caseNumber],
    ['纠纷类型', file.disputeType],
    ['申请人', side('申请人')],
    ['被申请人', side('被申请人')],
    ['调解组织', [file.organisations.lead, ...(file.organisations.joint ?? [])].join('、')],
    ['人民调解员', file.mediators.map((m) => m.name).join('、')],
    ['登记日期', chineseDate(file.registeredOn)],
    ['受理日期', file.acceptedOn ? chineseDate(file.acceptedOn) : ''],
    ['结案日期', file.closedOn ? chineseDate(file.closedOn) : ''],
    ['调解结果', file.outcome ? OUTCOME[file.outcome] : '在办'],
    ['卷内文书', `${documents}件，共${pages}页`],
    ['保管期限', file.retention ?? ''],
  ]);
}

const TOC_ROWS = 24;
const TOC_WEIGHTS = [40, 260, 120, 60];

/** The table of contents on the pages kept for it: number, document, date, first page. */
function drawContents(
  doc: Doc,
  rows: { title: string; date: string; page: number }[],
  firstPage: number,
): void {
  for (let start = 0, page = firstPage; start < rows.length || start === 0; start += TOC_ROWS, page += 1) {
    doc.switchToPage(page);
    doc.y = MARGIN.top;
    title(doc, start === 0 ? '卷内目录' : '卷内目录（续）');
    grid(doc, [
      ['序号', '文书名称', '日期', '页号'].map((text, i) => ({
        text,
        weight: TOC_WEIGHTS[i] as number,
        label: true,
      })),
      ...rows.slice(start, start + TOC_ROWS).map((row, n) =>
        [String(start + n + 1), row.title, showDate(row.date), String(row.page)].map((text, i) => ({
          text,
          weight: TOC_WEIGHTS[i] as number,
          align: i === 1 ? ('left' as const) : ('center' as const),
        })),
      ),
    ]);
    if (rows.length === 0) break;
  }
}

/** The case file (卷宗) as one A4 PDF: cover, contents, then every document in the file's order. */
export function renderCaseFilePdf(file: CaseFileDocument, options: PdfOptions = {}): Promise<Buffer> {
  const entries = fileOrder(file.entries);
  return writePdf(
    options.fontPath ?? DEFAULT_FONT,
    { title: `人民调解卷宗（${file.caseNumber}）`, author: file.organisations.lead },
    `人民调解卷宗 ${file.caseNumber}`,
    (doc) => {
      // Cover and contents come first but are written last, once every document's page is known.
      const contentsPages = Math.max(1, Math.ceil(entries.length / TOC_ROWS));
      for (let i = 0; i < contentsPages; i += 1) doc.addPage();
      const rows = entries.map((entry) => {
        doc.addPage();
        const page = doc.bufferedPageRange().count;
        drawEntry(doc, entry);
        if (entry.kind === 'agreement' && entry.agreement.status === 'superseded') {
          watermark(doc, '已替代', RED, page - 1);
        }
        return { ...entryHeading(entry), page };
      });
      drawContents(doc, rows, 1);
      doc.switchToPage(0);
      drawCover(doc, file, entries.length, doc.bufferedPageRange().count);
      doc.y = PAGE.height - MARGIN.bottom - 20;
      doc
        .fontSize(9)
        .fillColor(MUTED)
        .text(`立卷日期：${chineseDate(file.closedOn ?? null)}`, MARGIN.left, doc.y, {
          width: WIDTH,
          align: 'right',
          lineBreak: false,
        });
    },
  );
}
