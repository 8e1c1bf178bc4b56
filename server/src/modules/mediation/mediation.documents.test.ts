import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type {
  AgreementDocument,
  CaseFileDocument,
  CaseFileEntry,
  MediationMonthReport,
  MediationReportRow,
} from './mediation.documents.ts';
import { monthlyReportXlsx } from './mediation.excel.ts';
import { renderAgreementPdf, renderCaseFilePdf } from './mediation.pdf.ts';

/** Each page's pieces of text as pdfkit wrote them (a table cell, a line). */
async function pdfItems(body: Buffer): Promise<string[][]> {
  const pdf = await getDocument({ data: new Uint8Array(body), useSystemFonts: false }).promise;
  const pages: string[][] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).filter((s) => s.trim() !== ''));
  }
  await pdf.destroy();
  return pages;
}

/** Each page's text with the breaks pdfkit made removed, so wrapped sentences read whole. */
async function pdfPages(body: Buffer): Promise<string[]> {
  return (await pdfItems(body)).map((items) => items.join('').replace(/\s+/g, ''));
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Asserts every needle is in the text, each named in the failure. */
function expectAll(text: string, needles: string[]): void {
  for (const needle of needles) expect(text, needle).toContain(squash(needle));
}

// A neighbour dispute phoned into the help line and settled at the community's reconciliation room.
const agreement: AgreementDocument = {
  number: '中山和调协〔2026〕12号',
  caseNumber: 'TJ2026110012',
  form: 'written',
  status: 'signed',
  organisations: { lead: '鼓楼街道中山社区和好屋', joint: ['鼓楼街道社会治理中心'] },
  mediators: [
    { name: '王丽华', lead: true },
    { name: '陈志强', organisation: '鼓楼街道社会治理中心' },
  ],
  parties: [
    {
      side: 'applicant',
      kind: 'person',
      name: '张建国',
      sex: 'male',
      age: 58,
      ethnicity: '汉族',
      occupation: '宁波市第三中学退休教师',
      address: '浙江省宁波市海曙区中山西路88弄3号302室',
      idNumber: '330203196803150017',
      phone: '13805740001',
      agents: [{ kind: 'entrusted', name: '张晓明', relation: '之子', phone: '13805740002' }],
    },
    {
      side: 'respondent',
      kind: 'person',
      name: '李秀英',
      sex: 'female',
      age: 41,
      ethnicity: '回族',
      occupation: '个体经营',
      address: '浙江省宁波市海曙区中山西路88弄3号402室',
      idNumber: '330203198504200028',
      phone: '13905740003',
    },
    {
      side: 'respondent',
      kind: 'organisation',
      name: '宁波安居物业管理有限公司',
      representative: '赵明（经理）',
      address: '浙江省宁波市海曙区中山西路90号',
      phone: '0574-87650000',
    },
  ],
  disputeType: '邻里纠纷',
  facts:
    '2026年10月起，被申请人李秀英家卫生间防水层老化，楼下申请人张建国家卫生间及过道吊顶反复渗水，墙面霉变。申请人多次上门协商未果，于2026年11月3日拨打12345热线反映。',
  issues: ['渗水的原因及维修责任', '申请人吊顶及墙面损失的赔偿数额', '物业公司是否承担协助义务'],
  responsibilities: [
    '被申请人李秀英对其卫生间防水层负有维修义务，对渗水造成的损失承担主要责任。',
    '被申请人宁波安居物业管理有限公司未及时排查公共管道，负有协助维修的次要责任。',
  ],
  terms: [
    '李秀英于2026年12月10日前自行委托施工单位重做卫生间防水层，并经闭水试验合格。',
    '李秀英一次性赔偿张建国吊顶及墙面修复费用人民币叁仟伍佰元整（¥3,500）。',
    '宁波安居物业管理有限公司派员协助排查公共管道，并承担检测费用。',
  ],
  performanceMethod:
    '赔偿款由李秀英通过银行转账一次性支付至张建国本人账户；防水施工完成后由社区和好屋组织双方验收。',
  performanceDeadline: '2026-12-15',
  concludedOn: '2026-11-20',
  place: '中山社区和好屋调解室',
  signedOn: '2026-11-20',
};

describe('mediation agreement PDF', () => {
  it('shows every element the People’s Mediation Law asks for, in Chinese, with signature and seal places', async () => {
    const body = await renderAgreementPdf(agreement);
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    // The CJK font is embedded, not referenced.
    expect(body.toString('latin1')).toContain('FontFile2');
    const pages = await pdfPages(body);
    const text = pages.join('');
    expectAll(text, [
      '人民调解协议书',
      '编号：中山和调协〔2026〕12号',
      '案件编号：TJ2026110012',
      '纠纷类型：邻里纠纷',
      // The parties' particulars.
      '申请人张建国',
      '性别男',
      '年龄58岁',
      '民族汉族',
      '职业或工作单位宁波市第三中学退休教师',
      '联系电话13805740001',
      '身份证号码330203196803150017',
      '住址浙江省宁波市海曙区中山西路88弄3号302室',
      '委托代理人张晓明（之子）',
      '被申请人一李秀英',
      '性别女',
      '民族回族',
      '330203198504200028',
      '被申请人二宁波安居物业管理有限公司',
      '法定代表人或负责人赵明（经理）',
      '住所地浙江省宁波市海曙区中山西路90号',
      // Organisation, mediators, date.
      '调解组织：鼓楼街道中山社区和好屋（牵头），联合调解单位：鼓楼街道社会治理中心',
      '人民调解员：王丽华（主持）、陈志强（鼓楼街道社会治理中心）',
      '达成协议日期：2026年11月20日',
      // Facts, issues, responsibilities, terms, performance.
      '纠纷的主要事实',
      agreement.facts,
      '争议事项',
      ...agreement.issues,
      '各方当事人的责任',
      ...agreement.responsibilities,
      '经调解，各方当事人自愿达成如下协议',
      ...agreement.terms,
      '履行协议的方式和期限',
      `履行方式：${agreement.performanceMethod}`,
      '履行期限：2026年12月15日前履行完毕',
      // The standard notes.
      '具有法律约束力',
      '可以自调解协议生效之日起三十日内，即2026年12月20日前，共同向人民法院申请司法确认',
      '本协议一式4份',
      // Signature places for every party, agent and mediator; the seals.
      '申请人张建国（签名、盖章或按指印）',
      '委托代理人张晓明（签名）',
      '被申请人一李秀英（签名、盖章或按指印）',
      '被申请人二宁波安居物业管理有限公司（签名、盖章或按指印）',
      '人民调解员王丽华（签名）',
      '人民调解员陈志强（签名）',
      '（印章）',
      '调解组织（盖章）',
      '2026年11月20日',
    ]);
    expect(text).not.toContain('口头');
    expect(text).not.toContain('草稿');
    // Page numbers on every page.
    pages.forEach((page, i) => {
      expect(page).toContain(`第${i + 1}页/共${pages.length}页`);
    });
  });

  it('records an oral agreement as such', async () => {
    const oral: AgreementDocument = {
      ...agreement,
      form: 'oral',
      number: '中山和调口〔2026〕3号',
      signedOn: null,
    };
    const text = (await pdfPages(await renderAgreementPdf(oral))).join('');
    expectAll(text, [
      '口头调解协议记录',
      '口头协议：当事人认为无需制作调解协议书，由人民调解员记录协议内容',
      '经调解，各方当事人口头达成如下协议',
      '本口头调解协议自各方当事人达成协议之日（2026年11月20日）起生效',
      '三十日内，即2026年12月20日前',
      '申请人张建国（确认签名或按指印）',
      '记录人（签名）',
      '（印章）',
      ...agreement.terms,
    ]);
    expect(text).not.toContain('人民调解协议书');
  });

  it('marks a superseded agreement and names the one that replaced it', async () => {
    const old: AgreementDocument = {
      ...agreement,
      status: 'superseded',
      supersededBy: {
        number: '中山和调协〔2026〕15号',
        concludedOn: '2026-11-28',
        reason: '赔偿数额经双方重新协商变更',
      },
    };
    const text = (await pdfPages(await renderAgreementPdf(old))).join('');
    expectAll(text, [
      '本协议已被替代：由编号中山和调协〔2026〕15号的调解协议（2026年11月28日达成）替代，不再履行。',
      '替代原因：赔偿数额经双方重新协商变更',
      '已替代',
    ]);
    const next: AgreementDocument = {
      ...agreement,
      number: '中山和调协〔2026〕15号',
      supersedes: { number: agreement.number, concludedOn: agreement.concludedOn },
    };
    expectAll((await pdfPages(await renderAgreementPdf(next))).join(''), [
      '本协议替代编号中山和调协〔2026〕12号的调解协议（2026年11月20日达成），原协议不再履行。',
    ]);
  });

  it('marks a draft as not in force and leaves the dates to fill', async () => {
    const draft: AgreementDocument = { ...agreement, status: 'draft', signedOn: null };
    const text = (await pdfPages(await renderAgreementPdf(draft))).join('');
    expectAll(text, [
      '草稿：本协议尚未经当事人及人民调解员签署，不发生效力。',
      '三十日内，共同向人民法院申请司法确认',
    ]);
  });

  it('leaves blanks to fill by hand for what a party did not give', async () => {
    const bare: AgreementDocument = {
      ...agreement,
      organisations: { lead: '鼓楼街道中山社区和好屋' },
      mediators: [{ name: '王丽华' }],
      parties: [
        { side: 'applicant', kind: 'person', name: '张建国' },
        { side: 'respondent', kind: 'person', name: '李秀英' },
      ],
      place: null,
      signedOn: null,
    };
    const text = (await pdfPages(await renderAgreementPdf(bare))).join('');
    expectAll(text, [
      '申请人张建国性别年龄民族',
      '被申请人李秀英性别',
      '调解组织：鼓楼街道中山社区和好屋人民调解员：王丽华',
      '本协议一式3份',
      '申请人张建国（签名、盖章或按指印）',
      '被申请人李秀英（签名、盖章或按指印）',
      '人民调解员王丽华（签名）',
      '（印章）',
      '年月日',
    ]);
    expect(text).not.toContain('undefined');
    expect(text).not.toContain('null');
  });

  it('says which font is missing', async () => {
    await expect(renderAgreementPdf(agreement, { fontPath: '/nonexistent/cjk.ttc' })).rejects.toMatchObject({
      code: 'report.font_missing',
    });
  });
});

const at = (iso: string) => new Date(iso);

// Entries given out of order: the file puts them in order.
const entries: CaseFileEntry[] = [
  {
    kind: 'closing',
    on: '2026-12-16',
    by: '王丽华',
    outcome: 'agreement',
    summary: '经两次调解，双方达成书面调解协议，协议已履行完毕，结案。',
  },
  {
    kind: 'session',
    sequence: 2,
    startsAt: at('2026-11-20T01:30:00Z'),
    endsAt: at('2026-11-20T03:00:00Z'),
    place: '中山社区和好屋调解室',
    mediators: ['王丽华', '陈志强'],
    attendees: ['张建国（申请人）', '李秀英（被申请人）', '赵明（物业公司）'],
    record: '双方就赔偿数额达成一致，物业公司同意协助排查。',
    recordedBy: '陈志强',
  },
  {
    kind: 'follow_up',
    on: '2026-12-16',
    by: '王丽华',
    method: '上门',
    performance: 'performed',
    note: '防水已重做并验收，赔偿款已支付。',
  },
  { kind: 'agreement', agreement },
  {
    kind: 'investigation',
    at: at('2026-11-12T06:00:00Z'),
    place: '中山西路88弄3号302室、402室',
    investigators: ['王丽华'],
    subject: '渗水现场',
    record: '302室卫生间吊顶可见水渍约1.5平方米，402室卫生间地面瓷砖缝隙开裂。',
  },
  {
    kind: 'application',
    form: 'oral',
    on: '2026-11-05',
    applicants: ['张建国'],
    source: '12345热线转办（编号GL2026110300012）',
    facts: agreement.facts,
    claims: '请求楼上住户修复防水并赔偿损失。',
    recordedBy: '王丽华',
  },
  {
    kind: 'session',
    sequence: 1,
    startsAt: at('2026-11-10T06:00:00Z'),
    place: '中山社区和好屋调解室',
    mediators: ['王丽华'],
    attendees: ['张建国（申请人）', '李秀英（被申请人）'],
    record: '双方陈述意见，对赔偿数额分歧较大。',
  },
  { kind: 'acceptance', decision: 'accepted', on: '2026-11-05', decidedBy: '王丽华' },
  {
    kind: 'evidence',
    items: [
      { name: '渗水现场照片', providedBy: '张建国', receivedOn: '2026-11-05', description: '照片6张' },
      { name: '吊顶维修报价单', providedBy: '张建国', receivedOn: '2026-11-10', description: '原件1页' },
    ],
  },
  {
    kind: 'judicial_confirmation',
    court: '宁波市海曙区人民法院',
    appliedOn: '2026-11-25',
    decision: 'confirmed',
    decidedOn: '2026-12-02',
    reference: '（2026）浙0203民特123号',
  },
];

const caseFile: CaseFileDocument = {
  caseNumber: 'TJ2026110012',
  disputeType: '邻里纠纷',
  organisations: agreement.organisations,
  mediators: agreement.mediators,
  parties: agreement.parties,
  registeredOn: '2026-11-05',
  acceptedOn: '2026-11-05',
  closedOn: '2026-12-16',
  outcome: 'agreement',
  retention: '长期',
  entries,
};

const FILE_ORDER = [
  '口头申请记录',
  '受理登记',
  '调解笔录（第1次）',
  '调查笔录',
  '调解笔录（第2次）',
  '证据材料清单',
  '人民调解协议书（中山和调协〔2026〕12号）',
  '履行情况回访记录',
  '司法确认情况记录',
  '结案报告',
];

describe('mediation case file PDF', () => {
  it('has a cover, a table of contents and every document in the file’s order', async () => {
    const items = await pdfItems(await renderCaseFilePdf(caseFile));
    const pages = items.map((page) => squash(page.join('')));
    const [cover = '', contents = ''] = pages;
    expectAll(cover, [
      '鼓楼街道中山社区和好屋',
      '人民调解卷宗',
      '卷宗编号TJ2026110012',
      '纠纷类型邻里纠纷',
      '申请人张建国',
      '被申请人李秀英、宁波安居物业管理有限公司',
      '调解组织鼓楼街道中山社区和好屋、鼓楼街道社会治理中心',
      '人民调解员王丽华、陈志强',
      '登记日期2026年11月5日',
      '结案日期2026年12月16日',
      '调解结果调解成功，达成协议',
      `卷内文书10件，共${pages.length}页`,
      '保管期限长期',
    ]);
    expect(contents).toContain('卷内目录');
    // The contents list the documents in order (number, title, date, page), each on the page it names.
    const cells = items[1] ?? [];
    let last = 2;
    FILE_ORDER.forEach((title, i) => {
      const at = cells.indexOf(title);
      expect(at, title).toBeGreaterThan(0);
      expect(cells[at - 1], title).toBe(String(i + 1));
      expect(cells[at + 1], title).toMatch(/^\d{4}年\d+月\d+日$/);
      const page = Number(cells[at + 2]);
      expect(page, title).toBeGreaterThan(last);
      last = page;
      expect(pages[page - 1]?.startsWith(squash(title).replace(/（中山.*$/, '')), title).toBe(true);
    });
    const body = pages.slice(2).join('');
    expectAll(body, [
      '申请人口头申请人民调解，人民调解员当场记录如下',
      '12345热线转办（编号GL2026110300012）',
      '经审查，本纠纷属于人民调解的受案范围',
      '时间2026年11月20日09:30至11:00',
      '双方就赔偿数额达成一致',
      '被调查人或调查事项渗水现场',
      '1渗水现场照片张建国2026年11月5日照片6张',
      '履行情况已履行完毕',
      '法院答复裁定确认调解协议有效',
      '（2026）浙0203民特123号',
      '调解结果调解成功，达成协议',
      '具有法律约束力',
    ]);
  });

  it('continues the contents on a second page when a case has many documents', async () => {
    const followUps: CaseFileEntry[] = Array.from({ length: 30 }, (_, i) => ({
      kind: 'follow_up',
      on: `2026-12-${String(i + 1).padStart(2, '0')}`,
      by: '王丽华',
      method: '电话',
      performance: 'partly_performed',
      note: `第${i + 1}次回访：赔偿款已部分支付。`,
    }));
    const items = await pdfItems(
      await renderCaseFilePdf({ ...caseFile, entries: [...entries, ...followUps] }),
    );
    const pages = items.map((page) => squash(page.join('')));
    expect(pages[1]).toContain('卷内目录');
    expect(pages[2]).toContain('卷内目录（续）');
    expectAll(pages[0] ?? '', [`卷内文书40件，共${pages.length}页`]);
    // The 40th document (the closing note) is on the last page and listed on the second contents page.
    const cells = items[2] ?? [];
    const closing = cells.indexOf('结案报告');
    expect(cells[closing - 1]).toBe('40');
    expect(Number(cells[closing + 2])).toBe(pages.length);
    expect(pages.at(-1)?.startsWith('结案报告')).toBe(true);
  });

  it('files a refusal with its reason and the routes the parties were told of', async () => {
    const refused: CaseFileDocument = {
      ...caseFile,
      outcome: 'refused',
      acceptedOn: null,
      closedOn: '2026-11-06',
      entries: [
        {
          kind: 'acceptance',
          decision: 'refused',
          on: '2026-11-06',
          decidedBy: '王丽华',
          reason: '该纠纷已由人民法院受理。',
          otherRoutes: '可继续通过诉讼程序解决。',
        },
        { ...(entries[5] as CaseFileEntry) },
      ],
    };
    const pages = await pdfPages(await renderCaseFilePdf(refused));
    expectAll(pages[0] ?? '', ['调解结果不予受理']);
    expectAll(pages[1] ?? '', ['1口头申请记录', '2不予受理告知书']);
    expectAll(pages.join(''), [
      '不予受理的理由该纠纷已由人民法院受理。',
      '告知当事人的其他解决途径可继续通过诉讼程序解决。',
    ]);
  });
});

const row = (name: string, r: Partial<MediationReportRow>): MediationReportRow => ({
  name,
  received: 0,
  agreement: 0,
  noAgreement: 0,
  withdrawn: 0,
  refused: 0,
  success: { numerator: 0, denominator: 0, rate: null },
  averageDays: null,
  keptFromEscalating: 0,
  ...r,
});

const report: MediationMonthReport = {
  month: '2026-11',
  unit: '鼓楼街道',
  generatedAt: new Date('2026-12-01T01:00:00Z'),
  total: row('合计', {
    received: 12,
    agreement: 7,
    noAgreement: 2,
    withdrawn: 1,
    refused: 1,
    success: { numerator: 7, denominator: 9, rate: 0.7778 },
    averageDays: 11.36,
    keptFromEscalating: 5,
  }),
  byDisputeType: [
    row('邻里纠纷', {
      received: 8,
      agreement: 5,
      noAgreement: 1,
      success: { numerator: 5, denominator: 6, rate: 0.8333 },
      averageDays: 9.5,
      keptFromEscalating: 4,
    }),
    row('婚姻家庭纠纷', {
      received: 4,
      agreement: 2,
      noAgreement: 1,
      withdrawn: 1,
      refused: 1,
      success: { numerator: 2, denominator: 3, rate: 0.6667 },
      averageDays: 15.1,
      keptFromEscalating: 1,
    }),
  ],
  byOrganisation: [
    row('鼓楼街道中山社区和好屋', {
      received: 12,
      agreement: 7,
      noAgreement: 2,
      withdrawn: 1,
      refused: 1,
      success: { numerator: 7, denominator: 9, rate: 0.7778 },
      averageDays: 11.36,
      keptFromEscalating: 5,
    }),
    row('天一商圈联合调解中心', {}),
  ],
  openAtMonthEnd: 3,
};

describe('monthly mediation report workbook', () => {
  it('has the figures by dispute type, organisation and outcome, read back as written', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await monthlyReportXlsx(report)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '按纠纷类型', '按调解组织', '按调解结果']);

    const summary = wb.getWorksheet('汇总') as ExcelJS.Worksheet;
    expect(summary.getCell('A1').value).toBe('鼓楼街道人民调解工作月报（2026年11月）');
    const figure = (name: string) => {
      let found: ExcelJS.Cell | undefined;
      summary.eachRow((r) => {
        if (r.getCell(1).value === name) found = r.getCell(2);
      });
      return found;
    };
    expect(figure('受理纠纷（件）')?.value).toBe(12);
    expect(figure('调解成功（件）')?.value).toBe(7);
    expect(figure('调解不成（件）')?.value).toBe(2);
    expect(figure('调解成功率')?.value).toBe(0.7778);
    expect(figure('调解成功率')?.numFmt).toBe('0.0%');
    expect(figure('平均用时（天）')?.value).toBe(11.4);
    expect(figure('防止纠纷激化（件）')?.value).toBe(5);
    expect(figure('月末在办（件）')?.value).toBe(3);

    const types = wb.getWorksheet('按纠纷类型') as ExcelJS.Worksheet;
    expect(types.getRow(3).values).toEqual([
      undefined,
      '纠纷类型',
      '受理（件）',
      '调解成功（件）',
      '调解不成（件）',
      '撤回（件）',
      '不予受理（件）',
      '调解成功率',
      '成功 / 调结',
      '平均用时（天）',
      '防止纠纷激化（件）',
    ]);
    expect(types.getRow(4).values).toEqual([undefined, '邻里纠纷', 8, 5, 1, 0, 0, 0.8333, '5 / 6', 9.5, 4]);
    expect(types.getRow(5).values).toEqual([
      undefined,
      '婚姻家庭纠纷',
      4,
      2,
      1,
      1,
      1,
      0.6667,
      '2 / 3',
      15.1,
      1,
    ]);
    expect(types.getRow(6).values).toEqual([undefined, '合计', 12, 7, 2, 1, 1, 0.7778, '7 / 9', 11.4, 5]);

    const units = wb.getWorksheet('按调解组织') as ExcelJS.Worksheet;
    expect(units.getRow(4).getCell(1).value).toBe('鼓楼街道中山社区和好屋');
    // An organisation with no cases shows a dash for its rate and duration, not a zero.
    expect(units.getRow(5).values).toEqual([
      undefined,
      '天一商圈联合调解中心',
      0,
      0,
      0,
      0,
      0,
      '—',
      '0 / 0',
      '—',
      0,
    ]);

    const outcomes = wb.getWorksheet('按调解结果') as ExcelJS.Worksheet;
    expect(outcomes.getRow(4).values).toEqual([undefined, '调解成功，达成协议', 7, 7 / 11]);
    expect(outcomes.getRow(8).values).toEqual([undefined, '合计', 11, 1]);
  });
});
