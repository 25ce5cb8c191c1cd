/**
 * Hang detection, one mechanism for every place that runs a component where
 * it can be stopped (the replay worker, the in-process engines' worker, the JS
 * shells of the subprocess engines, the fuzz worker).
 *
 * The runner says which step it enters: the component starting (`START`, its
 * core start functions run while it is instantiated) or export call `n`, and
 * when it leaves it. A step that lasts longer than the limit expires, once,
 * and the watcher stops the runner (terminates the thread, kills the shell)
 * and names the step. A runner in another thread reports its steps through a
 * shared `Heartbeat` (heartbeat.ts), which costs it no message per call; a
 * subprocess through the lines it prints: both feed a `Watchdog`.
 */

/** The step of a component starting; export calls are steps 0, 1, ... */
export const START = -1;

/** Why a component whose start did not end in time was stopped, after its name: `app.wasm did not finish starting ...`. */
export function startTimeoutReason(timeoutMs: number): string {
  // Whether the start never returns or is only slower than the limit cannot be told apart: say both.
  return `did not finish starting within ${timeoutMs} ms: stopped (a start function that does not return, or a limit too low for it: --timeout)`;
}

export class Watchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private step: number | undefined;
  private expiredStep: number | undefined;

  constructor(
    /** The limit per step, in milliseconds; 0 or less: no limit. */
    readonly timeoutMs: number,
    /** Called once, when a step runs out of time; the watcher stops the runner. */
    private readonly onExpire: (step: number) => void,
  ) {}

  /** The runner entered `step` (START or an export call's index): its time starts now. */
  enter(step: number): void {
    this.clear();
    this.step = step;
    if (this.timeoutMs <= 0 || this.expiredStep !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.expiredStep = step;
      this.onExpire(step);
    }, this.timeoutMs);
    // A watched runner must not keep a finished CLI alive.
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** The runner left its step (the call returned). */
  leave(): void {
    this.clear();
    this.step = undefined;
  }

  /** The step that ran out of time, if one did. */
  get expired(): number | undefined {
    return this.expiredStep;
  }

  /** The step in progress, if any. */
  get current(): number | undefined {
    return this.step;
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
