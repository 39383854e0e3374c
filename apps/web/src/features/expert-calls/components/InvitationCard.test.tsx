import { ConfigProvider } from 'antd';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { InvitationCard, type InvitationWithCall } from './InvitationCard';

const NOW = new Date('2026-12-01T00:00:00Z');

const INVITATION: InvitationWithCall = {
  id: 'inv-1',
  callId: 'call-1',
  expertId: 'exp-1',
  expertName: '周明远',
  status: 'INVITED',
  matchedTerms: ['无人机', '导航'],
  declineReason: null,
  answeredAt: null,
  response: null,
  respondedAt: null,
  invitedAt: '2026-11-20T00:00:00Z',
  organisation: { id: 'u', name: '明湖理工大学' },
  responseAttachments: [],
  call: {
    id: 'call-1',
    status: 'OPEN',
    title: '低空物流无人机安全监管政策研究',
    question: '请就航路划设提出建议。',
    industryCodes: [],
    keywords: ['无人机'],
    deadline: '2026-12-31T00:00:00Z',
    openedAt: '2026-11-20T00:00:00Z',
    closedAt: null,
    createdAt: '2026-11-20T00:00:00Z',
  },
};

function renderCard(invitation: InvitationWithCall = INVITATION) {
  const onAnswer = vi.fn();
  const onRespond = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <InvitationCard invitation={invitation} loading={false} now={NOW} onAnswer={onAnswer} onRespond={onRespond} />
      </ConfigProvider>
    </I18nextProvider>,
  );
  return { onAnswer, onRespond };
}

describe('InvitationCard', { timeout: 30_000 }, () => {
  it('accepts an invitation', async () => {
    const { onAnswer } = renderCard();
    expect(screen.getByText('无人机')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '接受邀请' }));
    expect(onAnswer).toHaveBeenCalledWith({ invitationId: 'inv-1', accept: true });
  });

  it('declines with the reason typed, trimmed', async () => {
    const { onAnswer } = renderCard();
    await userEvent.click(screen.getByRole('button', { name: '婉拒' }));
    await userEvent.type(screen.getByLabelText('婉拒理由（可选）'), ' 研究方向不符 ');
    await userEvent.click(screen.getByRole('button', { name: '确认婉拒' }));
    expect(onAnswer).toHaveBeenCalledWith({ invitationId: 'inv-1', accept: false, reason: '研究方向不符' });
  });

  it('once accepted, sends the response trimmed and refuses a blank one', async () => {
    const { onRespond } = renderCard({ ...INVITATION, status: 'ACCEPTED' });
    expect(screen.queryByRole('button', { name: '接受邀请' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '提交意见' }));
    expect(await screen.findByText('请填写意见')).toBeTruthy();
    expect(onRespond).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText('您的意见'), '  建议参照民航标准。 ');
    await userEvent.click(screen.getByRole('button', { name: '提交意见' }));
    await waitFor(() =>
      expect(onRespond).toHaveBeenCalledWith({
        invitationId: 'inv-1',
        text: '建议参照民航标准。',
        attachmentFileIds: [],
      }),
    );
  });

  it('after the deadline offers neither answers nor the form', () => {
    renderCard({ ...INVITATION, call: { ...INVITATION.call, deadline: '2026-11-30T00:00:00Z' } });
    expect(screen.getByText('该征集已截止或已结束，不再接受答复和意见。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '接受邀请' })).toBeNull();
    expect(screen.queryByRole('button', { name: '婉拒' })).toBeNull();
  });
});
