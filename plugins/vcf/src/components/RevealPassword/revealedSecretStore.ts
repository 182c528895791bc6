/** The one secret on screen: whose it is, what is shown, and what was put on the clipboard. */
export interface RevealedSecret {
  /** Which control revealed it, e.g. a credential id. */
  ownerId: string;
  /** What the page shows (the password). */
  text: string;
  /** What was written to the clipboard, if the write succeeded. */
  copied?: string;
  /** Seconds until it hides. */
  remaining: number;
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard access (insecure context, denied): the password is still on screen.
    return false;
  }
}

async function clearClipboardIfHolding(text: string): Promise<void> {
  try {
    // Only wipe our own secret: whatever the user copied since stays.
    if ((await navigator.clipboard.readText()) === text) {
      await navigator.clipboard.writeText('');
    }
  } catch {
    // The browser will not let us read the clipboard; leave it alone rather than guess.
  }
}

/**
 * Keeps at most one revealed secret on the page: showing one hides the previous, and hiding one
 * (timeout, Hide, another reveal, unmount) clears the clipboard if it still holds that secret.
 */
export class RevealedSecretStore {
  private current: RevealedSecret | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly listeners = new Set<() => void>();

  /** The secret on screen, if any. */
  snapshot(): RevealedSecret | undefined {
    return this.current;
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Shows `text` for `seconds` on behalf of `ownerId` (hiding any other secret) and copies
   * `clipboardText` (default: `text`).
   */
  async show(
    ownerId: string,
    text: string,
    seconds: number,
    clipboardText: string = text,
  ): Promise<void> {
    this.hide();
    const revealed: RevealedSecret = { ownerId, text, remaining: seconds };
    this.current = revealed;
    this.timer = setInterval(() => this.tick(), 1000);
    this.emit();
    if (await writeClipboard(clipboardText)) {
      if (this.current === revealed) {
        this.current = { ...this.current, copied: clipboardText };
        this.emit();
      } else {
        // Hidden while the clipboard write was in flight.
        await clearClipboardIfHolding(clipboardText);
      }
    }
  }

  /** Hides the secret (only if `ownerId` still owns it, when given). */
  hide(ownerId?: string): void {
    const revealed = this.current;
    if (!revealed || (ownerId !== undefined && revealed.ownerId !== ownerId)) {
      return;
    }
    clearInterval(this.timer);
    this.timer = undefined;
    this.current = undefined;
    this.emit();
    if (revealed.copied !== undefined) {
      void clearClipboardIfHolding(revealed.copied);
    }
  }

  private tick() {
    if (!this.current) return;
    if (this.current.remaining <= 1) {
      this.hide();
      return;
    }
    this.current = { ...this.current, remaining: this.current.remaining - 1 };
    this.emit();
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}
