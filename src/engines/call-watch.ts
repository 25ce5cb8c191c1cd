/**
 * Collects the reports of a run as they arrive and watches the time of the
 * export call in progress: an engine that does not report a call within the
 * limit is stopped by its caller, the call becomes a `timeout` and the calls
 * after it `not-run` (the instance's state is lost with the engine).
 */
import type { CallReport } from './engine.js';

export class CallWatch {
  private readonly collected: (CallReport | undefined)[];
  private current: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expired: number | undefined;

  constructor(
    total: number,
    private readonly timeoutMs: number,
    /** Called once when a call runs out of time; the caller stops the engine. */
    private readonly onTimeout: (index: number) => void,
  ) {
    this.collected = new Array<CallReport | undefined>(total).fill(undefined);
  }

  started(index: number): void {
    this.current = index;
    this.clear();
    if (this.timeoutMs > 0) {
      this.timer = setTimeout(() => {
        this.expired = index;
        this.onTimeout(index);
      }, this.timeoutMs);
      // A watched engine must not keep a finished CLI alive.
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  reported(index: number, report: CallReport): void {
    this.clear();
    this.current = undefined;
    this.collected[index] = report;
  }

  /** The index of the call that ran out of time, if one did. */
  get timedOut(): number | undefined {
    return this.expired;
  }

  /** The call in progress (started, not reported), if any. */
  get inProgress(): number | undefined {
    return this.current;
  }

  /** Every call's report: the timed-out call as a timeout, unreported ones as not run for `reason`. */
  reports(reason: string): CallReport[] {
    this.clear();
    return this.collected.map((report, index) => {
      if (report !== undefined) return report;
      if (index === this.expired) return { outcome: { kind: 'timeout', ms: this.timeoutMs } };
      return { outcome: { kind: 'not-run', reason: this.expired !== undefined && index > this.expired ? `an earlier call (#${this.expired + 1}) timed out` : reason } };
    });
  }

  /** Disarms the timer: the run is over, however it ended. */
  stop(): void {
    this.clear();
  }

  private clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
