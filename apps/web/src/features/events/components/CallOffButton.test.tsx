import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { CallOffButton } from './CallOffButton';

const renderButton = (onConfirm: (reason: string | null) => Promise<unknown>) =>
  render(
    <I18nextProvider i18n={i18n}>
      <CallOffButton
        label="取消报名"
        title="取消报名：储能对接会"
        explanation="洽谈都会取消"
        confirmText="确认取消报名"
        onConfirm={onConfirm}
      />
    </I18nextProvider>,
  );

describe('CallOffButton', () => {
  it('asks first, then calls off with the trimmed reason (none when left empty)', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn().mockResolvedValue(undefined);
    renderButton(onConfirm);
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: '取消报名' }));
    expect(screen.getByText('洽谈都会取消')).toBeTruthy();
    await user.click(screen.getByRole('textbox'));
    await user.paste('  实验排期冲突  ');
    await user.click(screen.getByRole('button', { name: '确认取消报名' }));
    await waitFor(() => expect(onConfirm).toHaveBeenCalledWith('实验排期冲突'));
    await waitFor(() => expect(screen.queryByText('洽谈都会取消')).toBeNull());

    await user.click(screen.getByRole('button', { name: '取消报名' }));
    await user.click(screen.getByRole('button', { name: '确认取消报名' }));
    await waitFor(() => expect(onConfirm).toHaveBeenLastCalledWith(null));
  }, 15_000);

  it('keeps the dialog open with the error when calling off fails', async () => {
    const user = userEvent.setup();
    renderButton(() => Promise.reject(new Error('活动已结束')));
    await user.click(screen.getByRole('button', { name: '取消报名' }));
    await user.click(screen.getByRole('button', { name: '确认取消报名' }));
    const problem = describeApiError(new Error('活动已结束')).message;
    expect(await screen.findByText(problem)).toBeTruthy();
    expect(screen.getByText('洽谈都会取消')).toBeTruthy();
  }, 15_000);
});
