import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { ConfigProvider } from 'antd';
import { GraphQLError } from 'graphql';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { SaveEvaluationSchemeMutation, type EvaluationSchemePartsFragment } from '../operations';
import { SchemeTab } from './SchemeTab';

const SCHEME: EvaluationSchemePartsFragment & { __typename: 'EvaluationScheme' } = {
  __typename: 'EvaluationScheme',
  id: 's-2031',
  year: 2031,
  title: '2031 年度新型研发机构绩效评价指标',
  status: 'DRAFT',
  publishedAt: null,
  resultsComputedAt: null,
  tiers: { excellent: 90, good: 75, pass: 60 },
  indicators: [
    {
      key: 'contracts',
      label: '技术合同登记数',
      weight: 40,
      source: 'PLATFORM',
      platformMetric: 'REGISTERED_CONTRACTS',
      method: 'THRESHOLDS',
      thresholds: [
        { min: 1, points: 70 },
        { min: 2, points: 100 },
      ],
    },
    {
      key: 'revenue',
      label: '营业收入（万元）',
      weight: 60,
      source: 'SELF_REPORTED',
      platformMetric: null,
      method: 'MIN_MAX',
      thresholds: [],
    },
  ],
};

const CONTRACTS_INPUT = {
  key: 'contracts',
  label: '技术合同登记数',
  weight: 40,
  source: 'PLATFORM',
  platformMetric: 'REGISTERED_CONTRACTS',
  method: 'THRESHOLDS',
  thresholds: [
    { min: 1, points: 70 },
    { min: 2, points: 100 },
  ],
};

function renderTab(scheme: EvaluationSchemePartsFragment, mocks: MockedProviderProps['mocks'] = []) {
  render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <MockedProvider mocks={mocks}>
          <SchemeTab scheme={scheme} />
        </MockedProvider>
      </ConfigProvider>
    </I18nextProvider>,
  );
}

/** The form item (label, input, messages) around an input. */
const itemOf = (input: HTMLElement) => input.closest('.ant-form-item') as HTMLElement;

// Several antd renders and user events per test: slow on a busy 2-core machine.
describe('SchemeTab: editing the indicator scheme', { timeout: 60_000 }, () => {
  it('offers no editor once the scheme is opened (locked)', () => {
    renderTab({ ...SCHEME, status: 'OPEN' });
    expect(screen.getByRole('button', { name: '编辑指标体系' })).toHaveProperty('disabled', true);
    expect(screen.getByText('已开放填报，指标体系已锁定，不能再修改')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '开放填报' })).toBeNull();
  });

  it('edits weights, removes and adds indicators, and saves the whole scheme', async () => {
    const saved = vi.fn(() => ({ data: { saveEvaluationScheme: SCHEME } }));
    renderTab(SCHEME, [
      {
        request: {
          query: SaveEvaluationSchemeMutation,
          variables: {
            input: {
              year: 2031,
              title: '2031 年度新型研发机构绩效评价指标',
              tiers: { excellent: 90, good: 75, pass: 60 },
              indicators: [
                { ...CONTRACTS_INPUT, weight: 40 },
                {
                  key: 'patents',
                  label: '授权发明专利数',
                  weight: 20,
                  source: 'SELF_REPORTED',
                  platformMetric: null,
                  method: 'MIN_MAX',
                  thresholds: [],
                },
              ],
            },
          },
        },
        result: saved,
      },
    ]);
    await userEvent.click(screen.getByRole('button', { name: '编辑指标体系' }));
    const weights = await screen.findAllByLabelText('权重');
    expect(weights).toHaveLength(2);
    // Weights are relative: each one's share of the sum is shown beside it.
    expect(within(itemOf(weights[0])).getByText('占总分 40%')).toBeTruthy();
    expect(within(itemOf(weights[1])).getByText('占总分 60%')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: '删除指标“营业收入（万元）”' }));
    expect(screen.getAllByLabelText('权重')).toHaveLength(1);
    expect(screen.getByText('占总分 100%')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: '添加指标' }));
    // Client-side checks first: the new indicator needs a key of the API's form and a name.
    await userEvent.click(screen.getByRole('button', { name: '保存指标体系' }));
    expect(await screen.findByText('请填写指标代码')).toBeTruthy();
    expect(screen.getByText('请填写指标名称')).toBeTruthy();
    const keys = screen.getAllByLabelText('指标代码');
    await userEvent.type(keys[1], 'Patents');
    expect(await screen.findByText(/小写字母开头/, { selector: '.ant-form-item-explain-error' })).toBeTruthy();
    await userEvent.clear(keys[1]);
    await userEvent.type(keys[1], 'patents');
    await userEvent.type(screen.getAllByLabelText('指标名称')[1], '授权发明专利数');
    const newWeight = screen.getAllByLabelText('权重')[1];
    await userEvent.clear(newWeight);
    await userEvent.type(newWeight, '20');
    await waitFor(() => expect(within(itemOf(newWeight)).getByText('占总分 33.3%')).toBeTruthy());

    await userEvent.click(screen.getByRole('button', { name: '保存指标体系' }));
    await waitFor(() => expect(saved).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    // Saved: back to the scheme's table.
    expect(await screen.findByRole('button', { name: '编辑指标体系' }, { timeout: 10_000 })).toBeTruthy();
  });

  it('shows the API’s problem next to the field it names', async () => {
    renderTab(SCHEME, [
      {
        request: {
          query: SaveEvaluationSchemeMutation,
          variables: {
            input: {
              year: 2031,
              title: '2031 年度新型研发机构绩效评价指标',
              tiers: { excellent: 90, good: 75, pass: 60 },
              indicators: [
                CONTRACTS_INPUT,
                {
                  key: 'revenue',
                  label: '营业收入（万元）',
                  weight: 0,
                  source: 'SELF_REPORTED',
                  platformMetric: null,
                  method: 'MIN_MAX',
                  thresholds: [],
                },
              ],
            },
          },
        },
        result: {
          errors: [
            new GraphQLError('指标体系不完整或不一致（indicators.1.weight）', {
              extensions: { code: 'BAD_USER_INPUT', reason: 'EVALUATION_SCHEME_INVALID', field: 'indicators.1.weight' },
            }),
          ],
        },
      },
    ]);
    await userEvent.click(screen.getByRole('button', { name: '编辑指标体系' }));
    const weight = (await screen.findAllByLabelText('权重'))[1];
    await userEvent.clear(weight);
    await userEvent.type(weight, '0');
    await userEvent.click(screen.getByRole('button', { name: '保存指标体系' }));
    await waitFor(
      () => expect(within(itemOf(weight)).getByText('指标体系不完整或不一致（indicators.1.weight）')).toBeTruthy(),
      { timeout: 10_000 },
    );
    // Still editing: nothing was saved.
    expect(screen.getByText('保存指标体系').closest('button')).toBeTruthy();
    expect(within(itemOf(screen.getAllByLabelText('权重')[0])).queryByText(/indicators/)).toBeNull();
  });
});
