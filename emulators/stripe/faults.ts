/**
 * Faults injected by tests for the next N matching requests: an error status,
 * a delay, a dropped connection, or (afterExecution) a lost response: the
 * request takes effect but the client sees a 500, which is what idempotent
 * retries exist for.
 */
export type Fault = {
  method?: string;
  /** Matches when the request path starts with this. */
  path?: string;
  /**
   * Matches only requests whose parameters, as JSON, contain this text (e.g. a
   * postal code): one test's requests fail while others' running beside it do not.
   */
  bodyIncludes?: string;
  count: number;
  status?: 500 | 502 | 503 | 429 | 409;
  delayMs?: number;
  reset?: boolean;
  afterExecution?: boolean;
  /** Extra response headers, e.g. {"Stripe-Should-Retry": "false"}. */
  headers?: Record<string, string>;
};

export class FaultInjector {
  faults: Fault[] = [];

  add(fault: Fault): void {
    if (!(fault.count > 0)) throw new Error('A fault needs count ≥ 1');
    if (fault.status === undefined && fault.delayMs === undefined && !fault.reset) {
      throw new Error('A fault needs a status, a delayMs or reset: true');
    }
    this.faults.push({ ...fault });
  }

  /** The fault for this request, if any, counting it used. */
  take(
    method: string,
    path: string,
    afterExecution: boolean,
    params: unknown = {},
  ): Fault | undefined {
    let body: string | null = null;
    const fault = this.faults.find(
      (f) =>
        Boolean(f.afterExecution) === afterExecution &&
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.path || path.startsWith(f.path)) &&
        (!f.bodyIncludes || (body ??= JSON.stringify(params)).includes(f.bodyIncludes)),
    );
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  reset(): void {
    this.faults = [];
  }
}

export function faultBody(status: number) {
  if (status === 429) {
    return {
      error: {
        type: 'rate_limit_error',
        code: 'rate_limit',
        decline_code: null,
        message:
          'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
        param: null,
        request_log_url: null,
      },
    };
  }
  if (status === 409) {
    return {
      error: {
        type: 'idempotency_error',
        code: 'idempotency_key_in_use',
        decline_code: null,
        message:
          'There is currently another in-progress request using this Idempotent Key. Please try again later.',
        param: null,
        request_log_url: null,
      },
    };
  }
  return {
    error: {
      type: 'api_error',
      code: null,
      decline_code: null,
      message: 'An unknown error occurred (injected by the Stripe emulator).',
      param: null,
      request_log_url: null,
    },
  };
}
