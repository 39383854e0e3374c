import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './AppLayout';
import { loadFeatureMessages, type Feature } from './i18n';
import { PageLoading } from '../shared/ui/states';
import { LandingPage } from '../features/search-hall/pages/LandingPage';

/**
 * A screen that loads when first visited, with the Chinese messages of the features it shows (locales/zh-CN/
 * <feature>.json; router.test.ts checks the list against the keys its modules use).
 */
function lazyPage(load: () => Promise<{ default: ComponentType }>, features: readonly Feature[] = []) {
  return lazy(() => Promise.all([load(), loadFeatureMessages(features)]).then(([module]) => module));
}

// The landing page is in the first bundle; everything else loads when first visited.
const NotFoundPage = lazyPage(() =>
  import('../shared/ui/NotFoundPage').then((module) => ({ default: module.NotFoundPage })),
);
const SearchHallPage = lazyPage(() => import('../features/search-hall/pages/SearchHallPage'));
const AchievementPage = lazyPage(() => import('../features/search-hall/pages/AchievementPage'), ['broker']);
const ExpertPage = lazyPage(() => import('../features/search-hall/pages/ExpertPage'));
const DemandPage = lazyPage(() => import('../features/search-hall/pages/DemandPage'), ['enterprise']);
const NoticesPage = lazyPage(() => import('../features/notices/pages/NoticesPage'));
const SignInPage = lazyPage(() => import('../features/account/pages/SignInPage'));
const RegisterPage = lazyPage(() => import('../features/account/pages/RegisterPage'));
const VerifyEmailPage = lazyPage(() => import('../features/account/pages/VerifyEmailPage'));
const ForgotPasswordPage = lazyPage(() => import('../features/account/pages/ForgotPasswordPage'));
const ResetPasswordPage = lazyPage(() => import('../features/account/pages/ResetPasswordPage'));
const InvitationPage = lazyPage(() => import('../features/account/pages/InvitationPage'));
const WorkspacePage = lazyPage(
  () => import('../features/account/pages/WorkspacePage'),
  ['broker', 'bureau', 'enterprise', 'expertCalls', 'programmes', 'researcher', 'ttoOffice'],
);
const MyAchievementsPage = lazyPage(
  () => import('../features/my-achievements/pages/MyAchievementsPage'),
  ['researcher'],
);
const FileAchievementPage = lazyPage(
  () => import('../features/my-achievements/pages/FileAchievementPage'),
  ['researcher'],
);
const TtoWorkbenchPage = lazyPage(() => import('../features/tto-workbench/pages/TtoWorkbenchPage'), ['ttoOffice']);
const NotificationCentrePage = lazyPage(
  () => import('../features/notifications/pages/NotificationCentrePage'),
  ['notifications'],
);
const SettingsPage = lazyPage(() => import('../features/notifications/pages/SettingsPage'), ['notifications']);
const MyAchievementPage = lazyPage(() => import('../features/my-achievements/pages/MyAchievementPage'), ['researcher']);
const BrokerQueuePage = lazyPage(() => import('../features/broker/pages/BrokerQueuePage'), ['broker']);
const PipelineBoardPage = lazyPage(() => import('../features/broker/pages/PipelineBoardPage'), ['broker']);
const DealPage = lazyPage(() => import('../features/broker/pages/DealPage'), ['broker', 'programmes']);
const BrokerPerformancePage = lazyPage(() => import('../features/broker/pages/BrokerPerformancePage'), ['broker']);
// The bureau's screens (the dashboard's SVG charts are in its own chunk).
const BureauDashboardPage = lazyPage(() => import('../features/bureau/pages/BureauDashboardPage'), ['bureau']);
const ContractLedgerPage = lazyPage(() => import('../features/bureau/pages/ContractLedgerPage'), ['bureau']);
const VerificationPage = lazyPage(() => import('../features/bureau/pages/VerificationPage'), ['bureau']);
const QueuesPage = lazyPage(() => import('../features/bureau/pages/QueuesPage'), ['bureau']);
// The bureau's programmes (features/programmes): rewards, evaluation, outcome follow-ups.
const BureauRewardsPage = lazyPage(
  () => import('../features/programmes/pages/BureauRewardsPage'),
  ['bureau', 'programmes'],
);
const BureauEvaluationPage = lazyPage(
  () => import('../features/programmes/pages/BureauEvaluationPage'),
  ['bureau', 'programmes'],
);
const BureauOutcomesPage = lazyPage(
  () => import('../features/programmes/pages/BureauOutcomesPage'),
  ['bureau', 'programmes'],
);
const MyRewardsPage = lazyPage(() => import('../features/programmes/pages/MyRewardsPage'), ['programmes']);
const RewardApplicationPage = lazyPage(
  () => import('../features/programmes/pages/RewardApplicationPage'),
  ['broker', 'programmes'],
);
const EvaluationReportFormPage = lazyPage(
  () => import('../features/programmes/pages/EvaluationReportFormPage'),
  ['programmes'],
);
const MyFollowUpsPage = lazyPage(() => import('../features/programmes/pages/MyFollowUpsPage'), ['programmes']);
const FollowUpPage = lazyPage(() => import('../features/programmes/pages/FollowUpPage'), ['programmes']);
const AnnualReportPage = lazyPage(
  () => import('../features/programmes/pages/AnnualReportPage'),
  ['broker', 'programmes'],
);
const MyDemandsPage = lazyPage(() => import('../features/enterprise/pages/MyDemandsPage'), ['enterprise']);
const DemandFormPage = lazyPage(() => import('../features/enterprise/pages/DemandFormPage'), ['enterprise']);
const MyDemandPage = lazyPage(() => import('../features/enterprise/pages/DemandPage'), ['enterprise']);
const EnterpriseIntroductionsPage = lazyPage(
  () => import('../features/enterprise/pages/IntroductionsPage'),
  ['enterprise'],
);
const EnterpriseIntroductionPage = lazyPage(
  () => import('../features/enterprise/pages/IntroductionPage'),
  ['enterprise'],
);
const ExpertProfilePage = lazyPage(() => import('../features/researcher/pages/ExpertProfilePage'), ['researcher']);
const TtoOfficePage = lazyPage(() => import('../features/tto-office/pages/TtoOfficePage'), ['ttoOffice']);
// Matchmaking events: the public list and page, the organiser's events and desk, a participant's meetings.
const EventsPage = lazyPage(() => import('../features/events/pages/EventsPage'));
const EventPage = lazyPage(() => import('../features/events/pages/EventPage'));
const OrganisedEventsPage = lazyPage(() => import('../features/events/pages/OrganisedEventsPage'));
const OrganiserDeskPage = lazyPage(() => import('../features/events/pages/OrganiserDeskPage'));
const MyMeetingsPage = lazyPage(() => import('../features/events/pages/MyMeetingsPage'));
// Calls for experts: the bureau's calls and desk, an expert's invitations.
const ExpertCallsPage = lazyPage(() => import('../features/expert-calls/pages/ExpertCallsPage'), ['expertCalls']);
const ExpertCallDeskPage = lazyPage(() => import('../features/expert-calls/pages/ExpertCallDeskPage'), ['expertCalls']);
const MyExpertCallInvitationsPage = lazyPage(
  () => import('../features/expert-calls/pages/MyExpertCallInvitationsPage'),
  ['expertCalls', 'researcher'],
);
// Innovation consortia: the members' screens, invitations to answer, the bureau's desk.
const ConsortiaPage = lazyPage(() => import('../features/consortia/pages/ConsortiaPage'), ['consortia']);
const ConsortiumPage = lazyPage(() => import('../features/consortia/pages/ConsortiumPage'), ['consortia']);
const ConsortiumInvitationsPage = lazyPage(
  () => import('../features/consortia/pages/ConsortiumInvitationsPage'),
  ['consortia'],
);
const BureauConsortiaPage = lazyPage(
  () => import('../features/consortia/pages/BureauConsortiaPage'),
  ['bureau', 'consortia'],
);

