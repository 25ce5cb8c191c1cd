/**
 * A real terminal for the dialog's tests: a tmux server of the test's own
 * (its own socket, no user configuration) runs the built CLI in a pane, the
 * test types keys into it and reads the screen back as text, as a user would
 * see it. tmux is the Debian package (`apt-get install tmux`); without it the
 * test fails, saying so.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(REPO, 'dist', 'src', 'cli', 'bin.js');

/** The line the pane prints once the command has exited, then the terminal modes it left. */
const EXIT_LINE = /\[exit (\d+)\]/;

export class TmuxTerminal {
  private constructor(
    private readonly socket: string,
    private readonly session: string,
  ) {}

  /**
   * Runs `proxy-component <args>` in a new pane `columns` wide, in `cwd`. When
   * it exits, the pane prints `[exit N]` and the terminal's modes (`stty -a`),
   * so a test can check the command put the terminal back.
   */
  static async start(dir: string, args: readonly string[], options: { cwd: string; columns?: number; rows?: number }): Promise<TmuxTerminal> {
    if (!existsSync(CLI)) throw new Error(`the CLI is not built (${CLI} missing): run \`npx tsc -p tsconfig.build.json\``);
    await run('tmux', ['-V']).catch((cause: unknown) => {
      throw new Error('the dialog tests drive a real terminal with tmux, which is not installed (apt-get install tmux)', { cause });
    });
    const socket = join(dir, `tmux-${process.pid}-${Math.random().toString(36).slice(2, 8)}.sock`);
    const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
    const terminal = new TmuxTerminal(socket, 'dialog');
    await terminal.tmux(
      'new-session', '-d', '-s', 'dialog', '-c', options.cwd,
      '-x', String(options.columns ?? 160), '-y', String(options.rows ?? 60),
      `${command}; echo "[exit $?]"; stty -a; sleep 600`,
    );
    return terminal;
  }

  /** The screen and its scrollback, as text, trailing blank lines dropped. */
  async screen(): Promise<string> {
    const { stdout } = await this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', this.session);
    return stdout.replace(/\s+$/, '');
  }

  /** Waits until the screen matches `pattern`; on timeout, fails showing the screen. */
  async waitFor(pattern: string | RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.screen();
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`the terminal never showed ${String(pattern)}; it shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Waits for the prompt asking `message` (a line `? message`, indented by
   * call depth): an answered prompt turns its `?` into `✔`, so at most one
   * line asks at a time.
   */
  async prompt(message: string): Promise<void> {
    const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await this.waitFor(new RegExp(`^ *\\? ${escaped}`, 'm'));
  }

  /** Presses keys by their tmux names: `Enter`, `Down`, `Space`, `C-c`. */
  async keys(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', this.session, ...keys);
  }

  /** Types `text` literally, then Enter. */
  async line(text: string): Promise<void> {
    if (text !== '') await this.tmux('send-keys', '-t', this.session, '-l', text);
    await this.keys('Enter');
  }

  /** Waits for the command to exit: its exit code, and the screen with the terminal modes it left. */
  async exit(timeoutMs = 20_000): Promise<{ code: number; screen: string }> {
    const screen = await this.waitFor(/\[exit \d+\][\s\S]*\bicanon\b/, timeoutMs);
    return { code: Number(EXIT_LINE.exec(screen)?.[1]), screen };
  }

  /** Whether the terminal shows its cursor (prompts hide it while they draw). */
  async cursorVisible(): Promise<boolean> {
    const { stdout } = await this.tmux('display-message', '-p', '-t', this.session, '#{cursor_flag}');
    return stdout.trim() === '1';
  }

  async close(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
  }

  private tmux(...args: string[]): Promise<{ stdout: string }> {
    return run('tmux', ['-S', this.socket, '-f', '/dev/null', ...args]);
  }
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
