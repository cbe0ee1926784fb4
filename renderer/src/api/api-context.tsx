import { createContext, useContext, type ReactNode } from 'react';
import type { ParityApi } from '../../../shared/api-client';

const ApiContext = createContext<ParityApi | null>(null);

export function ApiProvider({ api, children }: { api: ParityApi; children: ReactNode }): ReactNode {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): ParityApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>.');
  return api;
}
