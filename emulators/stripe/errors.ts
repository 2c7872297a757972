/**
 * Stripe API errors: `{"error": {type, code, decline_code, message, param, …}}`
 * with the HTTP status Stripe sends for that kind of error.
 */
export type StripeErrorType =
  'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error' | 'rate_limit_error';

export type StripeErrorFields = {
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  charge?: string;
};

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    message: string,
    readonly fields: StripeErrorFields = {},
    /**
     * Raised while checking parameters, before the endpoint ran: Stripe does
     * not save such outcomes for idempotent replay.
     */
    readonly beforeExecution = false,
  ) {
    super(message);
  }

  toBody() {
    return {
      error: {
        type: this.type,
        code: this.fields.code ?? null,
        decline_code: this.fields.decline_code ?? null,
        message: this.message,
        param: this.fields.param ?? null,
        ...(this.fields.doc_url ? { doc_url: this.fields.doc_url } : {}),
        ...(this.fields.charge ? { charge: this.fields.charge } : {}),
        ...(this.fields.payment_intent ? { payment_intent: this.fields.payment_intent } : {}),
        ...(this.fields.payment_method ? { payment_method: this.fields.payment_method } : {}),
        request_log_url: null,
      },
    };
  }
}

/** A parameter problem: 400, never saved for idempotent replay. */
export function invalidParam(message: string, param?: string, code = 'parameter_invalid') {
  return new StripeApiError(400, 'invalid_request_error', message, { param, code }, true);
}

export function missingParam(param: string) {
  return new StripeApiError(
    400,
    'invalid_request_error',
    `Missing required param: ${param}.`,
    { param, code: 'parameter_missing' },
    true,
  );
}

export function notFound(kind: string, id: string, param = 'id') {
  return new StripeApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, {
    code: 'resource_missing',
    param,
  });
}

/**
 * An id given as a parameter of another request that names nothing: Stripe
 * answers 400, not 404, as the URL itself was found ("No such coupon: 'X'",
 * `param: discounts[0][coupon]`).
 */
export function missingReference(kind: string, id: string, param: string) {
  return new StripeApiError(400, 'invalid_request_error', `No such ${kind}: '${id}'`, {
    code: 'resource_missing',
    param,
  });
}

export function unexpectedState(message: string) {
  return new StripeApiError(400, 'invalid_request_error', message, {
    code: 'payment_intent_unexpected_state',
  });
}
