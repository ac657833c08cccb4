import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiClient, cleanParams, toPage } from '../../../lib/api-client';
import type { Loan, Page } from '../../../types/api';

export interface LoansQuery {
  run_id: string;
  disposition?: string;
  skip: number;
  limit: number;
}

export async function getLoans(query: LoansQuery): Promise<Page<Loan>> {
  return toPage(await apiClient.get<Loan[]>('/api/loans', { params: cleanParams(query) }));
}

export function useLoans(query: LoansQuery) {
  return useQuery({ queryKey: ['loans', query], queryFn: () => getLoans(query), placeholderData: keepPreviousData });
}
