import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { LoginRoute } from './routes/login';
import { HomeRoute } from './routes/home';
import { PageLoading } from '@/components/PageState';
import { queryClient } from './provider';
import { submissionQueryOptions } from '@/features/submissions/api/submissions';
import { periodsQueryOptions } from '@/features/periods/api/periods';
import { indicatorsQueryOptions } from '@/features/indicators/api/indicators';

// Every page but login and the shell is split out so the first load stays small.
const loadSubmissionRoute = () => import('./routes/submission');
const SubmissionRoute = lazy(loadSubmissionRoute);
const ReviewQueueRoute = lazy(() => import('./routes/review-queue'));
const ReviewRoute = lazy(() => import('./routes/review'));
const StatusBoardRoute = lazy(() => import('./routes/status-board'));
const RankingRoute = lazy(() => import('./routes/ranking'));
const UnitRoute = lazy(() => import('./routes/unit'));
const PrintScoreRoute = lazy(() => import('./routes/print-score'));
const ChartsRoute = lazy(() => import('./routes/charts'));
const AdminUnitsRoute = lazy(() => import('./routes/admin-units'));
const AdminUsersRoute = lazy(() => import('./routes/admin-users'));
const AdminPeriodsRoute = lazy(() => import('./routes/admin-periods'));
const AdminAwardSettingsRoute = lazy(() => import('./routes/admin-award-settings'));
const TokensRoute = lazy(() => import('./routes/tokens'));
const WebhooksRoute = lazy(() => import('./routes/webhooks'));
const InspectionsRoute = lazy(() => import('./routes/inspections'));
const BonusesRoute = lazy(() => import('./routes/bonuses'));
const AwardsRoute = lazy(() => import('./routes/awards'));
const BudgetRoute = lazy(() => import('./routes/budget'));
const ConsolidatedReportsRoute = lazy(() => import('./routes/consolidated-reports'));
const RemindersRoute = lazy(() => import('./routes/reminders'));
const NotificationsRoute = lazy(() => import('./routes/notifications'));
const ModelsRoute = lazy(() => import('./routes/models'));
const AuditRoute = lazy(() => import('./routes/audit'));
const SchemesRoute = lazy(() => import('./routes/schemes'));
const BaselinesRoute = lazy(() => import('./routes/baselines'));
const PublicRoute = lazy(() => import('./routes/public'));
const NominationsRoute = lazy(() => import('./routes/nominations'));
const NarrativesRoute = lazy(() => import('./routes/narratives'));
const ActivateRoute = lazy(() => import('./routes/activate'));

const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute /> },
  // An imported account's first password, set with its activation code: no session yet.
  {
    path: '/kich-hoat',
    element: (
      <Suspense fallback={<PageLoading />}>
        <ActivateRoute />
      </Suspense>
    ),
  },
  // Published results for citizens and the press: no session, so outside the signed-in layout.
  {
    path: '/cong-khai',
    element: (
      <Suspense fallback={<PageLoading />}>
        <PublicRoute />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <HomeRoute /> },
      {
        path: 'reports/:period/:unit',
        element: <SubmissionRoute />,
        // The form is the page people wait on: fetch its code and data together, not one after the other.
        loader: ({ params }) => {
          void loadSubmissionRoute();
          void queryClient.prefetchQuery(submissionQueryOptions(params.period ?? '', params.unit ?? ''));
          void queryClient.prefetchQuery(indicatorsQueryOptions);
          void queryClient.prefetchQuery(periodsQueryOptions);
          return null;
        },
      },
      { path: 'review', element: <ReviewQueueRoute /> },
      { path: 'review/:period/:unit', element: <ReviewRoute /> },
      { path: 'status', element: <StatusBoardRoute /> },
      { path: 'ranking', element: <RankingRoute /> },
      { path: 'units/:code', element: <UnitRoute /> },
      // A unit's report and score as an A4 document, for the browser's print ("In").
      { path: 'in/:period/:unit', element: <PrintScoreRoute /> },
      { path: 'charts', element: <ChartsRoute /> },
      { path: 'admin/units', element: <AdminUnitsRoute /> },
      { path: 'admin/users', element: <AdminUsersRoute /> },
      { path: 'admin/periods', element: <AdminPeriodsRoute /> },
      { path: 'admin/award-settings', element: <AdminAwardSettingsRoute /> },
      { path: 'tokens', element: <TokensRoute /> },
      { path: 'webhooks', element: <WebhooksRoute /> },
      { path: 'inspections', element: <InspectionsRoute /> },
      { path: 'bonuses', element: <BonusesRoute /> },
      { path: 'awards', element: <AwardsRoute /> },
      { path: 'budget', element: <BudgetRoute /> },
      { path: 'consolidated-reports', element: <ConsolidatedReportsRoute /> },
      { path: 'reminders', element: <RemindersRoute /> },
      { path: 'notifications', element: <NotificationsRoute /> },
      { path: 'models', element: <ModelsRoute /> },
      { path: 'audit', element: <AuditRoute /> },
      { path: 'admin/schemes', element: <SchemesRoute /> },
      { path: 'baselines', element: <BaselinesRoute /> },
      { path: 'nominations', element: <NominationsRoute /> },
      { path: 'narratives', element: <NarrativesRoute /> },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
