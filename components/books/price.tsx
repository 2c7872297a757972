import { formatMoney, type Money } from '@/lib/money';

export function Price({ amount, currency, className }: Money & { className?: string }) {
  return <span className={className}>{formatMoney({ amount, currency })}</span>;
}
