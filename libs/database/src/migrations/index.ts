// Migrations in the order they run. `npm run migration:generate -- <Name>` writes a new file and appends it here.
import { Programmes1796608285211 } from './1796608285211-Programmes';
import { StoredFiles1796601819678 } from './1796601819678-StoredFiles';
import { ObjectionOutcomes1796600768257 } from './1796600768257-ObjectionOutcomes';
import { MembershipsVerificationAccounts1796600332597 } from './1796600332597-MembershipsVerificationAccounts';
import { OutboxConsumers1795731632223 } from './1795731632223-OutboxConsumers';
import { AchievementsRepresentativeIndex1795727425292 } from './1795727425292-AchievementsRepresentativeIndex';
import { DigestsAndNotifications1795725843662 } from './1795725843662-DigestsAndNotifications';
import { BrokerageNotificationKinds1795726371461 } from './1795726371461-BrokerageNotificationKinds';
import { Brokerage1795725691109 } from './1795725691109-Brokerage';
import { Matches1795724972893 } from './1795724972893-Matches';
import { Achievements1795724882708 } from './1795724882708-Achievements';
import { Experts1795724875282 } from './1795724875282-Experts';
import { Demands1795724731351 } from './1795724731351-Demands';
import { Industries1795724588305 } from './1795724588305-Industries';
import { Outbox1795724524284 } from './1795724524284-Outbox';
import { Init1795724320881 } from './1795724320881-Init';
export const MIGRATIONS = [
  Init1795724320881,
  Outbox1795724524284,
  Industries1795724588305,
  Demands1795724731351,
  Experts1795724875282,
  Achievements1795724882708,
  Matches1795724972893,
  Brokerage1795725691109,
  DigestsAndNotifications1795725843662,
  BrokerageNotificationKinds1795726371461,
  AchievementsRepresentativeIndex1795727425292,
  OutboxConsumers1795731632223,
  MembershipsVerificationAccounts1796600332597,
  ObjectionOutcomes1796600768257,
  StoredFiles1796601819678,
  Programmes1796608285211,
];
