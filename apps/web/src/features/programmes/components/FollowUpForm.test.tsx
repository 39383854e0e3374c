import { ConfigProvider } from 'antd';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import type { OutcomeFollowUpPartsFragment } from '../operations';
import { FollowUpForm } from './FollowUpForm';

const FOLLOW_UP: OutcomeFollowUpPartsFragment = {
  id: 'f-6',
  dealId: 'd-1',
  monthsAfter: 6,
  status: 'ASKED',
  dueAt: '2026-06-01T00:00:00Z',
  askedAt: '2026-06-01T00:00:00Z',
  answeredAt: null,
  registeredAt: '2025-12-01T00:00:00Z',
  remindersSent: 0,
  productLaunched: null,
  revenueWan: null,
  jobsCreated: null,
  followOnInvestmentWan: null,
  companyFounded: null,
  companyName: null,
  note: null,
  enterprise: { id: 'e', name: '翼展航空' },
  institution: { id: 'u', name: '明湖理工大学' },
};

function renderForm(followUp = FOLLOW_UP) {
  const onAnswer = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <FollowUpForm followUp={followUp} loading={false} onAnswer={onAnswer} />
      </ConfigProvider>
    </I18nextProvider>,
  );
  return onAnswer;
}

describe('FollowUpForm', { timeout: 30_000 }, () => {
  it('sends the answers, blanks as unknown', async () => {
    const onAnswer = renderForm();
    await userEvent.click(screen.getAllByRole('radio', { name: '是' })[0]);
    await userEvent.type(screen.getByLabelText('可归因于该成果的新增收入（万元）'), '85');
    await userEvent.type(screen.getByLabelText('带动新增就业（人）'), '6');
    await userEvent.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(onAnswer).toHaveBeenCalledTimes(1));
    expect(onAnswer).toHaveBeenCalledWith({
      followUpId: 'f-6',
      productLaunched: true,
      companyFounded: false,
      companyName: null,
      revenueWan: 85,
      jobsCreated: 6,
      followOnInvestmentWan: null,
      note: null,
    });
  });

  it('asks for the company’s name once a company was founded', async () => {
    const onAnswer = renderForm();
    expect(screen.queryByLabelText('新办企业名称')).toBeNull();
    await userEvent.click(screen.getAllByRole('radio', { name: '是' })[1]);
    await userEvent.click(screen.getByRole('button', { name: '提交' }));
    expect(await screen.findByText('请填写企业名称')).toBeTruthy();
    expect(onAnswer).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText('新办企业名称'), '翼展新材料有限公司');
    await userEvent.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(onAnswer).toHaveBeenCalledTimes(1));
    expect(onAnswer.mock.calls[0][0]).toMatchObject({ companyFounded: true, companyName: '翼展新材料有限公司' });
  });

  it('offers to update an answered follow-up, starting from the answer given', () => {
    renderForm({
      ...FOLLOW_UP,
      status: 'ANSWERED',
      answeredAt: '2026-06-03T00:00:00Z',
      revenueWan: 40,
      productLaunched: true,
    });
    expect(screen.getByRole('button', { name: '更新答复' })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('可归因于该成果的新增收入（万元）').value).toBe('40');
  });
});
