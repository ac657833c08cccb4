import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiClient, cleanParams, toPage } from '../../../lib/api-client';
import type { LoanException, Page } from '../../../types/api';

export interface ExceptionFilters {
  run_id?: string;
  exception_type?: string;
  exception_category?: string;
  severity?: string;
  seller_loan_number?: string;
}

export async function getExceptions(
  filters: ExceptionFilters & { skip: number; limit: number },
): Promise<Page<LoanException>> {
  return toPage(await apiClient.get<LoanException[]>('/api/exceptions', { params: cleanParams(filters) }));
}

export function useExceptions(filters: ExceptionFilters & { skip: number; limit: number }) {
  return useQuery({
    queryKey: ['exceptions', filters],
    queryFn: () => getExceptions(filters),
    placeholderData: keepPreviousData,
  });
}
