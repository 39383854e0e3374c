import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { ConfigProvider } from 'antd';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../app/i18n';
import { OfficeNoticesQuery, TriageObjectionMutation } from '../operations';
import { NoticesPanel } from './NoticesPanel';

const INSTITUTION = '0b5d7c4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e';
const ACHIEVEMENT = '3f0c8a52-7d1e-4f5b-9a61-0c2b8e4d9f10';
const OBJECTION = '7a1b2c3d-4e5f-4a6b-9c8d-1e2f3a4b5c6d';
const notice = {
  __typename: 'AchievementNoticeWindow',
  startsAt: '2026-12-01T00:00:00Z',
  endsAt: '2026-12-16T00:00:00Z',
  round: 1,
};

const withObjection = {
  running: { __typename: 'AchievementConnection', totalCount: 0, nodes: [] },
  objected: {
    __typename: 'AchievementConnection',
    totalCount: 1,
    nodes: [
      {
        __typename: 'Achievement',
        id: ACHIEVEMENT,
        title: '水质在线监测传感器',
        status: 'PUBLIC_NOTICE',
        notice,
        objections: [
          {
            __typename: 'AchievementObjection',
            id: OBJECTION,
            reason: '第二完成人未签署同意书',
            createdAt: '2026-12-02T08:00:00Z',
            noticeRound: 1,
            resolvedAt: null,
            resolution: null,
            outcome: null,
          },
        ],
      },
    ],
  },
};
const triaged = {
  running: {
    __typename: 'AchievementConnection',
    totalCount: 1,
    nodes: [
      { __typename: 'Achievement', id: ACHIEVEMENT, title: '水质在线监测传感器', status: 'PUBLIC_NOTICE', notice },
    ],
  },
  objected: { __typename: 'AchievementConnection', totalCount: 0, nodes: [] },
};

function renderPanel(mocks: MockedProviderProps['mocks']) {
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <MockedProvider mocks={mocks}>
          <NoticesPanel institutionId={INSTITUTION} />
        </MockedProvider>
      </ConfigProvider>
    </I18nextProvider>,
  );
}

const noticesRequest = { query: OfficeNoticesQuery, variables: { institutionId: INSTITUTION } };

describe('NoticesPanel', () => {
  it('dismisses an objection only with a resolution, then shows the notice running on', async () => {
    const resolution = '同意书已在确权材料中，异议不成立';
    renderPanel([
      { request: noticesRequest, result: { data: withObjection } },
      {
        request: { query: TriageObjectionMutation, variables: { objectionId: OBJECTION, uphold: false, resolution } },
        result: {
          data: {
            triageAchievementObjection: {
              __typename: 'AchievementObjection',
              id: OBJECTION,
              resolvedAt: '2026-12-03T08:00:00Z',
              resolution,
              outcome: 'DISMISSED',
            },
          },
        },
      },
      { request: noticesRequest, result: { data: triaged } },
    ]);
    expect(await screen.findByText('第二完成人未签署同意书')).toBeTruthy();
    expect(screen.getByText('待处理的异议（1 项成果）')).toBeTruthy();
    // Text queries: role queries over antd's tree are very slow in jsdom.
    await userEvent.click(screen.getByText('驳回异议'));
    const dialog = (await screen.findByText('驳回异议：公示继续')).closest<HTMLElement>('.ant-modal')!;
    const confirm = () => within(dialog).getByText('驳回异议').closest('button')!;
    await userEvent.click(confirm());
    expect(await screen.findByText('请填写处理意见')).toBeTruthy();
    await userEvent.click(screen.getByLabelText('处理意见（异议人可见）'));
    await userEvent.paste(resolution);
    await userEvent.click(confirm());
    expect(await screen.findByText('没有待处理的异议。')).toBeTruthy();
    expect(screen.getByText('公示中（1）')).toBeTruthy();
  }, 20_000);

  it('says when loading failed and offers to retry', async () => {
    renderPanel([{ request: noticesRequest, error: new Error('网络不可用') }]);
    await waitFor(() => expect(screen.getAllByText('网络不可用').length).toBeGreaterThan(0));
    expect(screen.getAllByText('重试').length).toBeGreaterThan(0);
  });
});
