import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Client } from '../../api/workbench.ts';
import { createWorkbenchI18n } from '../../i18n/workbench/index.ts';
import { fakeServer } from '../../test/fake-server.ts';
import { type RoutingSuggestion, RoutingSuggestions, useRoutingSuggestion } from './RoutingSuggestions.tsx';

const JX = { id: 20, code: 'JX', nameZh: '江厦街道', nameEn: 'Jiangxia' };
const TIANYI = { id: 21, code: 'JX01', nameZh: '天一社区', nameEn: 'Tianyi' };
const answer: RoutingSuggestion = {
  categories: [
    {
      code: 'EN02',
      groupCode: 'EN',
      nameZh: '社会生活噪声',
      nameEn: 'Neighbourhood noise',
      descriptionZh: null,
      descriptionEn: null,
      score: 0.82,
    },
    {
      code: 'DI01',
      groupCode: 'DI',
      nameZh: '邻里纠纷',
      nameEn: 'Neighbour disputes',
      descriptionZh: null,
      descriptionEn: null,
      score: 0.11,
    },
  ],
  place: { street: JX, community: TIANYI, matched: ['天一社区'], via: 'organisation', confidence: 'high' },
  unit: { id: 30, code: 'JX01-POLICE', nameZh: '天一社区警务室', nameEn: 'Tianyi Police Office' },
  model: { id: 1, trainedAt: '2026-11-29T00:00:00.000Z', samples: 4000 },
};

/** An intake-like form: the text typed, the category and place picked from the suggestions. */
function Harness({ client, onPlace }: { client: Client; onPlace: (id: number) => void }) {
  const [text, setText] = useState('');
  const [category, setCategory] = useState<string>();
  const suggestion = useRoutingSuggestion(client, text);
  return (
    <>
      <textarea aria-label="诉求内容" value={text} onChange={(e) => setText(e.target.value)} />
      <output data-testid="category">{category ?? ''}</output>
      <RoutingSuggestions
        suggestion={suggestion}
        selected={category}
        onPickCategory={setCategory}
        onPickPlace={(p) => onPlace(p.community?.id ?? -1)}
      />
    </>
  );
}

describe('routing suggestions', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('suggests as the agent types, and one click picks the category or the place', async () => {
    const server = fakeServer({ 'POST /api/routing/suggestions': () => ({ status: 200, body: answer }) });
    const i18n = createWorkbenchI18n('zh-CN');
    const onPlace = vi.fn();
    render(
      <I18nextProvider i18n={i18n}>
        <Harness client={new Client(() => i18n.language)} onPlace={onPlace} />
      </I18nextProvider>,
    );
    const box = screen.getByLabelText('诉求内容');
    fireEvent.change(box, { target: { value: '楼上' } });
    await act(() => new Promise((r) => setTimeout(r, 500)));
    // Two characters say too little: nothing was asked.
    expect(server.calls).toHaveLength(0);

    fireEvent.change(box, { target: { value: '楼上半夜拖椅子，天一社区' } });
    const first = await screen.findByRole('checkbox', { name: '选用分类 社会生活噪声（把握 82%）' });
    expect(server.calls.at(-1)?.body).toEqual({ text: '楼上半夜拖椅子，天一社区' });
    expect(screen.getByText('江厦街道 · 天一社区')).toBeTruthy();
    expect(screen.getByText('天一社区警务室')).toBeTruthy();

    fireEvent.click(first);
    expect(screen.getByTestId('category').textContent).toBe('EN02');
    await waitFor(() => expect(first.getAttribute('aria-checked')).toBe('true'));
    fireEvent.click(screen.getByRole('button', { name: '采用此地点' }));
    expect(onPlace).toHaveBeenCalledWith(21);
  });

  it('shows nothing when the model suggests nothing', () => {
    const i18n = createWorkbenchI18n('en');
    const { container } = render(
      <I18nextProvider i18n={i18n}>
        <RoutingSuggestions
          suggestion={{ ...answer, categories: [], place: null, unit: null }}
          onPickCategory={() => undefined}
        />
      </I18nextProvider>,
    );
    expect(container.textContent).toBe('');
  });
});
