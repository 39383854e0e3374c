import { describe, expect, it } from 'vitest';
import type { DealStage } from '../../gql/graphql';
import {
  BOARD_COLUMNS,
  claimExpiresSoon,
  columnOfStage,
  daysSince,
  dropTargets,
  leadsOf,
  overdueReasons,
  requirementOf,
  stageForDrop,
} from './pipeline';

/** What the API answers as allowedStages for the deal's broker (nextStages in libs/brokerage deal-workflow). */
const BROKER_ALLOWED: Record<DealStage, DealStage[]> = {
  INTRODUCED: ['NDA_SIGNED', 'CLOSED_LOST'],
  NDA_SIGNED: ['NEGOTIATING', 'CLOSED_LOST'],
  NEGOTIATING: ['CONTRACT_SIGNED', 'CLOSED_LOST'],
  CONTRACT_SIGNED: ['REGISTERED', 'CLOSED_LOST'],
  REGISTERED: ['CLOSED_WON', 'CLOSED_LOST'],
  CLOSED_WON: [],
  CLOSED_LOST: [],
};
const deal = (stage: DealStage, allowedStages = BROKER_ALLOWED[stage]) => ({ stage, allowedStages });

describe('pipeline board: stage mapping', () => {
  it('maps every API stage onto 线索 → 引荐 → 洽谈 → 签约 → 技术合同登记 → 结案 in order', () => {
    expect(BOARD_COLUMNS).toEqual(['LEAD', 'INTRODUCTION', 'NEGOTIATION', 'SIGNED', 'REGISTRATION', 'CLOSED']);
    const stages: DealStage[] = [
      'INTRODUCED',
      'NDA_SIGNED',
      'NEGOTIATING',
      'CONTRACT_SIGNED',
      'REGISTERED',
      'CLOSED_WON',
      'CLOSED_LOST',
    ];
    expect(stages.map(columnOfStage)).toEqual([
      'INTRODUCTION',
      'INTRODUCTION',
      'NEGOTIATION',
      'SIGNED',
      'REGISTRATION',
      'CLOSED',
      'CLOSED',
    ]);
    // Columns never go backwards along the forward path.
    const order = stages.slice(0, 6).map((stage) => BOARD_COLUMNS.indexOf(columnOfStage(stage)));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('pipeline board: which moves are allowed', () => {
  it('allows a drop only on the column of a stage the API allows next', () => {
    expect(stageForDrop(deal('NDA_SIGNED'), 'NEGOTIATION')).toBe('NEGOTIATING');
    expect(stageForDrop(deal('NEGOTIATING'), 'SIGNED')).toBe('CONTRACT_SIGNED');
    expect(stageForDrop(deal('CONTRACT_SIGNED'), 'REGISTRATION')).toBe('REGISTERED');
    // No skipping ahead, no going back, no drop on its own column.
    expect(stageForDrop(deal('INTRODUCED'), 'NEGOTIATION')).toBeNull();
    expect(stageForDrop(deal('NEGOTIATING'), 'REGISTRATION')).toBeNull();
    expect(stageForDrop(deal('NEGOTIATING'), 'INTRODUCTION')).toBeNull();
    expect(stageForDrop(deal('NEGOTIATING'), 'NEGOTIATION')).toBeNull();
    expect(stageForDrop(deal('NEGOTIATING'), 'LEAD')).toBeNull();
  });

  it('reads a drop on 结案 as lost before registration and as won after it', () => {
    expect(stageForDrop(deal('NEGOTIATING'), 'CLOSED')).toBe('CLOSED_LOST');
    expect(stageForDrop(deal('REGISTERED'), 'CLOSED')).toBe('CLOSED_WON');
    expect(stageForDrop(deal('CLOSED_LOST'), 'CLOSED')).toBeNull();
  });

  it('lets a party (allowed only CLOSED_LOST) drop nowhere but 结案, and a closed deal nowhere', () => {
    expect(dropTargets(deal('NEGOTIATING', ['CLOSED_LOST']))).toEqual(['CLOSED']);
    expect(dropTargets(deal('NDA_SIGNED'))).toEqual(['NEGOTIATION', 'CLOSED']);
    expect(dropTargets(deal('CLOSED_WON'))).toEqual([]);
  });

  it('asks for a reason before closing as lost and for the registration before registering', () => {
    expect(requirementOf('CLOSED_LOST')).toBe('LOST_REASON');
    expect(requirementOf('REGISTERED')).toBe('REGISTRATION');
    expect(requirementOf('NEGOTIATING')).toBeNull();
    expect(requirementOf('CLOSED_WON')).toBeNull();
  });
});

describe('pipeline board: overdue', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

  it('flags an open deal idle for the agency period, not one active within it', () => {
    expect(overdueReasons({ stage: 'NEGOTIATING', lastActivityAt: daysAgo(7), tasks: [] }, now, 7)).toEqual(['IDLE']);
    expect(overdueReasons({ stage: 'NEGOTIATING', lastActivityAt: daysAgo(6.9), tasks: [] }, now, 7)).toEqual([]);
    expect(overdueReasons({ stage: 'NEGOTIATING', lastActivityAt: daysAgo(6.9), tasks: [] }, now, 3)).toEqual(['IDLE']);
  });

  it('flags an open task past its due date; done or undated tasks are not late', () => {
    const tasks = [
      { dueAt: daysAgo(1), doneAt: null },
      { dueAt: daysAgo(3), doneAt: daysAgo(2) },
      { dueAt: null, doneAt: null },
    ];
    expect(overdueReasons({ stage: 'INTRODUCED', lastActivityAt: daysAgo(0), tasks }, now, 7)).toEqual([
      'TASK_OVERDUE',
    ]);
    expect(overdueReasons({ stage: 'INTRODUCED', lastActivityAt: daysAgo(0), tasks: tasks.slice(1) }, now, 7)).toEqual(
      [],
    );
  });

  it('never flags a deal on hold (it waits on purpose)', () => {
    const tasks = [{ dueAt: daysAgo(1), doneAt: null }];
    expect(
      overdueReasons({ stage: 'NEGOTIATING', lastActivityAt: daysAgo(30), onHoldSince: daysAgo(20), tasks }, now, 7),
    ).toEqual([]);
  });

  it('never flags a closed deal', () => {
    const tasks = [{ dueAt: daysAgo(1), doneAt: null }];
    expect(overdueReasons({ stage: 'CLOSED_LOST', lastActivityAt: daysAgo(30), tasks }, now, 7)).toEqual([]);
    expect(overdueReasons({ stage: 'CLOSED_WON', lastActivityAt: daysAgo(30), tasks }, now, 7)).toEqual([]);
  });

  it('warns about a claim running out within two days and counts whole days in the queue', () => {
    expect(claimExpiresSoon(new Date(now.getTime() + 86_400_000).toISOString(), now)).toBe(true);
    expect(claimExpiresSoon(new Date(now.getTime() + 5 * 86_400_000).toISOString(), now)).toBe(false);
    expect(daysSince(daysAgo(3.5), now)).toBe(3);
    expect(daysSince(new Date(now.getTime() + 1000).toISOString(), now)).toBe(0);
  });
});

describe('pipeline board: leads', () => {
  it('keeps as leads only the claims whose match has no introduction or deal yet', () => {
    const claims = [{ matchId: 'a' }, { matchId: 'b' }, { matchId: 'c' }];
    expect(leadsOf(claims, ['b', null, undefined])).toEqual([{ matchId: 'a' }, { matchId: 'c' }]);
    expect(leadsOf(claims, [])).toEqual(claims);
  });
});
