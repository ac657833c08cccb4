// Shapes of the API's JSON (snake_case, as the server sends it). See /openapi.json.

export type Role = 'admin' | 'analyst' | 'sales_team';

export interface User {
  id: number;
  email: string;
  username: string;
  full_name: string | null;
  role: Role;
  sales_team_id: number | null;
  sales_team_name: string | null;
  is_active: boolean;
  created_at: string;
}

export interface SalesTeam {
  id: number;
  name: string;
}

export interface PublicConfig {
  app_name: string;
  environment: string;
  storage_type: 'local' | 's3';
  max_upload_mb: number;
  allowed_input_extensions: string[];
  business_timezone: string;
  default_irr_target: number;
}

export type RunStatus = 'pending' | 'running' | 'completed' | 'failed';

export interface Run {
  id: number;
  run_id: string;
  status: RunStatus;
  sales_team_id: number | null;
  sales_team_name: string | null;
  total_loans: number;
  total_balance: number;
  exceptions_count: number;
  run_weekday_name: string | null;
  pdate: string | null;
  last_phase: string | null;
  started_at: string | null;
  completed_at: string | null;
  created_at: string;
  irr_target: number | null;
  folder: string | null;
  rulebook_version: number | null;
  trigger: string;
  progress: { phase: string | null; done: number; total: number; percent: number };
  error: { message: string; phase: string | null } | null;
}

export interface CountAndBalance {
  count: number;
  balance: number;
}

export interface EligibilityCheck {
  name: string;
  category: string;
  action: string;
  failed_count: number;
  failed_balance: number;
}

export interface PortfolioTest {
  id: string;
  name: string;
  metric: string;
  op: string;
  threshold: number;
  value: number | null;
  pass: boolean | null;
}

export interface ConcentrationBucket {
  bucket: string;
  balance: number;
  share_pct: number;
  pass: boolean;
}

export interface ConcentrationLimit {
  id: string;
  name: string;
  dimension: string;
  max_share_pct: number;
  pass: boolean;
  largest: ConcentrationBucket | null;
  removed_count: number;
  removed_balance: number;
  bucket_count: number;
}

export interface StratificationRow {
  bucket: string;
  count: number;
  balance: number;
  share_pct: number;
  wa_interest_rate: number | null;
  wa_fico: number | null;
}

export interface PurchasePool extends CountAndBalance {
  total_purchase_price: number;
  wa_price_pct: number | null;
  wa_interest_rate: number | null;
  wa_fico: number | null;
  wa_dti: number | null;
  wa_remaining_term: number | null;
  wa_original_term: number | null;
  wa_loan_age_months: number | null;
  wal_years: number | null;
}

export interface RunSummary {
  run_id: string;
  status: string;
  total_loans: number;
  total_balance: number;
  exceptions_count: number;
  summary_available: boolean;
  eligibility_checks: Record<string, EligibilityCheck>;
  rulebook?: { name: string; version: number };
  dispositions?: Partial<Record<'purchase' | 'hold' | 'reject', CountAndBalance>>;
  purchase_pool?: PurchasePool;
  portfolio_tests?: PortfolioTest[];
  concentration?: {
    enforced: boolean;
    min_pool_balance: number;
    pool_balance_before: number;
    pool_balance_after: number;
    limits: ConcentrationLimit[];
  };
  stratifications?: Record<string, StratificationRow[] | string>;
}

export interface RunFile {
  output_key: string;
  file_name: string;
  path: string;
  size: number;
  content_type: string;
  created_at: string;
}

export interface LoanException {
  id: number;
  run_id: string;
  seller_loan_number: string;
  exception_type: string;
  exception_category: string;
  severity: string;
  message: string | null;
  rejection_criteria: string | null;
  created_at: string;
}

export interface Loan {
  id: number;
  run_id: string;
  seller_loan_number: string;
  disposition: string | null;
  price_pct: number | null;
  purchase_price: number | null;
  wal_years: number | null;
  loan_data: Record<string, unknown> | null;
}

export type FileArea = 'inputs' | 'outputs' | 'output_share';

export interface FileEntry {
  name: string;
  path: string;
  size: number;
  modified: string | null;
  is_dir: boolean;
}

export interface RulebookVersion {
  version: number;
  name: string;
  comment: string | null;
  created_at: string;
  created_by: { id: number; username: string } | null;
  rulebook: Record<string, unknown>;
}

/** A page of a list endpoint: the rows plus the X-Total-Count header. */
export interface Page<T> {
  items: T[];
  total: number;
}
