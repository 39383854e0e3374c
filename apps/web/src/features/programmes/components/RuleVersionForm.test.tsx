import { ConfigProvider } from 'antd';
import dayjs from 'dayjs';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { ReasonDialog } from './ReasonDialog';
import { RuleVersionForm } from './RuleVersionForm';

const wrap = (node: React.ReactNode) => (
  <I18nextProvider i18n={i18n}>
    <ConfigProvider button={{ autoInsertSpace: false }}>{node}</ConfigProvider>
  </I18nextProvider>
);

// Modals, selects and date pickers render slowly in jsdom on a busy machine.
describe('RuleVersionForm', { timeout: 30_000 }, () => {
  it('starts from the latest version’s terms and sends a new version from tomorrow', async () => {
    const onCreate = vi.fn();
    render(
      wrap(
        <RuleVersionForm
          open
          loading={false}
          initial={{
            name: '示范区赋权成果转化奖励办法（试行）',
            qualifications: ['RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT'],
            districtRegions: '杭州、苏州',
            contractTypes: 'TRANSFER, LICENSE',
            sharePercent: 10,
            minTechnicalIncomeWan: 10,
            capPerItemWan: 50,
            capPerYearWan: 200,
            requiredEvidence: '技术合同、赋权协议',
          }}
          onCancel={vi.fn()}
          onCreate={onCreate}
        />,
      ),
    );
    const name = screen.getByLabelText('办法名称');
    await userEvent.clear(name);
    await userEvent.type(name, '示范区赋权成果转化奖励办法（2027 修订）');
    const share = screen.getByLabelText('奖励比例 (%)');
    await userEvent.clear(share);
    await userEvent.type(share, '12');
    await userEvent.click(screen.getAllByRole('button', { name: '发布新版本' }).at(-1)!);
    await waitFor(() => expect(onCreate).toHaveBeenCalledTimes(1));
    expect(onCreate).toHaveBeenCalledWith({
      name: '示范区赋权成果转化奖励办法（2027 修订）',
      effectiveFrom: dayjs().add(1, 'day').format('YYYY-MM-DD'),
      effectiveTo: null,
      terms: {
        qualifications: ['RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT'],
        districtRegions: ['杭州', '苏州'],
        contractTypes: ['TRANSFER', 'LICENSE'],
        sharePercent: 12,
        minTechnicalIncomeWan: 10,
        capPerItemWan: 50,
        capPerYearWan: 200,
        requiredEvidence: ['技术合同', '赋权协议'],
      },
    });
  });

  it('needs a name', async () => {
    const onCreate = vi.fn();
    render(wrap(<RuleVersionForm open loading={false} onCancel={vi.fn()} onCreate={onCreate} />));
    await userEvent.click(screen.getAllByRole('button', { name: '发布新版本' }).at(-1)!);
    expect(await screen.findByText('必填')).toBeTruthy();
    expect(onCreate).not.toHaveBeenCalled();
  });
});

describe('ReasonDialog', { timeout: 30_000 }, () => {
  it('sends the trimmed reason and refuses a blank one', async () => {
    const onOk = vi.fn();
    render(wrap(<ReasonDialog open title="退回申请" okText="退回" loading={false} onCancel={vi.fn()} onOk={onOk} />));
    await userEvent.click(screen.getByRole('button', { name: '退回' }));
    expect(await screen.findByText('请填写理由')).toBeTruthy();
    expect(onOk).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText('理由'), '  技术性收入凭证与合同金额不符 ');
    await userEvent.click(screen.getByRole('button', { name: '退回' }));
    await waitFor(() => expect(onOk).toHaveBeenCalledWith('技术性收入凭证与合同金额不符'));
  });
});
