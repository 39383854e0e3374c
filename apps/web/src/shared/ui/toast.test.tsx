import { screen } from '@testing-library/react';
import { message } from 'antd';
import { describe, expect, it } from 'vitest';
import { toast } from './toast';

// The test setup runs antd's global message inside act() and closes toasts after each test, so that no React work
// of a toast is left to run after a test file's environment is gone (see test-setup.ts). These run in order.
describe('toasts in tests', () => {
  it('shows a toast once its module has loaded', async () => {
    toast.success('已保存');
    expect(await screen.findByText('已保存', {}, { timeout: 10_000 })).toBeTruthy();
  }, 30_000);

  it("has done antd's work for a toast by the time the call returns", () => {
    void message.error('操作失败');
    expect(screen.getByText('操作失败')).toBeTruthy();
  });

  it('starts each test without the previous tests’ toasts', () => {
    expect(screen.queryByText('已保存')).toBeNull();
    expect(screen.queryByText('操作失败')).toBeNull();
  });
});
