import { lazy } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { LoginRoute } from './routes/login';
import { HomeRoute } from './routes/home';

// Every page but login and the shell is split out so the first load stays small.
const SubmissionRoute = lazy(() => import('./routes/submission'));
const ReviewQueueRoute = lazy(() => import('./routes/review-queue'));
const ReviewRoute = lazy(() => import('./routes/review'));
const StatusBoardRoute = lazy(() => import('./routes/status-board'));
const RankingRoute = lazy(() => import('./routes/ranking'));
const UnitRoute = lazy(() => import('./routes/unit'));
const ChartsRoute = lazy(() => import('./routes/charts'));
const AdminUnitsRoute = lazy(() => import('./routes/admin-units'));
const AdminUsersRoute = lazy(() => import('./routes/admin-users'));
const AdminPeriodsRoute = lazy(() => import('./routes/admin-periods'));
const TokensRoute = lazy(() => import('./routes/tokens'));

const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'reports/:period/:unit', element: <SubmissionRoute /> },
      { path: 'review', element: <ReviewQueueRoute /> },
      { path: 'review/:period/:unit', element: <ReviewRoute /> },
      { path: 'status', element: <StatusBoardRoute /> },
      { path: 'ranking', element: <RankingRoute /> },
      { path: 'units/:code', element: <UnitRoute /> },
      { path: 'charts', element: <ChartsRoute /> },
      { path: 'admin/units', element: <AdminUnitsRoute /> },
      { path: 'admin/users', element: <AdminUsersRoute /> },
      { path: 'admin/periods', element: <AdminPeriodsRoute /> },
      { path: 'tokens', element: <TokensRoute /> },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
