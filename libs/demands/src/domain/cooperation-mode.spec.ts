import { budgetProblem, CooperationMode, parseCooperationMode } from './cooperation-mode';

describe('cooperation modes', () => {
  it('parses the Chinese catalogue terms and the enum values', () => {
    expect(parseCooperationMode('转让')).toBe(CooperationMode.TRANSFER);
    expect(parseCooperationMode(' 许可 ')).toBe(CooperationMode.LICENSE);
    expect(parseCooperationMode('作价入股')).toBe(CooperationMode.EQUITY);
    expect(parseCooperationMode('合作开发')).toBe(CooperationMode.JOINT_DEVELOPMENT);
    expect(parseCooperationMode('技术服务')).toBe(CooperationMode.TECHNICAL_SERVICE);
    expect(parseCooperationMode('technical_service')).toBe(CooperationMode.TECHNICAL_SERVICE);
    expect(parseCooperationMode('赠送')).toBeNull();
  });

  it('checks budget ranges', () => {
    expect(budgetProblem(null, null)).toBeNull();
    expect(budgetProblem(10, 50)).toBeNull();
    expect(budgetProblem(50, 50)).toBeNull();
    expect(budgetProblem(60, 50)).toMatch(/exceed/);
    expect(budgetProblem(-1, null)).toMatch(/negative/);
  });
});
