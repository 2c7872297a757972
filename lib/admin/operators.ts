import 'server-only';
import { getEnv } from '../env';
import { isSendableAddress } from '../mail/email-address';
import { normalizeEmail } from '../store/orders';

/** The operator an address names (ADMIN_EMAILS), lowercased; null for anyone else. */
export function operatorFor(email: unknown): string | null {
  if (typeof email !== 'string') return null;
  const normalized = normalizeEmail(email);
  if (!isSendableAddress(normalized)) return null;
  return getEnv().admin.emails.includes(normalized) ? normalized : null;
}
