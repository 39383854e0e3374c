import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { ConfigProvider } from 'antd';
import { GraphQLError } from 'graphql';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { RemoveEvaluationAttachmentMutation, RemoveRewardEvidenceMutation } from '../operations';
import { RemoveFileButton, type RemovableFileOwner } from './RemoveFileButton';

const FILE = { fileId: '0c9a3f52-5d1e-4a7b-8f2c-6e4d3b2a1f00', name: '错传的合同.pdf' };

function renderButton(mocks: MockedProviderProps['mocks'], owner: RemovableFileOwner) {
  const onRemoved = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <MockedProvider mocks={mocks}>
          <RemoveFileButton owner={owner} file={FILE} onRemoved={onRemoved} />
        </MockedProvider>
      </ConfigProvider>
    </I18nextProvider>,
  );
  return onRemoved;
}

// Popconfirm and Apollo round trips: slow on a busy 2-core machine.
describe('RemoveFileButton (删除材料)', { timeout: 30_000 }, () => {
  it('removes a reward application’s evidence only after confirmation', async () => {
    const removed = vi.fn(() => ({ data: { removeRewardEvidence: null } }));
    const onRemoved = renderButton(
      [
        {
          request: { query: RemoveRewardEvidenceMutation, variables: { applicationId: 'app-1', fileId: FILE.fileId } },
          // The cache only needs an answer; the application itself is tested through the API.
          result: removed,
        },
      ],
      { kind: 'reward', applicationId: 'app-1' },
    );
    await userEvent.click(screen.getByRole('button', { name: '删除文件“错传的合同.pdf”' }));
    expect(await screen.findByText('删除这个文件？', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText('“错传的合同.pdf”将从材料中移除并被删除，无法恢复。')).toBeTruthy();
    expect(removed).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: '删除' }));
    await waitFor(() => expect(onRemoved).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(removed).toHaveBeenCalledTimes(1);
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const removed = vi.fn(() => ({ data: { removeEvaluationAttachment: null } }));
    const onRemoved = renderButton(
      [
        {
          request: { query: RemoveEvaluationAttachmentMutation, variables: { reportId: 'r-1', fileId: FILE.fileId } },
          result: removed,
        },
      ],
      { kind: 'evaluation', reportId: 'r-1' },
    );
    await userEvent.click(screen.getByRole('button', { name: '删除文件“错传的合同.pdf”' }));
    await userEvent.click(await screen.findByRole('button', { name: '取消' }, { timeout: 10_000 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(removed).not.toHaveBeenCalled();
    expect(onRemoved).not.toHaveBeenCalled();
  });

  it('removes an evaluation attachment, and says why when the API refuses', async () => {
    const onRemoved = renderButton(
      [
        {
          request: { query: RemoveEvaluationAttachmentMutation, variables: { reportId: 'r-1', fileId: FILE.fileId } },
          result: {
            errors: [
              new GraphQLError('该年报当前状态为 SUBMITTED，无法进行此操作', {
                extensions: { code: 'BAD_USER_INPUT', reason: 'EVALUATION_REPORT_WRONG_STATUS' },
              }),
            ],
          },
        },
      ],
      { kind: 'evaluation', reportId: 'r-1' },
    );
    await userEvent.click(screen.getByRole('button', { name: '删除文件“错传的合同.pdf”' }));
    await userEvent.click(await screen.findByRole('button', { name: '删除' }, { timeout: 10_000 }));
    expect(await screen.findByText('该年报当前状态为 SUBMITTED，无法进行此操作', {}, { timeout: 10_000 })).toBeTruthy();
    expect(onRemoved).not.toHaveBeenCalled();
  });
});
