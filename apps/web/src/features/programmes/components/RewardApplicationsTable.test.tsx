import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../app/i18n';
import type { RewardApplicationRowFragment } from '../operations';
import { RewardApplicationsTable } from './RewardApplicationsTable';

const row = (patch: Partial<RewardApplicationRowFragment>): RewardApplicationRowFragment => ({
  id: 'r-1',
  status: 'SUBMITTED',
  qualification: 'RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT',
  awardYear: 2026,
  registrationNumber: '2026330106000903',
  registeredAt: '2026-11-01T02:00:00Z',
  technicalIncomeWan: 200,
  proposedAmountWan: 20,
  approvedAmountWan: null,
  paidAmountWan: null,
  industryCode: 'low_altitude',
  prefillJson: JSON.stringify({ achievement: { title: '视觉导航' } }),
  submittedAt: '2026-11-02T02:00:00Z',
  updatedAt: '2026-11-02T02:00:00Z',
  registrationAmendedAt: null,
  institution: { id: 'u-1', name: '明湖理工大学' },
  enterprise: { id: 'e-1', name: '翼展航空' },
  ...patch,
});

describe('RewardApplicationsTable', () => {
  it("marks for the bureau's reviewer an application whose registration was amended after submission", async () => {
    await i18n.changeLanguage('en');
    render(
      <I18nextProvider i18n={i18n}>
        <MemoryRouter>
          <RewardApplicationsTable
            rows={[
              row({ id: 'r-1', registrationAmendedAt: '2026-11-05T02:00:00Z' }),
              row({ id: 'r-2', registrationNumber: '2026330106000999' }),
            ]}
          />
        </MemoryRouter>
      </I18nextProvider>,
    );
    expect(screen.getAllByText('Registration amended after submission')).toHaveLength(1);
    expect(screen.getByText('2026330106000999')).toBeTruthy();
  });
});
