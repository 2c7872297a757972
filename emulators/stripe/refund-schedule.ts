/**
 * When the asynchronous refunds settle. Stripe moves a refund of its refund
 * test cards to its final status "some time later"; here that time is the
 * refund's creation plus `settleDelayMs` on the emulator's clock. A timer
 * settles it without any request (so `npm run dev` shows it happen), every
 * API request settles what is due first (the timer only approximates a
 * clock that tests may move), and the control API can settle everything now.
 */
import type { Clock } from './clock';

/** Long enough to see the first status, short enough to see the second without waiting. */
export const DEFAULT_SETTLE_DELAY_MS = 1500;

export type RefundSettlement = {
  refundId: string;
  /** On the emulator's clock, in milliseconds. */
  settlesAtMs: number;
};

export class RefundSchedule {
  settleDelayMs = DEFAULT_SETTLE_DELAY_MS;
  private entries = new Map<string, RefundSettlement>();
  private timer: NodeJS.Timeout | undefined;
  private settle: (refundId: string) => void = () => {};

  constructor(private readonly clock: Clock) {}

  /** What settling a refund does; the emulator supplies it, as it owns charges and events. */
  onSettle(settle: (refundId: string) => void): void {
    this.settle = settle;
  }

  add(refundId: string): RefundSettlement {
    const entry = { refundId, settlesAtMs: this.clock.nowMs() + this.settleDelayMs };
    this.entries.set(refundId, entry);
    this.arm();
    return entry;
  }

  pending(): RefundSettlement[] {
    return [...this.entries.values()];
  }

  /** Settles the refunds whose time has come, oldest first; returns their ids. */
  settleDue(): string[] {
    const now = this.clock.nowMs();
    return this.settleWhere((entry) => entry.settlesAtMs <= now);
  }

  /** Settles every pending refund at once, whatever its time. */
  settleAll(): string[] {
    return this.settleWhere(() => true);
  }

  /** Call after the clock moves: the timer was set in real time for the old clock. */
  clockMoved(): string[] {
    const settled = this.settleDue();
    this.arm();
    return settled;
  }

  /** Forgets every pending settlement and stops the timer. */
  reset(): void {
    this.stop();
    this.entries.clear();
    this.settleDelayMs = DEFAULT_SETTLE_DELAY_MS;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private settleWhere(isDue: (entry: RefundSettlement) => boolean): string[] {
    const due = [...this.entries.values()]
      .filter(isDue)
      .sort((a, b) => a.settlesAtMs - b.settlesAtMs);
    for (const entry of due) {
      // Removed first, so a settlement that fails cannot be retried forever by the timer.
      this.entries.delete(entry.refundId);
      try {
        this.settle(entry.refundId);
      } catch (error) {
        // Run from a timer, an exception would take the whole emulator (and `npm run dev`) down.
        console.error('stripe emulator: settling refund', entry.refundId, error);
      }
    }
    if (due.length > 0) this.arm();
    return due.map((entry) => entry.refundId);
  }

  /** One timer, for the earliest settlement. */
  private arm(): void {
    this.stop();
    const times = [...this.entries.values()].map((entry) => entry.settlesAtMs);
    if (times.length === 0) return;
    const delay = Math.max(0, Math.min(...times) - this.clock.nowMs());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.settleDue();
      this.arm();
    }, delay);
    // A pending refund never keeps a process (a test run, a dev server being stopped) alive.
    this.timer.unref();
  }
}
