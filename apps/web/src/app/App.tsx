import { useCallback } from 'react';
import { RouterProvider } from 'react-router';
import { Providers } from './providers';
import { router } from './router';

export function App() {
  const onSessionExpired = useCallback(() => {
    const here = `${window.location.pathname}${window.location.search}`;
    void router.navigate(`/sign-in?next=${encodeURIComponent(here)}`);
  }, []);
  return (
    <Providers onSessionExpired={onSessionExpired}>
      <RouterProvider router={router} />
    </Providers>
  );
}
