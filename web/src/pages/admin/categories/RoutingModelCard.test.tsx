import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../../test/fake-server.ts';
import { renderAdmin } from '../testing.tsx';
import { RoutingModelCard } from './RoutingModelCard.tsx';

const model = (id: number, trainedBy: string, top1: number) => ({
  id,
  trainedAt: '2026-11-29T06:00:00.000Z',
  trainedBy,
  samples: 5200,
  caseSamples: 2100,
  metrics: { heldOut: 306, top1, top3: 0.97 },
});

describe('the routing model card', () => {
  it('shows the model in use and retrains it at the administrator’s word', async () => {
    let models = [model(1, 'seed', 0.912)];
    const { calls } = fakeServer({
      'GET /api/routing/model': () => ({ status: 200, body: { models } }),
      'POST /api/routing/model/retrain': () => {
        models = [model(2, 'admin', 0.934), ...models];
        return { status: 200, body: { models } };
      },
    });
    renderAdmin(<RoutingModelCard />);
    expect(await screen.findByText('5200 条（其中已办结工单 2100 条）')).toBeTruthy();
    expect(screen.getByText('91.2%')).toBeTruthy();
    expect(screen.getByText(/演示初始化/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /立即重新训练/ }));
    expect(await screen.findByText('93.4%')).toBeTruthy();
    expect(screen.getByText(/管理员/)).toBeTruthy();
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
  });

  it('says when no model was trained yet', async () => {
    fakeServer({ 'GET /api/routing/model': () => ({ status: 200, body: { models: [] } }) });
    renderAdmin(<RoutingModelCard />);
    expect(await screen.findByText('尚未训练：建议分类暂用种子语料训练的模型。')).toBeTruthy();
  });
});
