/**
 * Every queue and every job, with its payload, in one place: `JobQueue.enqueue(name, data)` is type-checked
 * against this map and the worker refuses to start when a job has no handler or two.
 * Payloads carry ids only; handlers re-read the database, which holds the truth.
 */
export enum QueueName {
  Maintenance = 'maintenance',
  Achievements = 'achievements',
  Search = 'search',
  Matching = 'matching',
  Digests = 'digests',
  Deliveries = 'deliveries',
  Brokerage = 'brokerage',
  Programmes = 'programmes',
  Events = 'events',
}

export enum JobName {
  /** Proves the worker is consuming; used by health checks and tests. */
  Heartbeat = 'maintenance.heartbeat',
  /** Marks OPEN demands past their deadline EXPIRED (a job scheduler runs it; tests enqueue it directly). */
  ExpireOverdueDemands = 'demands.expire-overdue',
  /** Brings the bureau funnel's rollup up to date between dashboard visits (a job scheduler runs it). */
  RefreshAnalyticsFunnel = 'analytics.refresh-funnel',
  /** Ends one round of an achievement's public notice (公示), delayed by the notice period. */
  EndAchievementNotice = 'achievements.end-notice',
  /** Marks listings not reconfirmed in time STALE and ends overdue notices (a job scheduler runs it). */
  SweepAchievements = 'achievements.sweep',
  /** Syncs pending search outbox rows into Meilisearch (a job scheduler runs it every second). */
  DrainSearchOutbox = 'search.drain-outbox',
  /** Rebuilds every search index from the database and swaps it in (nightly job scheduler, or by hand). */
  ReindexSearch = 'search.reindex',
  /** Compares each search index with the database and rebuilds them when one is missing, empty or behind. */
  HealSearchIndexes = 'search.heal-indexes',
  /** Turns search-indexed changes (processed outbox rows) into matching jobs (a job scheduler runs it). */
  FollowIndexedChanges = 'matching.follow-indexed',
  /** Ranks targets for one demand and stores the matches. */
  MatchDemand = 'matching.match-demand',
  /** Finds the open demands a changed achievement or expert fits, and rematches them. */
  MatchTarget = 'matching.match-target',
  /** After every full reindex (nightly, healing, by hand): rebuilds the corpus statistics and rematches every open demand. */
  RematchAll = 'matching.rematch-all',
  /** Hourly (job scheduler): finds the recipients whose digest is due in this hour slot and fans out builds. */
  PlanDigests = 'digests.plan',
  /** Builds one recipient's digest for one period (once: unique per recipient and period), then its deliveries. */
  BuildDigest = 'digests.build',
  /** Sends one digest on one channel (email, webhook, in-app), at most once; retries of a batch's failures. */
  DeliverDigest = 'digests.deliver',
  /** Builds the digests of a batch of planned recipients (each once: unique per recipient and period). */
  BuildDigestBatch = 'digests.build-batch',
  /** Sends a batch of delivery rows (each at most once, by its own row), email over pooled SMTP connections. */
  DeliverDigestBatch = 'digests.deliver-batch',
  /** Reminds brokers of deals idle for their agency's period (a job scheduler runs it; tests enqueue it). */
  RemindIdleDeals = 'brokerage.remind-idle-deals',
  /** Ends one round of a deal's price notice (协议定价公示), delayed by the notice period. */
  EndDealPriceNotice = 'brokerage.end-price-notice',
  /** Ends price notices past their end whose job was lost (a job scheduler runs it every 10 minutes). */
  SweepPriceNotices = 'brokerage.sweep-price-notices',
  /** Sends one account email (address verification, password reset, invitation, registration attempt). */
  SendAccountMail = 'accounts.send-mail',
  /** Sends the email of one event notification (at least once, deterministic Message-ID). */
  SendNotificationEmail = 'notifications.send-email',
  /** A technology contract was registered: schedule its outcome follow-ups and raise a reward draft if it qualifies. */
  ContractRegistered = 'programmes.contract-registered',
  /** A registered contract was amended: refresh its reward draft, or flag a submitted application for the bureau. */
  RegistrationAmended = 'programmes.registration-amended',
  /** Performs the due step of one outcome follow-up (ask, remind, lapse), delayed until it is due. */
  FollowUpStep = 'programmes.follow-up-step',
  /** Sends one programme email (a follow-up question or reminder) at most once. */
  DeliverProgrammeEmail = 'programmes.deliver-email',
  /** Hourly (job scheduler): registered contracts not taken in, follow-up steps and emails whose job was lost. */
  SweepProgrammes = 'programmes.sweep',
  /** Reminds an event's approved participants a day before it starts, delayed until then (once per start time). */
  EventReminder = 'events.reminder',
  /** Hourly (job scheduler): reminders due whose delayed job was lost. */
  SweepEventReminders = 'events.sweep-reminders',
}

/**
 * Which account email, and the row it is about: an account token (VERIFY_EMAIL, RESET_PASSWORD), an invitation
 * (INVITATION), or a user (REGISTRATION_ATTEMPT: someone tried to register with their address).
 */
export type AccountMailKind = 'VERIFY_EMAIL' | 'RESET_PASSWORD' | 'INVITATION' | 'REGISTRATION_ATTEMPT';

