import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../api/http.ts';
import { fakeServer } from '../../test/fake-server.ts';
import { detail, MEDIATOR_ACTIONS, posts, ROOM, renderAt, type } from './mediation-testing.tsx';
import { OpenFromCaseButton } from './OpenFromCaseButton.tsx';

const ABILITIES: CaseDetail['abilities'] = {
  dispatch: false,
  sign: true,
  return: true,
  requestExtension: false,
  decideExtension: false,
  reportPart: false,
  resolve: false,
  callback: false,
  supervise: false,
  merge: false,
  withdraw: false,
  note: true,
  answer: false,
};

/** The parts of a dispute case the button reads; the rest of the case is not its business. */
function disputeCase(over: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: 7,
    status: 'dispatched',
    category: { code: 'DI01', nameZh: '邻里纠纷', nameEn: 'Neighbour disputes' },
    description: '楼上住户装修后卫生间漏水到楼下，多次协商未果',
    address: '海曙区鼓楼街道中山社区公园路3号201室',
    leadUnit: ROOM,
    reporter: { name: '王秀英', phone: '13805740001', masked: false, anonymous: false },
    abilities: ABILITIES,
    ...over,
  } as CaseDetail;
}

describe('转人民调解 on a dispute case', { timeout: 20_000 }, () => {
  it('opens a mediation with the reporter as applicant and goes to it', async () => {
    const { calls } = fakeServer({
      'POST /api/mediation/from-case': () => ({ status: 201, body: detail({ id: 12 }) }),
    });
    renderAt(<OpenFromCaseButton detail={disputeCase()} />, {
      url: '/admin/cases/7',
      route: '/admin/cases/:id',
    });
    fireEvent.click(screen.getByRole('button', { name: /转人民调解/ }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText('是本工单的反映人（王秀英）') as HTMLInputElement).checked).toBe(
      true,
    );
    type(within(dialog).getAllByLabelText('姓名')[1] as HTMLElement, '李建国');
    type(within(dialog).getByLabelText('申请事项'), '请求修复防水层并赔偿损失');
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation/from-case')).toHaveLength(1));
    expect(posts(calls, '/api/mediation/from-case')[0]?.body).toEqual({
      caseId: 7,
      disputeType: 'neighbour',
      facts: '楼上住户装修后卫生间漏水到楼下，多次协商未果',
      claims: '请求修复防水层并赔偿损失',
      parties: [
        { role: 'applicant', caseReporter: true },
        { role: 'respondent', person: { name: '李建国', phone: null, idNumber: null, address: null } },
      ],
    });
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/admin/mediation/12'));
  });

  it('is offered only on dispute cases the user handles, to those who may register mediation', () => {
    fakeServer({});
    renderAt(
      <>
        <OpenFromCaseButton
          detail={disputeCase({ category: { code: 'UM01', nameZh: '垃圾', nameEn: 'Garbage' } })}
        />
        <OpenFromCaseButton detail={disputeCase({ abilities: { ...ABILITIES, sign: false } })} />
        <OpenFromCaseButton detail={disputeCase({ status: 'resolved' })} />
      </>,
      { url: '/admin/cases/7', route: '/admin/cases/:id' },
    );
    expect(screen.queryByRole('button', { name: /转人民调解/ })).toBeNull();
  });

  it('is not offered to a handler without mediation.register', async () => {
    fakeServer({});
    renderAt(<OpenFromCaseButton detail={disputeCase()} />, {
      url: '/admin/cases/7',
      route: '/admin/cases/:id',
      actions: ['case.read', 'case.handle'],
    });
    expect(screen.queryByRole('button', { name: /转人民调解/ })).toBeNull();
  });

  it('speaks English and suggests a labour dispute for LB02', async () => {
    fakeServer({});
    renderAt(
      <OpenFromCaseButton
        detail={disputeCase({
          status: 'accepted',
          category: { code: 'LB02', nameZh: '劳动争议', nameEn: 'Labour disputes' },
          abilities: { ...ABILITIES, sign: false, resolve: true },
        })}
      />,
      { url: '/admin/cases/7', route: '/admin/cases/:id', actions: MEDIATOR_ACTIONS, language: 'en' },
    );
    fireEvent.click(screen.getByRole('button', { name: /Send to people's mediation/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Labour dispute')).toBeTruthy();
  });
});
