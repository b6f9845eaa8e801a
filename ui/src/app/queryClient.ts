// The query client for host data: fresh until the host says it changed.
import { QueryClient } from '@tanstack/react-query';
import type { WireError } from '../bindings/WireError';

declare module '@tanstack/react-query' {
  interface Register {
    // Host calls reject only with `WireError`s (see platform/host.ts).
    defaultError: WireError;
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The host pushes `folio://changed` after every write, so data never goes stale by age…
        staleTime: Infinity,
        // …and a local host that failed once (archive in use, newer schema) fails the same way again.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}
