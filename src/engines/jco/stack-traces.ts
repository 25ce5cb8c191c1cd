/**
 * Stack traces off while a component runs, on again for host code it calls.
 *
 * jco's glue builds an Error (a ComponentError) for every `err` an export
 * returns, and V8 captures a stack trace for each: about a tenth of a small
 * call's time, for a stack nobody reads (the `err` becomes a Value). So export
 * calls run with `Error.stackTraceLimit = 0`, and the code a component calls
 * back into (the user's host, a dispatcher of ours) runs with the caller's
 * limit again, so its errors keep their stacks.
 */

/** The limit of the code that made the export call, while one runs. */
let callerLimit: number | undefined;

/** Runs an export call with stack capture off (nested calls keep the outer setting). */
export function withoutStackTraces<T>(run: () => T): T {
  if (callerLimit !== undefined) return run();
  callerLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = callerLimit;
    callerLimit = undefined;
  }
}

/**
 * Runs host code called from inside an export call with the caller's stack
 * trace limit: `run(a, b)`, so that a call made for every import call needs
 * no closure.
 */
export function withStackTraces<T, A = undefined, B = undefined>(run: (a: A, b: B) => T, a?: A, b?: B): T {
  if (callerLimit === undefined) return run(a as A, b as B);
  const inside = Error.stackTraceLimit;
  Error.stackTraceLimit = callerLimit;
  try {
    return run(a as A, b as B);
  } finally {
    Error.stackTraceLimit = inside;
  }
}
