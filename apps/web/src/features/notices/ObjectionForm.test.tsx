import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { ConfigProvider } from 'antd';
import { GraphQLError } from 'graphql';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../app/i18n';
import { ObjectionForm } from './ObjectionForm';
import { FileObjectionMutation } from './operations';

const ACHIEVEMENT = '3f0c8a52-7d1e-4f5b-9a61-0c2b8e4d9f10';

function renderForm(mocks: MockedProviderProps['mocks'], onDone = vi.fn()) {
  render(
    <I18nextProvider i18n={i18n}>
      {/* As in the app (providers.tsx): no space inserted into two-character button labels. */}
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <MockedProvider mocks={mocks}>
          <ObjectionForm achievementId={ACHIEVEMENT} onDone={onDone} />
        </MockedProvider>
      </ConfigProvider>
    </I18nextProvider>,
  );
  return onDone;
}

describe('ObjectionForm', () => {
  it('asks for a reason before sending anything', async () => {
    const onDone = renderForm([]);
    await userEvent.click(screen.getByRole('button', { name: '提交' }));
    expect(await screen.findByText('请填写异议理由')).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('shows the API’s problem with the reason next to the field', async () => {
    const reason = '发明人名单遗漏';
    const onDone = renderForm([
      {
        request: { query: FileObjectionMutation, variables: { id: ACHIEVEMENT, reason } },
        result: {
          errors: [
            new GraphQLError('异议理由过短', {
              extensions: {
                code: 'BAD_USER_INPUT',
                reason: 'INVALID_FIELDS',
                fields: [{ field: 'reason', problems: ['异议理由至少 10 个字'] }],
              },
            }),
          ],
        },
      },
    ]);
    await userEvent.type(screen.getByLabelText('异议理由'), reason);
    await userEvent.click(screen.getByRole('button', { name: '提交' }));
    const fieldError = await screen.findByText('异议理由至少 10 个字');
    expect(fieldError.closest('.ant-form-item')?.querySelector('textarea')).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('files the objection and says it is done', async () => {
    const reason = '该成果的第二发明人未签署同意书，赋权比例与事实不符。';
    const onDone = renderForm([
      {
        request: { query: FileObjectionMutation, variables: { id: ACHIEVEMENT, reason } },
        result: { data: { fileAchievementObjection: { __typename: 'Achievement', id: ACHIEVEMENT } } },
      },
    ]);
    await userEvent.type(screen.getByLabelText('异议理由'), reason);
    await userEvent.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
  });
});
