import type { AgreementDocument, DocumentAgent, DocumentParty, PartySide } from './mediation.documents.ts';
import {
  addDays,
  type Cell,
  chineseDate,
  type Doc,
  ensureRoom,
  FONT,
  grid,
  INK,
  MARGIN,
  MUTED,
  notice,
  numbered,
  paragraph,
  RED,
  sealPlace,
  section,
  signatures,
  splitLine,
  title,
  WIDTH,
} from './mediation.pdf-layout.ts';

/**
 * The agreement's pages (人民调解法 第二十八条、第二十九条): the parties' particulars, the facts, the
 * matters in dispute and each side's responsibility, the terms, how and by when they are performed,
 * the standard notes, and the places where every party and mediator signs and the organisation seals.
 */

const SIDE: Record<PartySide, string> = { applicant: '申请人', respondent: '被申请人' };
const AGENT: Record<DocumentAgent['kind'], string> = { legal: '法定代理人', entrusted: '委托代理人' };
const SEX = { male: '男', female: '女' } as const;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** What a blank shows: nothing, so the line can be filled in by hand. */
const given = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === '' ? '' : String(value);

/** `申请人`, or `申请人一`, `申请人二` when a side has several parties. */
export function partyLabels(parties: DocumentParty[]): string[] {
  const count = (side: PartySide) => parties.filter((p) => p.side === side).length;
  const seen: Record<PartySide, number> = { applicant: 0, respondent: 0 };
  return parties.map((p) => {
    seen[p.side] += 1;
    return count(p.side) > 1 ? `${SIDE[p.side]}${NUMERALS[seen[p.side] - 1] ?? seen[p.side]}` : SIDE[p.side];
  });
}

function agentRows(agents: DocumentAgent[]): Cell[][] {
  return agents.flatMap((a) => {
    const who = a.relation ? `${a.name}（${a.relation}）` : a.name;
    const rows: Cell[][] = [
      [
        { text: AGENT[a.kind], weight: 72, label: true },
        { text: who, weight: 233 },
        { text: '联系电话', weight: 72, label: true },
        { text: given(a.phone), weight: 118 },
      ],
    ];
    if (a.idNumber || a.address)
      rows.push([
        { text: '代理人身份证号码', weight: 72, label: true },
        { text: given(a.idNumber), weight: 233 },
        { text: '住址', weight: 72, label: true },
        { text: given(a.address), weight: 118 },
      ]);
    return rows;
  });
}

/** One party's particulars as a ruled grid, their agents under them. */
function partyGrid(doc: Doc, party: DocumentParty, label: string): void {
  const rows: Cell[][] =
    party.kind === 'person'
      ? [
          [
            { text: label, weight: 72, label: true },
            { text: party.name, weight: 108 },
            { text: '性别', weight: 40, label: true },
            { text: party.sex ? SEX[party.sex] : '', weight: 45 },
            { text: '年龄', weight: 40, label: true },
            { text: party.age === null || party.age === undefined ? '' : `${party.age}岁`, weight: 45 },
            { text: '民族', weight: 40, label: true },
            { text: given(party.ethnicity), weight: 105 },
          ],
          [
            { text: '职业或工作单位', weight: 72, label: true },
            { text: given(party.occupation), weight: 233 },
            { text: '联系电话', weight: 72, label: true },
            { text: given(party.phone), weight: 118 },
          ],
          [
            { text: '身份证号码', weight: 72, label: true },
            { text: given(party.idNumber), weight: 423 },
          ],
          [
            { text: '住址', weight: 72, label: true },
            { text: given(party.address), weight: 423 },
          ],
        ]
      : [
          [
            { text: label, weight: 72, label: true },
            { text: party.name, weight: 233 },
            { text: '联系电话', weight: 72, label: true },
            { text: given(party.phone), weight: 118 },
          ],
          [
            { text: '法定代表人或负责人', weight: 72, label: true },
            { text: given(party.representative), weight: 233 },
            { text: '统一社会信用代码', weight: 72, label: true },
            { text: given(party.idNumber), weight: 118 },
          ],
          [
            { text: '住所地', weight: 72, label: true },
            { text: given(party.address), weight: 423 },
          ],
        ];
  const agents = party.agents ?? [];
  ensureRoom(doc, 24 * (rows.length + agents.length));
  grid(doc, [...rows, ...agentRows(agents)]);
}

