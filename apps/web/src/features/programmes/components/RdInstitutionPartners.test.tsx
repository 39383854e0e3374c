import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { ConfigProvider } from 'antd';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { PartnerCandidatesQuery, RdInstitutionsQuery, SetRdInstitutionPartnersMutation } from '../operations';
import { RdInstitutionPartners } from './RdInstitutionPartners';

const INSTITUTION = { __typename: 'RdInstitution' as const, id: 'rd-1', name: '明湖智能制造研究院', region: '杭州' };
const UNIVERSITY = { __typename: 'Organisation' as const, id: 'u-1', name: '明湖理工大学' };
const OTHER_UNIVERSITY = { __typename: 'Organisation' as const, id: 'u-2', name: '东湖大学' };
const INSTITUTE = { __typename: 'Organisation' as const, id: 'i-1', name: '明湖材料研究所' };

const institutions = (partnerIds: string[]) => ({
  request: { query: RdInstitutionsQuery },
  result: { data: { rdInstitutions: [{ ...INSTITUTION, partnerIds }] } },
});
const candidates = {
  request: { query: PartnerCandidatesQuery },
  result: { data: { universities: [UNIVERSITY, OTHER_UNIVERSITY], institutes: [INSTITUTE] } },
};

function renderPartners(mocks: MockedProviderProps['mocks']) {
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <MockedProvider mocks={mocks}>
          <RdInstitutionPartners />
        </MockedProvider>
      </ConfigProvider>
    </I18nextProvider>,
  );
}

// Several antd renders and user events per test: slow on a busy 2-core machine.
describe('RdInstitutionPartners (机构与合作高校)', { timeout: 60_000 }, () => {
  it('adds a verified university picked from the list, keeping the partners already linked', async () => {
    const set = vi.fn(() => ({
      data: { setRdInstitutionPartners: { ...INSTITUTION, partnerIds: ['u-1', 'i-1'] } },
    }));
    renderPartners([
      institutions(['u-1']),
      candidates,
      {
        request: {
          query: SetRdInstitutionPartnersMutation,
          variables: { institutionId: 'rd-1', partnerIds: ['u-1', 'i-1'] },
        },
        result: set,
      },
    ]);
    const card = (await screen.findByRole('heading', { name: '明湖智能制造研究院' }, { timeout: 10_000 })).closest(
      '.ant-card',
    ) as HTMLElement;
    expect(within(card).getByText('明湖理工大学')).toBeTruthy();
    const add = within(card).getByRole('button', { name: '添加' });
    expect(add).toHaveProperty('disabled', true);
    await userEvent.click(within(card).getByLabelText('为 明湖智能制造研究院 选择合作高校'));
    // The ones already linked are not offered again; universities and research institutes are both offered.
    const listbox = await screen.findByRole('listbox', {}, { timeout: 10_000 });
    expect(listbox).toBeTruthy();
    expect(screen.queryByRole('option', { name: '明湖理工大学' })).toBeNull();
    expect(screen.getByRole('option', { name: '东湖大学' })).toBeTruthy();
    await userEvent.click(screen.getByText('明湖材料研究所', { selector: '.ant-select-item-option-content' }));
    await userEvent.click(add);
    await waitFor(() => expect(set).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    // The answer updates the institution in the cache: the new partner shows on the card.
    expect(await within(card).findByText('明湖材料研究所', {}, { timeout: 10_000 })).toBeTruthy();
  });

  it('removes a partner only after confirmation', async () => {
    const set = vi.fn(() => ({ data: { setRdInstitutionPartners: { ...INSTITUTION, partnerIds: ['u-2'] } } }));
    renderPartners([
      institutions(['u-1', 'u-2']),
      candidates,
      {
        request: { query: SetRdInstitutionPartnersMutation, variables: { institutionId: 'rd-1', partnerIds: ['u-2'] } },
        result: set,
      },
    ]);
    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: '移除 明湖智能制造研究院 的合作高校 明湖理工大学' },
        { timeout: 10_000 },
      ),
    );
    expect(await screen.findByText('明湖理工大学 将不再是 明湖智能制造研究院 的合作高校。')).toBeTruthy();
    expect(set).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: '移除' }));
    await waitFor(() => expect(set).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    await waitFor(() => expect(screen.queryByText('明湖理工大学')).toBeNull(), { timeout: 10_000 });
    expect(screen.getByText('东湖大学')).toBeTruthy();
  });
});
