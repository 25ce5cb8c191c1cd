/**
 * A runner's steps, told to a watcher in another thread through shared
 * memory: the runner (a worker thread) writes which step it is in as it
 * enters and leaves it (a few stores, no message), and the watcher polls the
 * memory and feeds a `Watchdog` (watchdog.ts), which stops the runner when a
 * step lasts too long. The runner may label its step (the export call's name
 * and trace line) so that the watcher can name the call that hangs.
 */
import { START, Watchdog } from './watchdog.js';

const SLOTS = {
  /** Incremented at every enter and leave. */
  serial: 0,
  /** The step entered (START or an export call's index). */
  step: 1,
  /** 1 inside a step, 0 between steps. */
  active: 2,
  /** The step's trace line, 0 for none. */
  line: 3,
  /** Bytes of the label (UTF-8, after the slots). */
  labelLength: 4,
} as const;
const SLOT_COUNT = 5;
const LABEL_BYTES = 240;

/** What the runner said about the step in progress. */
export interface HeartbeatStep {
  readonly step: number;
  readonly line?: number;
  readonly label?: string;
}

export class Heartbeat {
  private readonly slots: Int32Array;
  private readonly label: Uint8Array;
  private readonly encoder = new TextEncoder();

  /** A new heartbeat, or the runner's view of one made by the watcher. */
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(SLOT_COUNT * 4 + LABEL_BYTES)) {
    this.slots = new Int32Array(buffer, 0, SLOT_COUNT);
    this.label = new Uint8Array(buffer, SLOT_COUNT * 4, LABEL_BYTES);
  }

  /** Runner: entering `step`, with what names it. */
  enter(step: number, line?: number, label?: string): void {
    Atomics.store(this.slots, SLOTS.step, step);
    Atomics.store(this.slots, SLOTS.line, line ?? 0);
    const length = label === undefined ? 0 : this.encoder.encodeInto(label, this.label).written;
    Atomics.store(this.slots, SLOTS.labelLength, length);
    Atomics.store(this.slots, SLOTS.active, 1);
    Atomics.add(this.slots, SLOTS.serial, 1);
  }

  /** Runner: the step is over. */
  leave(): void {
    Atomics.store(this.slots, SLOTS.active, 0);
    Atomics.add(this.slots, SLOTS.serial, 1);
  }

  /** Watcher: the step in progress as the runner last described it. */
  current(): HeartbeatStep {
    const step = Atomics.load(this.slots, SLOTS.step);
    const line = Atomics.load(this.slots, SLOTS.line);
    const length = Math.min(Atomics.load(this.slots, SLOTS.labelLength), LABEL_BYTES);
    // A label cut inside a character decodes with U+FFFD at its end, which is fine for a message.
    const label = length === 0 ? undefined : new TextDecoder().decode(this.label.slice(0, length));
    return { step, ...(line === 0 ? {} : { line }), ...(label === undefined ? {} : { label }) };
  }

  /**
   * Watcher: polls the heartbeat and calls `onExpire` with the step (as the
   * runner described it) that lasted longer than `timeoutMs`. The step is
   * timed from when the poll first sees it: at most one poll period late.
   */
  watch(timeoutMs: number, onExpire: (step: HeartbeatStep) => void): { stop(): void } {
    const watchdog = new Watchdog(timeoutMs, () => {
      clearInterval(poll);
      onExpire(this.current());
    });
    let seen = -1;
    const poll = setInterval(
      () => {
        const serial = Atomics.load(this.slots, SLOTS.serial);
        if (serial === seen) return;
        seen = serial;
        if (Atomics.load(this.slots, SLOTS.active) === 1) watchdog.enter(Atomics.load(this.slots, SLOTS.step));
        else watchdog.leave();
      },
      Math.min(100, Math.max(5, Math.floor(timeoutMs / 10))),
    );
    poll.unref();
    return {
      stop: () => {
        clearInterval(poll);
        watchdog.stop();
      },
    };
  }
}

export { START };
