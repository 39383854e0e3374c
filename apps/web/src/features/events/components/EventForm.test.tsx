import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { ConfigProvider } from 'antd';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { EventForm } from './EventForm';
import { CreateEventMutation, PresentingInstitutionChoicesQuery, UpdateEventMutation } from '../operations';

const UNIVERSITY = '11111111-1111-4111-8111-111111111111';
const INSTITUTE = '22222222-2222-4222-8222-222222222222';
const EVENT_ID = '33333333-3333-4333-8333-333333333333';

const choices = {
  request: { query: PresentingInstitutionChoicesQuery },
  result: {
    data: {
      universities: [{ __typename: 'Organisation', id: UNIVERSITY, name: '明湖理工大学' }],
      institutes: [{ __typename: 'Organisation', id: INSTITUTE, name: '明湖材料研究所' }],
      rdInstitutions: [],
    },
  },
};

const savedEvent = (presentingInstitutionIds: string[]) => ({
  __typename: 'Event',
  id: EVENT_ID,
  kind: 'MATCHMAKING',
  status: 'DRAFT',
  title: '低空经济对接会',
  description: '',
  industryCodes: [],
  keywords: [],
  startsAt: '2026-12-10T01:00:00.000Z',
  endsAt: '2026-12-10T04:00:00.000Z',
  startsAtLocal: '2026-12-10T09:00',
  endsAtLocal: '2026-12-10T12:00',
  timeZone: 'Asia/Shanghai',
  venue: '明湖会展中心',
  onlineUrl: null,
  capacity: 50,
  capacityLeft: 50,
  slotMinutes: 20,
  presentingInstitutionIds,
  iOrganise: true,
  organiser: { __typename: 'Organisation', id: UNIVERSITY, name: '明湖理工大学' },
  myRegistration: null,
});

function renderForm(mocks: MockedProviderProps['mocks'], event?: Parameters<typeof EventForm>[0]['event']) {
  const onSaved = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <MockedProvider mocks={mocks}>
          <EventForm event={event} onSaved={onSaved} />
        </MockedProvider>
      </ConfigProvider>
    </I18nextProvider>,
  );
  return onSaved;
}

/** Opens the presenting-institutions picker and chooses an option by its name. */
async function pick(name: string) {
  await userEvent.click(screen.getByLabelText('参展单位（已认证的高校、科研院所、新型研发机构）'));
  await userEvent.click(await screen.findByText(name, { selector: '.ant-select-item-option-content' }));
}

describe('EventForm', () => {
  it('sends the chosen presenting institutions with a new event', async () => {
    const sent: Array<Record<string, unknown>> = [];
    const onSaved = renderForm([
      choices,
      {
        request: {
          query: CreateEventMutation,
          variables: (variables: Record<string, unknown>) => {
            sent.push(variables.input as Record<string, unknown>);
            return true;
          },
        },
        result: { data: { createEvent: savedEvent([INSTITUTE]) } },
      },
    ]);
    await userEvent.type(screen.getByLabelText('活动名称'), '低空经济对接会');
    await userEvent.type(screen.getByLabelText('地点'), '明湖会展中心');
    await pick('明湖材料研究所');
    await userEvent.click(screen.getByRole('button', { name: '保存为草稿' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(await screen.findByText('活动已创建（草稿）')).toBeTruthy();
    expect(sent[0]).toMatchObject({
      kind: 'MATCHMAKING',
      title: '低空经济对接会',
      venue: '明湖会展中心',
      presentingInstitutionIds: [INSTITUTE],
    });
  }, 20_000);

  it('edits an event: starts from its presenting institutions and sends the changes, never the kind or slot length', async () => {
    const sent: Array<Record<string, unknown>> = [];
    const onSaved = renderForm(
      [
        choices,
        {
          request: {
            query: UpdateEventMutation,
            variables: (variables: Record<string, unknown>) => {
              sent.push(variables.input as Record<string, unknown>);
              return true;
            },
          },
          result: { data: { updateEvent: savedEvent([UNIVERSITY, INSTITUTE]) } },
        },
      ],
      { ...savedEvent([UNIVERSITY]), kind: 'MATCHMAKING' },
    );
    // The current institution shows by name once the choices have loaded.
    expect(await screen.findByText('明湖理工大学', { selector: '.ant-select-selection-item-content' })).toBeTruthy();
    await pick('明湖材料研究所');
    const capacity = screen.getByLabelText('名额');
    await userEvent.clear(capacity);
    await userEvent.type(capacity, '80');
    await userEvent.click(screen.getByRole('button', { name: '保存修改' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(await screen.findByText('活动已更新')).toBeTruthy();
    expect(sent[0]).toMatchObject({
      id: EVENT_ID,
      capacity: 80,
      startsAt: '2026-12-10T09:00',
      presentingInstitutionIds: [UNIVERSITY, INSTITUTE],
    });
    expect(sent[0]).not.toHaveProperty('kind');
    expect(sent[0]).not.toHaveProperty('slotMinutes');
  }, 20_000);
});
