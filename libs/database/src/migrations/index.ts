// Migrations in the order they run. `npm run migration:generate -- <Name>` writes a new file and appends it here.
import { Consortia1796684158818 } from './1796684158818-Consortia';
import { RecommendedCatalogue1796682375697 } from './1796682375697-RecommendedCatalogue';
import { EventCancellations1796682266843 } from './1796682266843-EventCancellations';
import { ApplicationScenarios1796681727047 } from './1796681727047-ApplicationScenarios';
import { ExpertCalls1796668100089 } from './1796668100089-ExpertCalls';
import { DealSigningTimeIndex1796667332849 } from './1796667332849-DealSigningTimeIndex';
import { AnalyticsFunnelRollup1796665745849 } from './1796665745849-AnalyticsFunnelRollup';
import { EventEditsAndReminders1796665433849 } from './1796665433849-EventEditsAndReminders';
import { ListingExitAndAmendedRegistrations1796665292700 } from './1796665292700-ListingExitAndAmendedRegistrations';
import { Events1796653890212 } from './1796653890212-Events';
import { RegistrationIntegrity1796653736143 } from './1796653736143-RegistrationIntegrity';
import { BureauDealIndexes1796624973474 } from './1796624973474-BureauDealIndexes';
import { DealHold1796624059580 } from './1796624059580-DealHold';
import { MatchDeclineReasonsOfEnterprises1796622772624 } from './1796622772624-MatchDeclineReasonsOfEnterprises';
import { EventNotifications1796622675560 } from './1796622675560-EventNotifications';
import { DealMarketEffects1796622658398 } from './1796622658398-DealMarketEffects';
import { DealRegistrationAuthority1796622613865 } from './1796622613865-DealRegistrationAuthority';
import { DigestPlanState1796616069911 } from './1796616069911-DigestPlanState';
import { ObjectionTriage1796614936687 } from './1796614936687-ObjectionTriage';
import { JobIntents1796613939640 } from './1796613939640-JobIntents';
import { PlatformSettings1796613843966 } from './1796613843966-PlatformSettings';
import { OutboxMarksIndexGenerations1796612274635 } from './1796612274635-OutboxMarksIndexGenerations';
import { BrokerCredentials1796612212307 } from './1796612212307-BrokerCredentials';
import { Programmes1796608285211 } from './1796608285211-Programmes';
import { StoredFiles1796601819678 } from './1796601819678-StoredFiles';
import { ObjectionOutcomes1796600768257 } from './1796600768257-ObjectionOutcomes';
import { MembershipsVerificationAccounts1796600332597 } from './1796600332597-MembershipsVerificationAccounts';
import { OutboxConsumers1795731632223 } from './1795731632223-OutboxConsumers';
import { AchievementsRepresentativeIndex1795727425292 } from './1795727425292-AchievementsRepresentativeIndex';
import { BrokerageNotificationKinds1795726371461 } from './1795726371461-BrokerageNotificationKinds';
import { DigestsAndNotifications1795725843662 } from './1795725843662-DigestsAndNotifications';
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
  BrokerCredentials1796612212307,
  OutboxMarksIndexGenerations1796612274635,
  PlatformSettings1796613843966,
  JobIntents1796613939640,
  ObjectionTriage1796614936687,
  DigestPlanState1796616069911,
  DealRegistrationAuthority1796622613865,
  DealMarketEffects1796622658398,
  EventNotifications1796622675560,
  MatchDeclineReasonsOfEnterprises1796622772624,
  DealHold1796624059580,
  BureauDealIndexes1796624973474,
  RegistrationIntegrity1796653736143,
  Events1796653890212,
  ListingExitAndAmendedRegistrations1796665292700,
  EventEditsAndReminders1796665433849,
  AnalyticsFunnelRollup1796665745849,
  DealSigningTimeIndex1796667332849,
  ExpertCalls1796668100089,
  ApplicationScenarios1796681727047,
  EventCancellations1796682266843,
  RecommendedCatalogue1796682375697,
  Consortia1796684158818,
];
