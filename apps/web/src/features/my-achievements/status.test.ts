import { describe, expect, it } from 'vitest';
import { achievementStage, canSubmit, isMine, statusesOfStage } from './status';

describe('achievementStage', () => {
  it('reads a draft with a rejection reason as returned, and one without as a draft', () => {
    expect(achievementStage('DRAFT', '缺少完成人签字')).toBe('RETURNED');
    expect(achievementStage('DRAFT', null)).toBe('DRAFT');
  });

  it('groups the review states and keeps the market states apart', () => {
    expect(achievementStage('SUBMITTED')).toBe('IN_REVIEW');
    expect(achievementStage('TTO_REVIEW')).toBe('IN_REVIEW');
    expect(achievementStage('PUBLIC_NOTICE')).toBe('PUBLIC_NOTICE');
    expect(achievementStage('AGREEMENT_SIGNED')).toBe('AWAITING_CONFIRMATION');
    expect(achievementStage('RIGHTS_CONFIRMED')).toBe('RIGHTS_CONFIRMED');
    expect(achievementStage('STALE')).toBe('LISTED');
    expect(achievementStage('IN_NEGOTIATION')).toBe('IN_NEGOTIATION');
    expect(achievementStage('TRANSFERRED')).toBe('TRANSFERRED');
  });
});

describe('canSubmit and isMine', () => {
  it('lets only drafts be submitted', () => {
    expect(canSubmit('DRAFT')).toBe(true);
    expect(canSubmit('SUBMITTED')).toBe(false);
  });

  it('counts owned and co-invented achievements as mine, not others', () => {
    expect(isMine({ ownerId: 'u1', inventors: [] }, 'u1')).toBe(true);
    expect(isMine({ ownerId: 'u2', inventors: [{ userId: 'u1' }] }, 'u1')).toBe(true);
    expect(isMine({ ownerId: 'u2', inventors: [{ userId: null }] }, 'u1')).toBe(false);
  });
});

describe('statusesOfStage', () => {
  it('gives the API statuses a stage chip filters by', () => {
    expect(statusesOfStage('IN_REVIEW')).toEqual(['SUBMITTED', 'DEPARTMENT_REVIEW', 'TTO_REVIEW']);
    expect(statusesOfStage('AWAITING_CONFIRMATION')).toEqual(['APPROVED', 'AGREEMENT_SIGNED']);
    expect(statusesOfStage('LISTED')).toEqual(['LISTED', 'STALE']);
    expect(statusesOfStage('RETURNED')).toEqual(['DRAFT']);
  });
});