/** The organisations and mediators: `主持调解：…；联合调解：…`. */
function mediatedBy(agreement: AgreementDocument): string {
  const { lead, joint = [] } = agreement.organisations;
  const mediators = agreement.mediators
    .map((m) => `${m.name}${m.lead ? '（主持）' : ''}${m.organisation ? `（${m.organisation}）` : ''}`)
    .join('、');
  return [
    `调解组织：${lead}${joint.length > 0 ? `（牵头），联合调解单位：${joint.join('、')}` : ''}`,
    `人民调解员：${mediators}`,
    `达成协议日期：${chineseDate(agreement.concludedOn)}${agreement.place ? `　调解地点：${agreement.place}` : ''}`,
  ].join('\n');
}

/** The day the agreement takes effect: signing for a written one, agreeing for an oral one (第三十条). */
function effectiveOn(agreement: AgreementDocument): string | null {
  return agreement.form === 'oral' ? agreement.concludedOn : (agreement.signedOn ?? null);
}

function standardNotes(agreement: AgreementDocument): string[] {
  const effective = effectiveOn(agreement);
  const partyCount = agreement.parties.length;
  const copies = agreement.copies ?? partyCount + 1;
  const window = effective ? `，即${chineseDate(addDays(effective, 30))}前` : '';
  return [
    agreement.form === 'oral'
      ? `本口头调解协议自各方当事人达成协议之日（${chineseDate(agreement.concludedOn)}）起生效，人民调解员已记录协议内容（《中华人民共和国人民调解法》第二十八条、第三十条）。`
      : '本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解组织印章之日起生效（《中华人民共和国人民调解法》第二十九条）。',
    '经人民调解组织调解达成的调解协议，具有法律约束力，当事人应当按照约定履行（《中华人民共和国人民调解法》第三十一条）。',
    `双方当事人认为有必要的，可以自调解协议生效之日起三十日内${window}，共同向人民法院申请司法确认；人民法院依法确认调解协议有效，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行（《中华人民共和国人民调解法》第三十三条）。`,
    '当事人之间就调解协议的履行或者调解协议的内容发生争议的，一方当事人可以向人民法院提起诉讼（《中华人民共和国人民调解法》第三十二条）。',
    agreement.form === 'oral'
      ? '本记录由人民调解组织存档，当事人可以查阅、复制。'
      : `本协议一式${copies}份，当事人各执一份，人民调解组织留存一份。`,
  ];
}

