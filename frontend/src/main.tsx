import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider, queryClient } from '@/app/provider';
import { AppRouter } from '@/app/router';
import { serverClockQueryOptions } from '@/app/server-clock';

// The server's clock is asked for at once, alongside the session check; the layout waits for both.
void queryClient.prefetchQuery(serverClockQueryOptions);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider>
      <AppRouter />
    </AppProvider>
  </StrictMode>,
);
