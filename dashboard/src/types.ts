// What central answers, as the issue 15 API contract (notes/api-contract.md) and the budgets
// and alerts handlers write it. Money members are Exact (json.ts keeps them exact).
import type { Exact } from "./money";

export type Role = "admin" | "viewer";

export interface SessionInfo {
  user: { username: string; role: Role };
  csrf_token: string;
  expires_unix_ms: number;
}

export interface Measures {
  cost_usd: Exact;
  cost_pico_usd: Exact;
  calls: Exact;
  errors: Exact;
  unpriced_calls: Exact;
  estimated_calls: Exact;
  input_tokens: Exact;
  output_tokens: Exact;
  cached_tokens: Exact;
  thinking_tokens: Exact;
  characters: Exact;
  credits: Exact;
  audio_seconds: Exact;
  tokens: Exact;
}

export interface Summary extends Measures {
  from: string;
  to: string;
  tz: string;
  error_rate: number;
  estimated_share: number;
}

export interface TimeBucket extends Measures {
  start: string;
  start_unix_ms: number;
}

export interface Timeseries {
  bucket: string;
  tz: string;
  from: string;
  to: string;
  buckets: TimeBucket[];
}

export interface BreakdownRow extends Measures {
  key: string;
}

export interface Breakdown {
  by: string;
  rows: BreakdownRow[];
  other: Measures | null;
  total: Measures;
}

export interface Pivot {
  rows: string[];
  cols: string[];
  cells: Exact[][];
  row_totals: Exact[];
  col_totals: Exact[];
  total: Exact;
}

export interface UsageEvent {
  event_id: string;
  start_unix_ms: number;
  cost_usd?: Exact | null;
  cost_pico_usd?: Exact | null;
  unpriced_reason?: string; // why central could not price it ("unknown_model", "no_rate", ...)
  [field: string]: unknown;
}

export interface EventsPage {
  events: UsageEvent[];
  next: string | null;
}

export const SCOPE_FIELDS = [
  "workspace",
  "team",
  "project",
  "source_app",
  "environment",
  "user",
  "provider",
  "model",
] as const;
export type ScopeField = (typeof SCOPE_FIELDS)[number];

export interface Budget {
  id: string;
  name: string;
  scope: Record<ScopeField, string>;
  period: string;
  time_zone: string;
  fiscal_first_month: number;
  amount_usd: Exact;
  amount_pico_usd: Exact;
  thresholds_percent: number[];
  hard_limit: boolean;
  per_request_cap_usd: Exact | null;
  per_request_cap_pico_usd: Exact | null;
  fail_closed: boolean | null;
  created_unix_ms: number;
  updated_unix_ms: number;
  spend: {
    period_key: string;
    period_start_unix_ms: number;
    period_end_unix_ms: number;
    spent_usd: Exact;
    spent_pico_usd: Exact;
    events: number;
    percent: number | null;
  };
}

export interface ApiKey {
  id: string;
  name: string;
  source_app: string;
  prefix: string;
  scopes: string[];
  workspace: string;
  created_unix_ms: number;
  last_used_unix_ms: number | null;
  revoked_unix_ms: number | null;
}

export interface Account {
  username: string;
  role: Role;
  created_unix_ms?: number;
  [field: string]: unknown;
}

export interface AlertDelivery {
  id: number;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  last_error: string;
  sent_unix_ms: number | null;
}

export interface Alert {
  id: number;
  budget_id: string;
  budget_name: string;
  period: string;
  period_key: string;
  kind: string;
  threshold_percent: number;
  fired_unix_ms: number;
  spent_usd: Exact;
  amount_usd: Exact;
  projected_usd: Exact | null;
  subject: string;
  text: string;
  deliveries: AlertDelivery[];
}

export interface AuditEntry {
  id: number;
  at_unix_ms: number;
  actor: string;
  action: string;
  object_id: string;
  before: unknown;
  after: unknown;
}

export const DIMENSIONS = [
  "workspace",
  "team",
  "project",
  "source_app",
  "environment",
  "user",
  "job",
  "feature",
  "provider",
  "model",
  "operation",
  "outcome",
  "pod",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const PIVOT_MEASURES = ["cost", "calls", "tokens", "characters"] as const;
export type PivotMeasure = (typeof PIVOT_MEASURES)[number];

export interface Forecast {
  period_start: string;
  period_end: string;
  method: string;
  spent_pico_usd: Exact;
  forecast_pico_usd: Exact;
  low_pico_usd: Exact;
  high_pico_usd: Exact;
}