/** Signature places for every party and agent, every mediator, then the seals and the date. */
function signaturePlaces(doc: Doc, agreement: AgreementDocument): void {
  const labels = partyLabels(agreement.parties);
  const oral = agreement.form === 'oral';
  const partySign = oral ? '（确认签名或按指印）' : '（签名、盖章或按指印）';
  const left = agreement.parties.flatMap((p, i) => [
    `${labels[i]} ${p.name}${partySign}`,
    ...(p.agents ?? []).map((a) => `${AGENT[a.kind]} ${a.name}（签名）`),
  ]);
  const right = [
    ...agreement.mediators.map((m) => `人民调解员 ${m.name}（签名）`),
    ...(oral ? ['记录人（签名）'] : []),
  ];
  doc
    .fontSize(10.5)
    .fillColor(MUTED)
    .text('（以下无正文）', MARGIN.left, doc.y + 4, { width: WIDTH, align: 'center' });
  doc.fillColor(INK);
  // The seals go in the right column under the mediators, two to a row, the date under them.
  const organisations = [agreement.organisations.lead, ...(agreement.organisations.joint ?? [])];
  const sealRows = Math.ceil(organisations.length / 2);
  const sealHeight = 24 + sealRows * 92 + 24;
  section(doc, '当事人及人民调解员签名', Math.max(left.length * 44, right.length * 44 + sealHeight));
  const ends = signatures(doc, left, right, sealHeight);
  const x = MARGIN.left + WIDTH / 2 + 10;
  const column = WIDTH / 2 - 10;
  doc
    .font(FONT)
    .fontSize(10)
    .fillColor(MUTED)
    .text('调解组织（盖章）', x, ends.right, { width: column, stroke: false });
  organisations.forEach((name, i) => {
    const cy = ends.right + 24 + Math.floor(i / 2) * 92 + 44;
    const alone = i % 2 === 0 && i === organisations.length - 1;
    sealPlace(doc, x + (column / 4) * (alone ? 2 : i % 2 === 0 ? 1 : 3), cy, name);
  });
  const dateY = ends.right + sealHeight - 20;
  doc
    .fontSize(10.5)
    .fillColor(INK)
    .text(chineseDate(agreement.signedOn ?? (oral ? agreement.concludedOn : null)), x, dateY, {
      width: column,
      align: 'center',
      stroke: false,
    });
  doc.y = Math.max(ends.left, dateY + 20);
  doc.x = MARGIN.left;
}

/** Lays the agreement out from the current page on; the caller starts the page. */
export function drawAgreement(doc: Doc, agreement: AgreementDocument): void {
  const oral = agreement.form === 'oral';
  title(
    doc,
    oral ? '口头调解协议记录' : '人民调解协议书',
    oral ? '（口头协议：当事人认为无需制作调解协议书，由人民调解员记录协议内容）' : undefined,
  );
  splitLine(
    doc,
    `纠纷类型：${agreement.disputeType}　案件编号：${agreement.caseNumber}`,
    `编号：${agreement.number}`,
  );
  if (agreement.status === 'superseded') {
    const by = agreement.supersededBy;
    notice(
      doc,
      by
        ? `本协议已被替代：由编号 ${by.number} 的调解协议（${chineseDate(by.concludedOn)}达成）替代，不再履行。${by.reason ? `替代原因：${by.reason}` : ''}`
        : '本协议已被替代，不再履行。',
      RED,
    );
  } else if (agreement.status === 'draft') {
    notice(doc, '草稿：本协议尚未经当事人及人民调解员签署，不发生效力。', MUTED);
  }
  if (agreement.supersedes)
    notice(
      doc,
      `本协议替代编号 ${agreement.supersedes.number} 的调解协议（${chineseDate(agreement.supersedes.concludedOn)}达成），原协议不再履行。`,
      MUTED,
    );
  section(doc, '当事人基本情况');
  const labels = partyLabels(agreement.parties);
  agreement.parties.forEach((party, i) => {
    partyGrid(doc, party, labels[i] as string);
  });
  paragraph(doc, mediatedBy(agreement), { indent: false });
  const sections: [string, () => void][] = [
    ['纠纷的主要事实', () => paragraph(doc, agreement.facts)],
    ['争议事项', () => numbered(doc, agreement.issues)],
    [
      '各方当事人的责任',
      () => {
        for (const r of agreement.responsibilities) paragraph(doc, r);
      },
    ],
    [
      oral ? '经调解，各方当事人口头达成如下协议' : '经调解，各方当事人自愿达成如下协议',
      () => numbered(doc, agreement.terms),
    ],
    [
      '履行协议的方式和期限',
      () => {
        paragraph(doc, `履行方式：${agreement.performanceMethod}`);
        paragraph(doc, `履行期限：${chineseDate(agreement.performanceDeadline)}前履行完毕。`);
      },
    ],
    ['其他事项', () => numbered(doc, standardNotes(agreement))],
  ];
  sections.forEach(([heading, body], i) => {
    section(doc, `${NUMERALS[i]}、${heading}`);
    body();
  });
  signaturePlaces(doc, agreement);
}
