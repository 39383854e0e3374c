import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { ConfigProvider } from 'antd';
import { GraphQLError } from 'graphql';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { DeleteAchievementDraftMutation } from '../operations';
import { DeleteDraftButton } from './DeleteDraftButton';

const DRAFT = { id: '5b7f0c1e-2d4a-4c8e-9f31-7a6b5c4d3e21', title: '柔性钙钛矿电池' };

function renderButton(mocks: MockedProviderProps['mocks']) {
  const onDeleted = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <MockedProvider mocks={mocks}>
          <DeleteDraftButton achievement={DRAFT} onDeleted={onDeleted} />
        </MockedProvider>
      </ConfigProvider>
    </I18nextProvider>,
  );
  return onDeleted;
}

describe('DeleteDraftButton (我的成果)', () => {
  it('deletes the draft only after confirmation, then refreshes the list', async () => {
    const onDeleted = renderButton([
      {
        request: { query: DeleteAchievementDraftMutation, variables: { id: DRAFT.id } },
        result: { data: { deleteAchievement: DRAFT.id } },
      },
    ]);
    await userEvent.click(screen.getByRole('button', { name: '删除草稿“柔性钙钛矿电池”' }));
    expect(await screen.findByText('删除这份草稿？', {}, { timeout: 10_000 })).toBeTruthy();
    expect(onDeleted).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: '删除' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1), { timeout: 10_000 });
  }, 30_000);

  it('keeps the row when the API refuses (no longer a draft) and says why', async () => {
    const onDeleted = renderButton([
      {
        request: { query: DeleteAchievementDraftMutation, variables: { id: DRAFT.id } },
        result: {
          errors: [
            new GraphQLError('只能删除草稿（当前状态为 SUBMITTED）', {
              extensions: { code: 'BAD_USER_INPUT', reason: 'ONLY_DRAFTS_DELETED' },
            }),
          ],
        },
      },
    ]);
    await userEvent.click(screen.getByRole('button', { name: '删除草稿“柔性钙钛矿电池”' }));
    await userEvent.click(await screen.findByRole('button', { name: '删除' }, { timeout: 10_000 }));
    expect(await screen.findByText('只能删除草稿（当前状态为 SUBMITTED）', {}, { timeout: 10_000 })).toBeTruthy();
    expect(onDeleted).not.toHaveBeenCalled();
  }, 30_000);
});
