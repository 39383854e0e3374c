import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last hour slot the scheduled planner planned (one row). The next scheduled run plans every slot since, so a
 * worker that was down, or a run that failed, leaves no slot unplanned (up to MAX_CATCH_UP_SLOTS back).
 */
@Entity('digest_plan_state')
export class DigestPlanStateEntity {
  @PrimaryColumn({ type: 'text' })
  planner: string;

  @Column({ type: 'timestamptz' })
  lastSlot: Date;
}
