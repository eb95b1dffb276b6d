// The window's one error line, under the header's navigation: what went wrong and what to do,
// shown until the officer dismisses it or the next error replaces it.
import type { IpcError } from "./bindings";
import type { OnError } from "./errors";

export class Banner {
  error = $state<IpcError | null>(null);

  /** Shows an error; an `OnError`, so it can be handed to `attempt` as it is. */
  readonly show: OnError = (error) => {
    this.error = error;
  };

  dismiss(): void {
    this.error = null;
  }
}
