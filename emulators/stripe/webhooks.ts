/**
 * Delivers events to webhook endpoints as Stripe does: the exact JSON bytes,
 * `Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")` signed afresh on
 * every attempt, 2xx is success, anything else (or a timeout) is retried
 * with exponential backoff up to a bound. Deliveries never hold up the API
 * response that caused them.
 */
import { createHmac } from 'node:crypto';
import type { StripeEvent } from './objects';
import type { Clock } from './clock';

export type DeliveryMode = {
  /** Deliver every event twice. */
  duplicate: boolean;
  /**
   * Collect the events of each `shuffleWindowMs` and deliver them one after
   * another in a random order drawn from `shuffleSeed` (the same seed, the
   * same order), so handlers see events out of order, reproducibly.
   */
  shuffle: boolean;
  shuffleWindowMs: number;
  shuffleSeed: number;
  /** Hold every delivery this long before its first attempt. */
  delayMs: number;
  /** Share (0–1) of deliveries silently dropped: never sent, as if lost. */
  dropRate: number;
  /** Sign with a timestamp this many seconds in the past (0: now). */
  staleTimestampSeconds: number;
};

export type WebhookConfig = {
  url: string;
  secret: string;
  enabled: boolean;
  /** Event types to send; ['*'] for all. */
  enabledEvents: string[];
  maxAttempts: number;
  retryBaseDelayMs: number;
  timeoutMs: number;
  mode: DeliveryMode;
};

export type DeliveryAttempt = {
  at: number;
  status: number | null;
  error: string | null;
  durationMs: number;
};

export type Delivery = {
  id: string;
  eventId: string;
  eventType: string;
  url: string;
  status: 'pending' | 'succeeded' | 'failed' | 'dropped';
  attempts: DeliveryAttempt[];
};

export const DEFAULT_MODE: DeliveryMode = {
  duplicate: false,
  shuffle: false,
  shuffleWindowMs: 100,
  shuffleSeed: 1,
  delayMs: 0,
  dropRate: 0,
  staleTimestampSeconds: 0,
};

export function signPayload(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/** mulberry32: a small seeded generator, so a shuffle can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class WebhookDispatcher {
  config: WebhookConfig;
  deliveries: Delivery[] = [];
  private readonly defaults: WebhookConfig;
  private pending = new Set<Promise<void>>();
  private timers = new Set<NodeJS.Timeout>();
  private nextId = 1;
  private shuffleBatch: Array<{ event: StripeEvent; payload: string }> = [];
  private random = seededRandom(1);

  constructor(
    defaults: WebhookConfig,
    private readonly clock: Clock,
  ) {
    this.defaults = structuredClone(defaults);
    this.config = structuredClone(defaults);
  }

  configure(
    patch: Partial<Omit<WebhookConfig, 'mode'>> & { mode?: Partial<DeliveryMode> },
  ): WebhookConfig {
    this.config = { ...this.config, ...patch, mode: { ...this.config.mode, ...patch.mode } };
    if (patch.mode?.shuffleSeed !== undefined || patch.mode?.shuffle) {
      this.random = seededRandom(this.config.mode.shuffleSeed);
    }
    return this.config;
  }

  /** Forgets deliveries and restores the starting configuration; deliveries under way are cancelled. */
  reset(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deliveries = [];
    this.shuffleBatch = [];
    this.config = structuredClone(this.defaults);
    this.random = seededRandom(this.config.mode.shuffleSeed);
  }

  /** How many endpoints will receive this event (the event's `pending_webhooks`). */
  recipients(type: string): number {
    const { enabled, enabledEvents } = this.config;
    return enabled && (enabledEvents.includes('*') || enabledEvents.includes(type)) ? 1 : 0;
  }

  enqueue(event: StripeEvent): void {
    if (this.recipients(event.type) === 0) return;
    const payload = JSON.stringify(event, null, 2);
    const copies = this.config.mode.duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      if (this.config.mode.shuffle) this.addToShuffle(event, payload);
      else this.start(event, payload);
    }
  }

  private addToShuffle(event: StripeEvent, payload: string): void {
    this.shuffleBatch.push({ event, payload });
    if (this.shuffleBatch.length > 1) return;
    this.track(
      this.wait(this.config.mode.shuffleWindowMs).then(async () => {
        const batch = this.shuffleBatch;
        this.shuffleBatch = [];
        // Fisher–Yates with the seeded generator.
        for (let i = batch.length - 1; i > 0; i--) {
          const j = Math.floor(this.random() * (i + 1));
          [batch[i], batch[j]] = [batch[j]!, batch[i]!];
        }
        for (const { event: queued, payload: body } of batch) {
          await this.firstAttempt(this.start(queued, body, false), body);
        }
      }),
    );
  }

  private start(event: StripeEvent, payload: string, attemptNow = true): Delivery {
    const delivery: Delivery = {
      id: `dlv_${this.nextId++}`,
      eventId: event.id,
      eventType: event.type,
      url: this.config.url,
      status: 'pending',
      attempts: [],
    };
    this.deliveries.push(delivery);
    const { mode } = this.config;
    if (mode.dropRate > 0 && Math.random() < mode.dropRate) {
      delivery.status = 'dropped';
      return delivery;
    }
    if (attemptNow) this.track(this.attemptAfter(delivery, payload, mode.delayMs, 1));
    return delivery;
  }

  /** Runs a delivery's first attempt (retries go on in the background). */
  private firstAttempt(delivery: Delivery, payload: string): Promise<void> {
    if (delivery.status !== 'pending') return Promise.resolve();
    return new Promise((resolve) => {
      this.track(this.attemptAfter(delivery, payload, this.config.mode.delayMs, 1, resolve));
    });
  }

  /** Sends an existing event again, as a new delivery. */
  resend(event: StripeEvent): Delivery {
    return this.start(event, JSON.stringify(event, null, 2));
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async attemptAfter(
    delivery: Delivery,
    payload: string,
    delayMs: number,
    attempt: number,
    onAttempted?: () => void,
  ): Promise<void> {
    if (delayMs > 0) await this.wait(delayMs);
    if (!this.deliveries.includes(delivery)) return onAttempted?.();
    const { secret, timeoutMs, maxAttempts, retryBaseDelayMs, mode } = this.config;
    const timestamp = this.clock.now() - mode.staleTimestampSeconds;
    const started = performance.now();
    const record: DeliveryAttempt = {
      at: this.clock.now(),
      status: null,
      error: null,
      durationMs: 0,
    };
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signPayload(payload, secret, timestamp),
        },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      record.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    record.durationMs = Math.round(performance.now() - started);
    delivery.attempts.push(record);
    onAttempted?.();
    if (record.status !== null && record.status >= 200 && record.status < 300) {
      delivery.status = 'succeeded';
      return;
    }
    if (attempt >= maxAttempts) {
      delivery.status = 'failed';
      return;
    }
    await this.attemptAfter(delivery, payload, retryBaseDelayMs * 2 ** (attempt - 1), attempt + 1);
  }

  /** Resolves once no delivery is pending (retries included), or after `timeoutMs`. */
  async flush(timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      await Promise.race([
        Promise.allSettled([...this.pending]),
        new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now()))),
      ]);
    }
    return this.pending.size === 0;
  }
}
