import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './AppLayout';
import { PageLoading } from '../shared/ui/states';
import { LandingPage } from '../features/search-hall/pages/LandingPage';

// The landing page is in the first bundle; everything else loads when first visited.
const NotFoundPage = lazy(() =>
  import('../shared/ui/NotFoundPage').then((module) => ({ default: module.NotFoundPage })),
);
const SearchHallPage = lazy(() => import('../features/search-hall/pages/SearchHallPage'));
const AchievementPage = lazy(() => import('../features/search-hall/pages/AchievementPage'));
const ExpertPage = lazy(() => import('../features/search-hall/pages/ExpertPage'));
const DemandPage = lazy(() => import('../features/search-hall/pages/DemandPage'));
const NoticesPage = lazy(() => import('../features/notices/pages/NoticesPage'));
const SignInPage = lazy(() => import('../features/account/pages/SignInPage'));
const RegisterPage = lazy(() => import('../features/account/pages/RegisterPage'));
const VerifyEmailPage = lazy(() => import('../features/account/pages/VerifyEmailPage'));
const ForgotPasswordPage = lazy(() => import('../features/account/pages/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../features/account/pages/ResetPasswordPage'));
const InvitationPage = lazy(() => import('../features/account/pages/InvitationPage'));
const WorkspacePage = lazy(() => import('../features/account/pages/WorkspacePage'));
const MyAchievementsPage = lazy(() => import('../features/my-achievements/pages/MyAchievementsPage'));
const FileAchievementPage = lazy(() => import('../features/my-achievements/pages/FileAchievementPage'));
const TtoWorkbenchPage = lazy(() => import('../features/tto-workbench/pages/TtoWorkbenchPage'));
const NotificationCentrePage = lazy(() => import('../features/notifications/pages/NotificationCentrePage'));
const SettingsPage = lazy(() => import('../features/notifications/pages/SettingsPage'));
const MyAchievementPage = lazy(() => import('../features/my-achievements/pages/MyAchievementPage'));
const BrokerQueuePage = lazy(() => import('../features/broker/pages/BrokerQueuePage'));
const PipelineBoardPage = lazy(() => import('../features/broker/pages/PipelineBoardPage'));
const DealPage = lazy(() => import('../features/broker/pages/DealPage'));
const BrokerPerformancePage = lazy(() => import('../features/broker/pages/BrokerPerformancePage'));
// The bureau's screens (echarts loads only with the dashboard's charts).
const BureauDashboardPage = lazy(() => import('../features/bureau/pages/BureauDashboardPage'));
const ContractLedgerPage = lazy(() => import('../features/bureau/pages/ContractLedgerPage'));
const VerificationPage = lazy(() => import('../features/bureau/pages/VerificationPage'));
const QueuesPage = lazy(() => import('../features/bureau/pages/QueuesPage'));
// The bureau's programmes (features/programmes): rewards, evaluation, outcome follow-ups.
const BureauRewardsPage = lazy(() => import('../features/programmes/pages/BureauRewardsPage'));
const BureauEvaluationPage = lazy(() => import('../features/programmes/pages/BureauEvaluationPage'));
const BureauOutcomesPage = lazy(() => import('../features/programmes/pages/BureauOutcomesPage'));
const MyRewardsPage = lazy(() => import('../features/programmes/pages/MyRewardsPage'));
const RewardApplicationPage = lazy(() => import('../features/programmes/pages/RewardApplicationPage'));
const EvaluationReportFormPage = lazy(() => import('../features/programmes/pages/EvaluationReportFormPage'));
const MyFollowUpsPage = lazy(() => import('../features/programmes/pages/MyFollowUpsPage'));
const FollowUpPage = lazy(() => import('../features/programmes/pages/FollowUpPage'));
const AnnualReportPage = lazy(() => import('../features/programmes/pages/AnnualReportPage'));
const MyDemandsPage = lazy(() => import('../features/enterprise/pages/MyDemandsPage'));
const DemandFormPage = lazy(() => import('../features/enterprise/pages/DemandFormPage'));
const MyDemandPage = lazy(() => import('../features/enterprise/pages/DemandPage'));
const EnterpriseIntroductionsPage = lazy(() => import('../features/enterprise/pages/IntroductionsPage'));
const EnterpriseIntroductionPage = lazy(() => import('../features/enterprise/pages/IntroductionPage'));
const ExpertProfilePage = lazy(() => import('../features/researcher/pages/ExpertProfilePage'));
const TtoOfficePage = lazy(() => import('../features/tto-office/pages/TtoOfficePage'));
// Matchmaking events: the public list and page, the organiser's events and desk, a participant's meetings.
const EventsPage = lazy(() => import('../features/events/pages/EventsPage'));
const EventPage = lazy(() => import('../features/events/pages/EventPage'));
const OrganisedEventsPage = lazy(() => import('../features/events/pages/OrganisedEventsPage'));
const OrganiserDeskPage = lazy(() => import('../features/events/pages/OrganiserDeskPage'));
const MyMeetingsPage = lazy(() => import('../features/events/pages/MyMeetingsPage'));
// Calls for experts: the bureau's calls and desk, an expert's invitations.
const ExpertCallsPage = lazy(() => import('../features/expert-calls/pages/ExpertCallsPage'));
const ExpertCallDeskPage = lazy(() => import('../features/expert-calls/pages/ExpertCallDeskPage'));
const MyExpertCallInvitationsPage = lazy(() => import('../features/expert-calls/pages/MyExpertCallInvitationsPage'));
// Innovation consortia: the members' screens, invitations to answer, the bureau's desk.
const ConsortiaPage = lazy(() => import('../features/consortia/pages/ConsortiaPage'));
const ConsortiumPage = lazy(() => import('../features/consortia/pages/ConsortiumPage'));
const ConsortiumInvitationsPage = lazy(() => import('../features/consortia/pages/ConsortiumInvitationsPage'));
const BureauConsortiaPage = lazy(() => import('../features/consortia/pages/BureauConsortiaPage'));

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
