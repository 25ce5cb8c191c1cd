/**
 * The fuzzer's progress bar, one line redrawn in place on a terminal:
 * `fuzzing ███████░░░░░░░  512/1000 runs  1480 runs/s`, then `shrinking…`
 * once a property failed.
 */
import type { FuzzProgress } from './fuzz.js';

const WIDTH = 24;

export function progressLine(progress: FuzzProgress, totalRuns: number): string {
  const rate = progress.elapsedMs > 0 ? Math.round((progress.runs * 1000) / progress.elapsedMs) : 0;
  if (progress.failed) return `shrinking a failure: ${progress.shrinks} candidate${progress.shrinks === 1 ? '' : 's'} tried`;
  const done = Math.min(1, totalRuns === 0 ? 1 : progress.runs / totalRuns);
  const filled = Math.round(done * WIDTH);
  return `fuzzing ${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)} ${String(progress.runs).padStart(String(totalRuns).length)}/${totalRuns} runs  ${rate} runs/s`;
}

/** Draws lines in place on a terminal: carriage return, the line, clear to the end. */
export function progressDrawer(write: (text: string) => void): { draw(line: string): void; clear(): void } {
  let drawn = false;
  return {
    draw(line) {
      write(`\r${line}\u001b[K`);
      drawn = true;
    },
    clear() {
      if (drawn) write('\r\u001b[K');
      drawn = false;
    },
  };
}
