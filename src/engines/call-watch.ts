/**
 * Collects the reports of a run as they arrive and watches the step in
 * progress through a Watchdog (util/watchdog.ts): the component starting, or
 * an export call. An engine that does not finish a step within the limit is
 * stopped by its caller; a call that ran out of time becomes a `timeout` and
 * the calls after it `not-run` (the instance's state is lost with the
 * engine); a start that ran out of time leaves every call not run and the run
 * failed, saying so.
 */
import { START, startTimeoutReason, Watchdog } from '../util/watchdog.js';
import type { CallReport } from './engine.js';

export class CallWatch {
  private readonly collected: (CallReport | undefined)[];
  private readonly watchdog: Watchdog;

  constructor(
    total: number,
    private readonly timeoutMs: number,
    /** Called once when a step runs out of time; the caller stops the engine. */
    onTimeout: (step: number) => void,
  ) {
    this.collected = new Array<CallReport | undefined>(total).fill(undefined);
    this.watchdog = new Watchdog(timeoutMs, onTimeout);
  }

  /** The component is being instantiated (its start functions run). */
  starting(): void {
    this.watchdog.enter(START);
  }

  started(index: number): void {
    this.watchdog.enter(index);
  }

  reported(index: number, report: CallReport): void {
    this.watchdog.leave();
    this.collected[index] = report;
  }

  /** The index of the call that ran out of time, if one did. */
  get timedOut(): number | undefined {
    const expired = this.watchdog.expired;
    return expired === START ? undefined : expired;
  }

  /** Why the run failed when the component did not finish starting in time, else undefined. */
  get startFailure(): string | undefined {
    return this.watchdog.expired === START ? `the component ${startTimeoutReason(this.timeoutMs)}` : undefined;
  }

  /** Every call's report: the timed-out call as a timeout, unreported ones as not run for `reason`. */
  reports(reason: string): CallReport[] {
    this.watchdog.stop();
    const expired = this.timedOut;
    const start = this.startFailure;
    return this.collected.map((report, index) => {
      if (report !== undefined) return report;
      if (index === expired) return { outcome: { kind: 'timeout', ms: this.timeoutMs } };
      if (start !== undefined) return { outcome: { kind: 'not-run', reason: start } };
      return { outcome: { kind: 'not-run', reason: expired !== undefined && index > expired ? `an earlier call (#${expired + 1}) timed out` : reason } };
    });
  }

  /** Disarms the timer: the run is over, however it ended. */
  stop(): void {
    this.watchdog.stop();
  }
}
