import { matchLink } from './digest-render';

describe('matchLink', () => {
  const item = { matchId: 'm1', demandId: 'd1', targetId: 't1', targetType: 'ACHIEVEMENT' };

  it('opens the screen where the recipient acts on the match', () => {
    expect(matchLink('https://tt.example/', { ...item, reason: 'OWN_DEMAND' })).toBe(
      'https://tt.example/workspace/demands/d1?match=m1',
    );
    expect(matchLink('https://tt.example', { ...item, reason: 'OWN_TARGET' })).toBe(
      'https://tt.example/workspace/achievements/t1?match=m1',
    );
    expect(matchLink('https://tt.example', { ...item, targetType: 'EXPERT', reason: 'OWN_TARGET' })).toBe(
      'https://tt.example/experts/t1?match=m1',
    );
    expect(matchLink('https://tt.example', { ...item, reason: 'BROKER_INDUSTRY' })).toBe(
      'https://tt.example/workspace/broker/queue?match=m1',
    );
  });
});
