import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { ConfigProvider } from 'antd';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../app/i18n';
import type { ExchangeHandoffPartsFragment } from '../operations';
import { ExchangeHandoffsQuery, PrepareExchangeHandoffMutation, RecordExchangeListingMutation } from '../operations';
import ExchangeHandoffCard from './ExchangeHandoffCard';

const DEAL = 'deal-1';
// The cache stores what the API sends, __typename included.
const handoff = (
  patch: Partial<ExchangeHandoffPartsFragment> = {},
): ExchangeHandoffPartsFragment & { __typename: 'ExchangeHandoff' } => ({
  __typename: 'ExchangeHandoff',
  id: 'h-1',
  source: 'DEAL',
  status: 'PREPARED',
  dealId: DEAL,
  achievementId: 'a-1',
  exchangeListingNumber: null,
  listedAt: null,
  result: null,
  resultPriceWan: null,
  resultNote: null,
  resultRecordedAt: null,
  createdAt: '2026-12-01T02:00:00Z',
  ...patch,
});

function renderCard(mocks: MockedProviderProps['mocks'], mayPrepare = true) {
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <MockedProvider mocks={mocks}>
          <ExchangeHandoffCard dealId={DEAL} mayPrepare={mayPrepare} />
        </MockedProvider>
      </ConfigProvider>
    </I18nextProvider>,
  );
}

const list = (items: ExchangeHandoffPartsFragment[]) => ({
  request: { query: ExchangeHandoffsQuery, variables: { dealId: DEAL } },
  result: { data: { exchangeHandoffs: items } },
});

// Several antd renders and user events per test: slow on a busy 2-core machine.
describe('ExchangeHandoffCard', { timeout: 30_000 }, () => {
  it('prepares a package when there is none, then offers its downloads and the listing number', async () => {
    renderCard([
      list([]),
      {
        request: { query: PrepareExchangeHandoffMutation, variables: { input: { dealId: DEAL } } },
        result: { data: { prepareExchangeHandoff: handoff() } },
      },
      list([handoff()]),
    ]);
    expect(await screen.findByText('尚未生成材料包')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '生成材料包' }));
    expect(await screen.findByRole('button', { name: /材料包 PDF/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /材料包 JSON/ })).toBeTruthy();
    expect(screen.getByLabelText('交易所挂牌编号')).toBeTruthy();
    // One open package at a time: no second "prepare".
    expect(screen.queryByRole('button', { name: '生成材料包' })).toBeNull();
  });

  it('records the exchange’s listing number', async () => {
    renderCard(
      [
        list([handoff()]),
        {
          request: {
            query: RecordExchangeListingMutation,
            variables: { handoffId: 'h-1', listingNumber: 'ZJCQ-2026-0042' },
          },
          result: {
            data: {
              recordExchangeListing: handoff({
                status: 'LISTED',
                exchangeListingNumber: 'ZJCQ-2026-0042',
                listedAt: '2026-12-02T02:00:00Z',
              }),
            },
          },
        },
      ],
      false,
    );
    const input = await screen.findByLabelText('交易所挂牌编号');
    await userEvent.type(input, ' ZJCQ-2026-0042 ');
    await userEvent.click(screen.getByRole('button', { name: '登记挂牌' }));
    await waitFor(() => expect(screen.getByText(/ZJCQ-2026-0042/)).toBeTruthy());
    expect(await screen.findByRole('button', { name: '登记结果' })).toBeTruthy();
  });
});
