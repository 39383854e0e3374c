import {
  MembershipAction as A,
  membershipGrantsRights,
  MembershipStatus as S,
  MembershipTransitionError,
  nextMembershipStatus,
} from './membership-status';

describe('membership status rules', () => {
  const allowed: Array<[S | null, A, S]> = [
    [null, A.REQUEST, S.PENDING],
    [S.REJECTED, A.REQUEST, S.PENDING],
    [S.REMOVED, A.REQUEST, S.PENDING],
    [S.PENDING, A.APPROVE, S.ACTIVE],
    [S.PENDING, A.REJECT, S.REJECTED],
    [S.ACTIVE, A.REMOVE, S.REMOVED],
    [null, A.ADMIT, S.ACTIVE],
    [S.PENDING, A.ADMIT, S.ACTIVE],
    [S.REJECTED, A.ADMIT, S.ACTIVE],
    [S.REMOVED, A.ADMIT, S.ACTIVE],
    [S.ACTIVE, A.ADMIT, S.ACTIVE],
  ];
  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(nextMembershipStatus(from, action)).toBe(to);
  });

  const refused: Array<[S | null, A]> = [
    [S.PENDING, A.REQUEST],
    [S.ACTIVE, A.REQUEST],
    [S.ACTIVE, A.APPROVE],
    [S.REJECTED, A.APPROVE],
    [S.REMOVED, A.APPROVE],
    [S.ACTIVE, A.REJECT],
    [S.REJECTED, A.REJECT],
    [S.PENDING, A.REMOVE],
    [S.REMOVED, A.REMOVE],
    [S.REJECTED, A.REMOVE],
    [null, A.APPROVE],
  ];
  it.each(refused)('%s --%s--> refused', (from, action) => {
    expect(() => nextMembershipStatus(from, action)).toThrow(MembershipTransitionError);
  });

  it('explains a refusal in words', () => {
    expect(() => nextMembershipStatus(S.ACTIVE, A.REQUEST)).toThrow('You are already a member of this organisation');
    expect(() => nextMembershipStatus(S.PENDING, A.REMOVE)).toThrow(/reject a PENDING request/);
  });

  it('gives rights only while ACTIVE', () => {
    expect(Object.values(S).filter(membershipGrantsRights)).toEqual([S.ACTIVE]);
  });
});