export interface JobPayloads {
  [JobName.Heartbeat]: { requestedAt: string };
  [JobName.ExpireOverdueDemands]: { requestedAt?: string };
  [JobName.RefreshAnalyticsFunnel]: { requestedAt?: string };
  [JobName.EndAchievementNotice]: { achievementId: string; noticeRound: number };
  [JobName.SweepAchievements]: { requestedAt?: string };
  [JobName.DrainSearchOutbox]: { requestedAt?: string };
  [JobName.ReindexSearch]: { requestedAt?: string };
  [JobName.HealSearchIndexes]: { requestedAt?: string };
  [JobName.FollowIndexedChanges]: { requestedAt?: string };
  [JobName.MatchDemand]: { demandId: string };
  [JobName.MatchTarget]: { targetType: 'ACHIEVEMENT' | 'EXPERT'; targetId: string };
  [JobName.RematchAll]: { requestedAt?: string };
  /** `slot`: ISO start of the hour to plan; the scheduler leaves it out (the job's scheduled time is used). */
  /** `catchUp`: the scheduled run, which also plans every slot since the last one planned (late ones marked late). */
  [JobName.PlanDigests]: { slot?: string; catchUp?: boolean };
  /** `period`: 2026-W19 (weekly) or 2026-05 (monthly), in the recipient's time zone; `slot`: ISO hour planned. */
  [JobName.BuildDigest]: { userId: string; period: string; slot: string };
  [JobName.DeliverDigest]: { deliveryId: string };
  /** `recipients`: due recipients with their period; `slot`: ISO hour planned. */
  [JobName.BuildDigestBatch]: { slot: string; recipients: Array<{ userId: string; period: string }> };
  [JobName.DeliverDigestBatch]: { deliveryIds: string[] };
  [JobName.RemindIdleDeals]: { requestedAt?: string };
  [JobName.EndDealPriceNotice]: { dealId: string; noticeRound: number };
  [JobName.SweepPriceNotices]: { requestedAt?: string };
  [JobName.SendAccountMail]: { kind: AccountMailKind; id: string };
  [JobName.SendNotificationEmail]: { notificationId: string };
  [JobName.ContractRegistered]: { dealId: string };
  [JobName.RegistrationAmended]: { dealId: string; amendmentId: string };
  [JobName.FollowUpStep]: { followUpId: string };
  [JobName.DeliverProgrammeEmail]: { messageId: string };
  [JobName.SweepProgrammes]: { requestedAt?: string };
  /** `startsAt`: the start (ISO) the reminder was planned for; a job for an older start does nothing. */
  [JobName.EventReminder]: { eventId: string; startsAt: string };
  [JobName.SweepEventReminders]: { requestedAt?: string };
}

export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JobName.Heartbeat]: QueueName.Maintenance,
  [JobName.ExpireOverdueDemands]: QueueName.Maintenance,
  [JobName.RefreshAnalyticsFunnel]: QueueName.Maintenance,
  [JobName.EndAchievementNotice]: QueueName.Achievements,
  [JobName.SweepAchievements]: QueueName.Achievements,
  [JobName.DrainSearchOutbox]: QueueName.Search,
  [JobName.ReindexSearch]: QueueName.Search,
  [JobName.HealSearchIndexes]: QueueName.Search,
  [JobName.FollowIndexedChanges]: QueueName.Matching,
  [JobName.MatchDemand]: QueueName.Matching,
  [JobName.MatchTarget]: QueueName.Matching,
  [JobName.RematchAll]: QueueName.Matching,
  [JobName.PlanDigests]: QueueName.Digests,
  [JobName.BuildDigest]: QueueName.Digests,
  [JobName.DeliverDigest]: QueueName.Deliveries,
  [JobName.BuildDigestBatch]: QueueName.Digests,
  [JobName.DeliverDigestBatch]: QueueName.Deliveries,
  [JobName.RemindIdleDeals]: QueueName.Brokerage,
  [JobName.EndDealPriceNotice]: QueueName.Brokerage,
  [JobName.SweepPriceNotices]: QueueName.Brokerage,
  [JobName.SendAccountMail]: QueueName.Deliveries,
  [JobName.SendNotificationEmail]: QueueName.Deliveries,
  [JobName.ContractRegistered]: QueueName.Programmes,
  [JobName.RegistrationAmended]: QueueName.Programmes,
  [JobName.FollowUpStep]: QueueName.Programmes,
  [JobName.DeliverProgrammeEmail]: QueueName.Deliveries,
  [JobName.SweepProgrammes]: QueueName.Programmes,
  [JobName.EventReminder]: QueueName.Events,
  [JobName.SweepEventReminders]: QueueName.Events,
};

/** How many jobs of a queue one worker process runs at once (2 cores: keep it small). */
export const QUEUE_CONCURRENCY: { readonly [Q in QueueName]: number } = {
  [QueueName.Maintenance]: 1,
  [QueueName.Achievements]: 2,
  // A long reindex must not hold up the drains (they serialise on a database lock anyway).
  [QueueName.Search]: 2,
  // Matching is CPU-bound scoring between Meilisearch round trips: two at once keep both cores busy.
  [QueueName.Matching]: 2,
  // Build jobs are batches of recipients with set-based SQL: two at once keep PostgreSQL busy on 2 cores.
  [QueueName.Digests]: 2,
  // Deliveries wait on SMTP and HTTP peers; batch jobs also send several emails at once (DIGEST_SEND_CONCURRENCY).
  [QueueName.Deliveries]: 4,
  [QueueName.Brokerage]: 1,
  [QueueName.Programmes]: 1,
  [QueueName.Events]: 1,
};

/** What a handler reports; `skipped` when the job no longer applies (the entity is gone, the state moved on). */
export type JobOutcome = 'done' | 'skipped';
