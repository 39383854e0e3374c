import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { ConfigProvider } from 'antd';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { DeleteDemandDraftMutation } from '../operations';
import { DeleteDemandButton } from './DeleteDemandButton';

const DRAFT = { id: '8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f', title: '高精度视觉检测' };

function renderButton(mocks: MockedProviderProps['mocks']) {
  const onDeleted = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <MockedProvider mocks={mocks}>
          <DeleteDemandButton demand={DRAFT} onDeleted={onDeleted} />
        </MockedProvider>
      </ConfigProvider>
    </I18nextProvider>,
  );
  return onDeleted;
}

describe('DeleteDemandButton (我的需求)', () => {
  afterEach(() => void i18n.changeLanguage('zh-CN'));

  it('asks before deleting, and cancelling deletes nothing', async () => {
    const onDeleted = renderButton([]);
    await userEvent.click(screen.getByRole('button', { name: '删除草稿“高精度视觉检测”' }));
    expect(await screen.findByText('“高精度视觉检测”尚未发布，删除后无法恢复。', {}, { timeout: 10_000 })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(onDeleted).not.toHaveBeenCalled();
  }, 30_000);

  it('deletes the draft once confirmed (English UI)', async () => {
    await i18n.changeLanguage('en');
    const onDeleted = renderButton([
      {
        request: { query: DeleteDemandDraftMutation, variables: { id: DRAFT.id } },
        result: { data: { deleteDemand: DRAFT.id } },
      },
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Delete the draft “高精度视觉检测”' }));
    expect(await screen.findByText('Delete this draft demand?', {}, { timeout: 10_000 })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1), { timeout: 10_000 });
  }, 30_000);
});