// The recommended catalogue (应用示范推荐目录): the public page, an enterprise's applications, the bureau's desk.
const CataloguePage = lazyPage(() => import('../features/catalogue/pages/CataloguePage'), ['catalogue']);
const CatalogueApplicationsPage = lazyPage(
  () => import('../features/catalogue/pages/CatalogueApplicationsPage'),
  ['catalogue', 'enterprise'],
);
const CatalogueReviewPage = lazyPage(
  () => import('../features/catalogue/pages/CatalogueReviewPage'),
  ['bureau', 'catalogue'],
);

const page = (element: ReactNode) => <Suspense fallback={<PageLoading />}>{element}</Suspense>;

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <LandingPage /> },
      { path: '/search', element: page(<SearchHallPage />) },
      { path: '/achievements/:id', element: page(<AchievementPage />) },
      { path: '/experts/:id', element: page(<ExpertPage />) },
      { path: '/demands/:id', element: page(<DemandPage />) },
      { path: '/notices', element: page(<NoticesPage />) },
      { path: '/catalogue', element: page(<CataloguePage />) },
      { path: '/workspace/catalogue', element: page(<CatalogueApplicationsPage />) },
      { path: '/workspace/bureau/catalogue', element: page(<CatalogueReviewPage />) },
      { path: '/sign-in', element: page(<SignInPage />) },
      { path: '/register', element: page(<RegisterPage />) },
      // The paths the API's emails link to (libs/identity AccountLinks).
      { path: '/verify-email', element: page(<VerifyEmailPage />) },
      { path: '/forgot-password', element: page(<ForgotPasswordPage />) },
      { path: '/reset-password', element: page(<ResetPasswordPage />) },
      { path: '/invitations/accept', element: page(<InvitationPage />) },
      { path: '/workspace', element: page(<WorkspacePage />) },
      { path: '/workspace/achievements', element: page(<MyAchievementsPage />) },
      { path: '/workspace/reviews', element: page(<TtoWorkbenchPage />) },
      { path: '/workspace/achievements/new', element: page(<FileAchievementPage />) },
      { path: '/workspace/achievements/:id', element: page(<MyAchievementPage />) },
      { path: '/workspace/broker/queue', element: page(<BrokerQueuePage />) },
      { path: '/workspace/broker/deals', element: page(<PipelineBoardPage />) },
      { path: '/workspace/broker/deals/:id', element: page(<DealPage />) },
      { path: '/workspace/broker/performance', element: page(<BrokerPerformancePage />) },
      { path: '/workspace/bureau', element: page(<BureauDashboardPage />) },
      { path: '/workspace/bureau/ledger', element: page(<ContractLedgerPage />) },
      { path: '/workspace/bureau/verification', element: page(<VerificationPage />) },
      { path: '/workspace/bureau/queues', element: page(<QueuesPage />) },
      { path: '/workspace/bureau/rewards', element: page(<BureauRewardsPage />) },
      { path: '/workspace/bureau/evaluation', element: page(<BureauEvaluationPage />) },
      { path: '/workspace/bureau/outcomes', element: page(<BureauOutcomesPage />) },
      // Applicants' side of the programmes; /follow-ups/:id is the link of the follow-up's email and notification.
      { path: '/workspace/rewards', element: page(<MyRewardsPage />) },
      { path: '/workspace/rewards/:id', element: page(<RewardApplicationPage />) },
      { path: '/workspace/evaluation-report', element: page(<EvaluationReportFormPage />) },
      { path: '/workspace/annual-report', element: page(<AnnualReportPage />) },
      { path: '/workspace/follow-ups', element: page(<MyFollowUpsPage />) },
      { path: '/follow-ups/:id', element: page(<FollowUpPage />) },
      // Enterprise: 我的需求, 需求发布, a demand's match inbox, the introductions of my enterprise.
      { path: '/workspace/demands', element: page(<MyDemandsPage />) },
      { path: '/workspace/demands/new', element: page(<DemandFormPage />) },
      { path: '/workspace/demands/:id', element: page(<MyDemandPage />) },
      { path: '/workspace/demands/:id/edit', element: page(<DemandFormPage />) },
      { path: '/workspace/my-introductions', element: page(<EnterpriseIntroductionsPage />) },
      { path: '/workspace/my-introductions/:id', element: page(<EnterpriseIntroductionPage />) },
      // The notification centre and account settings (the digest email's settings link is /settings/digest).
      { path: '/notifications', element: page(<NotificationCentrePage />) },
      { path: '/settings', element: <Navigate to="/settings/notifications" replace /> },
      { path: '/settings/:section', element: page(<SettingsPage />) },
      { path: '/workspace/achievements/:id/edit', element: page(<FileAchievementPage />) },
      { path: '/workspace/expert-profile', element: page(<ExpertProfilePage />) },
      { path: '/workspace/office/:tab?', element: page(<TtoOfficePage />) },
      { path: '/events', element: page(<EventsPage />) },
      { path: '/events/:id', element: page(<EventPage />) },
      { path: '/workspace/events', element: page(<OrganisedEventsPage />) },
      { path: '/workspace/events/:id/organise', element: page(<OrganiserDeskPage />) },
      { path: '/workspace/events/:id/meetings', element: page(<MyMeetingsPage />) },
      { path: '/workspace/expert-calls', element: page(<ExpertCallsPage />) },
      { path: '/workspace/expert-calls/invitations', element: page(<MyExpertCallInvitationsPage />) },
      { path: '/workspace/expert-calls/:id', element: page(<ExpertCallDeskPage />) },
      { path: '/workspace/consortia', element: page(<ConsortiaPage />) },
      { path: '/workspace/consortia/invitations', element: page(<ConsortiumInvitationsPage />) },
      { path: '/workspace/consortia/:id', element: page(<ConsortiumPage />) },
      { path: '/workspace/bureau/consortia', element: page(<BureauConsortiaPage />) },
      { path: '*', element: page(<NotFoundPage />) },
    ],
  },
]);
