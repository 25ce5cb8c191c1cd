/**
 * Messages between the dialog (the thread that owns the terminal) and the
 * session worker (the thread that runs the component). Plain data only:
 * values cross as WAVE text, typed again on the other side by the same world,
 * decoded from the same component bytes.
 *
 * The component runs synchronously and its import calls must be answered
 * synchronously, while prompts are asynchronous: so the worker posts an `ask`
 * and blocks (see sync-channel.ts) until the dialog has the answer.
 */
import type { WasiGrants } from '../host/wasi.js';
import type { SessionJs } from '../instrument/tracer/dialog-session.js';
import type { WorkerFailure } from '../util/worker-thread.js';

/** What the worker is started with (its `workerData`, besides the channel). */
export interface SessionSetup {
  readonly component: string;
  /** Module exporting the jco imports object that answers what it implements (`--host`). */
  readonly hostModule?: string;
  /** A trace to replay first, answering from it where the component follows it (`--trace`). */
  readonly trace?: { readonly text: string; readonly file: string };
  /** The component's path as the saved trace's header names it (relative to the trace file). */
  readonly componentPath: string;
  readonly wasi?: WasiGrants;
}

/** What the composed component's host worker is started with (composed-worker.ts). */
export interface ComposedSetup {
  /** The composed component (`instrument -m dialog`). */
  readonly component: string;
  /** The app's path as the saved trace's header names it (relative to the trace), when known. */
  readonly componentPath?: string;
  readonly wasi?: WasiGrants;
}

/** A resource handle the dialog may pass: one the component handed out (or the dialog lent), named by where it came from. */
export interface HandleOffer {
  readonly id: number;
  /** The resource's id (`test:app/things#thing`). */
  readonly resource: string;
  /** `counter #1, made by [constructor]counter(5) in call 2`. */
  readonly label: string;
}

/** What the dialog knows of the session's handles when it asks for a value. */
export interface HandleState {
  readonly held: readonly HandleOffer[];
  /** Ids of the resources the dialog can make new handles of (imported ones the host does not implement). */
  readonly canMake: readonly string[];
  /** The number a new handle made now gets. */
  readonly nextHandle: number;
}

/** Dialog -> worker, between calls. */
export type SessionRequest =
  /** Call an export with WAVE arguments, typed by its parameters. */
  | { readonly type: 'call'; readonly name: string; readonly args: readonly string[] }
  /** Replay export call `index` of the `--trace` trace. */
  | { readonly type: 'replay'; readonly index: number }
  /** End the session (a composed component's `start` returns). */
  | { readonly type: 'end' };

/** Who answered an import call. */
export type AnswerSource = 'host' | 'trace' | 'dialog' | 'new handle';

/** Worker -> dialog. */
export type SessionEvent =
  | {
      readonly type: 'ready';
      /** Export calls in the `--trace` trace, to replay one by one. */
      readonly traceCalls: number;
      readonly handles: HandleState;
      /** A composed component's functions, as it told them (`proxy-component:dialog/prompt`'s `begin`); else the component's world. */
      readonly session?: SessionJs;
    }
  /** The component wrote to its WASI stdout or stderr (shown apart from the prompts, marked). */
  | { readonly type: 'output'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  /** An export call starts: its line as the trace writes it. */
  | { readonly type: 'export'; readonly text: string; readonly traceLine?: number }
  /** An import call completed: `import name(args) -> value` as the trace writes it, and who answered. */
  | { readonly type: 'import'; readonly text: string; readonly source: AnswerSource; readonly asked: boolean; readonly traceLine?: number; readonly note?: string }
  /** The component waits for the answer to an import call; the worker blocks until the dialog answers on the channel. */
  | {
      readonly type: 'ask';
      /** The call's WAVE name, as the world resolves it. */
      readonly name: string;
      /** `name(args)`, positional, as the trace writes it. */
      readonly call: string;
      /** With `--trace`: why the trace cannot answer (the divergence, in words). */
      readonly note?: string;
      readonly handles: HandleState;
    }
  /** An export call ended: its outcome line, the trace so far, and with `--trace` how it differs from the recorded call. */
  | {
      readonly type: 'returned';
      readonly outcome: string;
      readonly trapped: boolean;
      readonly traceText: string;
      readonly calls: number;
      readonly divergence?: string;
      readonly handles: HandleState;
      /** The session cannot go on (a composed component trapped: its `start` is over). */
      readonly final?: boolean;
    }
  | ({ readonly type: 'error' } & WorkerFailure);

/** Dialog -> worker, on the channel, while the worker blocks: the answer to an `ask`. */
export type AskAnswer =
  /** The result as WAVE (absent for a function without result). */
  | { readonly kind: 'return'; readonly value?: string }
  /** The host fails the call: the component sees the import trap with this message. */
  | { readonly kind: 'trap'; readonly message: string };
