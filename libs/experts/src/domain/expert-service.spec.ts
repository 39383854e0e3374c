import { cleanTerms, ExpertService, ExpertVisibility, isExpertPublic, parseExpertService } from './expert-service';

describe('expert services', () => {
  it('parses the Chinese terms and the enum values', () => {
    expect(parseExpertService('咨询')).toBe(ExpertService.CONSULTING);
    expect(parseExpertService('兼职')).toBe(ExpertService.PART_TIME);
    expect(parseExpertService('讲学')).toBe(ExpertService.LECTURING);
    expect(parseExpertService(' 联合研发 ')).toBe(ExpertService.JOINT_RD);
    expect(parseExpertService('技术服务')).toBe(ExpertService.TECHNICAL_SERVICE);
    expect(parseExpertService('joint_rd')).toBe(ExpertService.JOINT_RD);
    expect(parseExpertService('跑腿')).toBeNull();
  });

  it('cleans term lists', () => {
    expect(cleanTerms([' 机器视觉 ', '', 'Deep Learning', 'deep learning', '机器视觉'])).toEqual([
      '机器视觉',
      'Deep Learning',
    ]);
    expect(cleanTerms(undefined)).toEqual([]);
  });

  it('treats only listed PUBLIC profiles as public', () => {
    expect(isExpertPublic({ listed: true, visibility: ExpertVisibility.PUBLIC })).toBe(true);
    expect(isExpertPublic({ listed: true, visibility: ExpertVisibility.MEMBERS_ONLY })).toBe(false);
    expect(isExpertPublic({ listed: false, visibility: ExpertVisibility.PUBLIC })).toBe(false);
  });
});
