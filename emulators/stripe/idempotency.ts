/**
 * Stripe's idempotency layer: the first outcome of a POST with an
 * Idempotency-Key (once the endpoint started, errors included) is saved and
 * replayed for the same key; the same key with other parameters or another
 * endpoint is refused; a request arriving while the first is still running
 * gets 409; keys are forgotten 24 hours after first use.
 */
import { StripeApiError } from './errors';
import type { Clock } from './clock';

const KEY_LIFETIME_SECONDS = 24 * 60 * 60;
const MAX_KEY_LENGTH = 255;

type Entry = {
  method: string;
  path: string;
  params: string;
  createdAt: number;
  requestId: string;
  outcome: { status: number; body: unknown } | null;
};

export type IdempotencyDecision =
  | { kind: 'run'; finish: (status: number, body: unknown) => void; abandon: () => void }
  | { kind: 'replay'; status: number; body: unknown; originalRequestId: string };

export class IdempotencyStore {
  private entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  reset(): void {
    this.entries.clear();
  }

  begin(
    scope: string,
    key: string,
    request: { method: string; path: string; params: string; requestId: string },
  ): IdempotencyDecision {
    if (key.length > MAX_KEY_LENGTH) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `Invalid idempotency key: keys can be at most ${MAX_KEY_LENGTH} characters long.`,
        { code: 'idempotency_key_too_long' },
        true,
      );
    }
    const id = `${scope}\u0000${key}`;
    const now = this.clock.now();
    let entry = this.entries.get(id);
    if (entry && now - entry.createdAt >= KEY_LIFETIME_SECONDS) {
      this.entries.delete(id);
      entry = undefined;
    }
    if (entry) {
      if (entry.method !== request.method || entry.path !== request.path) {
        // This request's path first, then the first one's: a key first used to create an
        // invoice and then to pay it gets "('/v1/invoices/in_…/pay' vs '/v1/invoices')"
        // (github.com/stripe/stripe-ruby/issues/598).
        throw new StripeApiError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${request.path}' vs '${entry.path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
          {},
          true,
        );
      }
      if (entry.params !== request.params) {
        throw new StripeApiError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          {},
          true,
        );
      }
      if (!entry.outcome) {
        throw new StripeApiError(
          409,
          'idempotency_error',
          `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
          { code: 'idempotency_key_in_use' },
          true,
        );
      }
      return { kind: 'replay', ...entry.outcome, originalRequestId: entry.requestId };
    }
    const created: Entry = { ...request, createdAt: now, outcome: null };
    this.entries.set(id, created);
    return {
      kind: 'run',
      finish: (status, body) => {
        // A snapshot: Stripe replays the response as first sent, not the object as it is
        // now (a refund that has since settled still replays as `pending`).
        created.outcome = { status, body: structuredClone(body) };
      },
      abandon: () => {
        if (this.entries.get(id) === created) this.entries.delete(id);
      },
    };
  }
}
