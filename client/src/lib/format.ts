const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
const compactMoney = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});
const integer = new Intl.NumberFormat('en-US');

export const formatMoney = (value: number | null | undefined) => (value == null ? '—' : money.format(value));
export const formatCompactMoney = (value: number) => compactMoney.format(value);
export const formatCount = (value: number | null | undefined) => (value == null ? '—' : integer.format(value));
export const formatNumber = (value: number | null | undefined, digits = 2) =>
  value == null ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const formatPercent = (value: number | null | undefined, digits = 2) =>
  value == null ? '—' : `${formatNumber(value, digits)}%`;

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

export const shortId = (runId: string) => runId.slice(0, 8);
