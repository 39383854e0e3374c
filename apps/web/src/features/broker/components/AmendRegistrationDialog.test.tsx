import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { ConfigProvider } from 'antd';
import { GraphQLError } from 'graphql';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { AmendDealRegistrationMutation } from '../operations';
import { isRegistrationNumber, needsDifferenceReason } from '../registration';
import { AmendRegistrationDialog, type AmendableDeal } from './AmendRegistrationDialog';

const DEAL: AmendableDeal = {
  id: '0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a',
  registrationNumber: '2026330106000321',
  registrationAuthority: null,
  contractValueWan: 100,
  technicalIncomeWan: 90,
  valueDifferenceReason: null,
  agreedPriceWan: 100,
  priceNoticeStatus: 'ENDED',
};

function renderDialog(mocks: MockedProviderProps['mocks']) {
  const onClose = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <MockedProvider mocks={mocks}>
          <AmendRegistrationDialog deal={DEAL} open onClose={onClose} />
        </MockedProvider>
      </ConfigProvider>
    </I18nextProvider>,
  );
  return onClose;
}

describe('registration rules in the broker UI', () => {
  it('knows the registration-number format and when a value difference needs a reason', () => {
    expect(isRegistrationNumber('2024 110108 000123')).toBe(true);
    expect(isRegistrationNumber('1101082024000123')).toBe(false);
    expect(needsDifferenceReason({ agreedPriceWan: 100, priceNoticeStatus: 'ENDED' }, 120)).toBe(true);
    expect(needsDifferenceReason({ agreedPriceWan: 100, priceNoticeStatus: 'NONE' }, 120)).toBe(false);
    expect(needsDifferenceReason({ agreedPriceWan: 100, priceNoticeStatus: 'ENDED' }, 100)).toBe(false);
  }, 30_000);
});

describe('AmendRegistrationDialog (更正登记)', () => {
  it('asks for a reason and a well-formed number before sending anything', async () => {
    const onClose = renderDialog([]);
    const number = screen.getByLabelText('登记号');
    await userEvent.clear(number);
    await userEvent.type(number, 'REG-1');
    await userEvent.click(screen.getByRole('button', { name: '提交更正' }));
    expect(
      await screen.findByText(
        '登记号格式有误：应为 4 位年份 + 6 位行政区划代码 + 4–8 位流水号',
        {},
        { timeout: 10_000 },
      ),
    ).toBeTruthy();
    expect(await screen.findByText('请填写更正原因', {}, { timeout: 10_000 })).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  }, 30_000);

  it('asks why when the corrected value differs from the noticed price, then sends the amendment', async () => {
    const input = {
      dealId: DEAL.id,
      registrationNumber: '2026330106000322',
      registrationAuthority: null,
      contractValueWan: 120,
      technicalIncomeWan: 90,
      valueDifferenceReason: '含培训费',
      reason: '金额笔误',
    };
    const onClose = renderDialog([
      {
        request: { query: AmendDealRegistrationMutation, variables: { input } },
        result: {
          errors: [
            new GraphQLError('本次更正未改变任何内容', {
              extensions: { code: 'BAD_USER_INPUT', reason: 'AMENDMENT_CHANGES_NOTHING', field: 'dealId' },
            }),
          ],
        },
      },
    ]);
    const number = screen.getByLabelText('登记号');
    await userEvent.clear(number);
    await userEvent.type(number, '2026-330106-000322');
    const value = screen.getByLabelText('合同成交额（万元）');
    await userEvent.clear(value);
    await userEvent.type(value, '120');
    await userEvent.type(await screen.findByLabelText('金额差异说明', {}, { timeout: 10_000 }), '含培训费');
    await userEvent.type(screen.getByLabelText('更正原因'), '金额笔误');
    await userEvent.click(screen.getByRole('button', { name: '提交更正' }));
    // The API's refusal is shown; the dialog stays open.
    expect(await screen.findByText('本次更正未改变任何内容', {}, { timeout: 10_000 })).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  }, 30_000);

  it('closes once the API has recorded the amendment', async () => {
    const input = {
      dealId: DEAL.id,
      registrationNumber: '2026330106000321',
      registrationAuthority: '杭州市西湖区科技局',
      contractValueWan: 100,
      technicalIncomeWan: 90,
      valueDifferenceReason: '',
      reason: '补登记机构',
    };
    const onClose = renderDialog([
      {
        request: { query: AmendDealRegistrationMutation, variables: { input } },
        result: { data: { amendDealRegistration: { __typename: 'Deal', id: DEAL.id } } },
      },
    ]);
    await userEvent.type(screen.getByLabelText('登记机构'), '杭州市西湖区科技局');
    await userEvent.type(screen.getByLabelText('更正原因'), '补登记机构');
    await userEvent.click(screen.getByRole('button', { name: '提交更正' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1), { timeout: 10_000 });
  }, 30_000);
});
