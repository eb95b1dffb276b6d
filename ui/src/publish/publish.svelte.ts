// State and actions of publishing: the channels, the outbox queue with its live progress, the
// links to each platform (the header's indicator) and the notices when a batch ends or an item
// needs the officer. The worker runs in the core; this only listens to it and calls commands.
import { api, onOutboxEvent } from "../shared/api";
import type {
  ChannelInfo,
  ChannelKind,
  ChannelSecrets,
  ChannelView,
  Event as OutboxEvent,
  IpcError,
  LinkState,
  NewChannel,
  PlatformDefaults,
  QueueEntry,
  QueueOutcome,
} from "../shared/bindings";
import { Debounced } from "../shared/debounce";
import { type Attempt, type OnError, attempt, logOnly } from "../shared/errors";
import type { Navigation } from "../app/navigation.svelte";
import type { Studio } from "../drafts/studio.svelte";
import { onlineState, type OnlineState } from "./publish";

/** What the window tells the officer without being asked. */
export type Notice =
  | { kind: "batch"; published: number; failed: number; unconfirmed: number }
  | { kind: "attention"; itemId: number; channel: string; state: "failed" | "unconfirmed" | string; link: string | null }
  | { kind: "credentials"; channel: string };

export class Publish {
  channels = $state<ChannelView[]>([]);
  entries = $state<QueueEntry[]>([]);
  links = $state<Record<number, LinkState>>({});
  paused = $state(false);
  /** Each platform's default address and spacing, as the core knows them (loa-platforms). */
  defaults = $state<Partial<Record<ChannelKind, PlatformDefaults>>>({});
  /** Where secrets are kept when no keyring answers (shown as a warning). */
  credentialsFile = $state<string | null>(null);
  /** Publishing could not start (no profile, no credential store): why. */
  unavailable = $state<IpcError | null>(null);
  /** The last error of an action on the queue view. */
  error = $state<IpcError | null>(null);
  notice = $state<Notice | null>(null);
  /** Items just queued from the editor, shown highlighted. */
  highlight = $state<number[]>([]);
  loaded = $state(false);

  readonly online: OnlineState = $derived(
    onlineState(
      this.channels.map((c) => c.channel.id),
      this.links,
    ),
  );

  /** Items that need the officer: failed, unconfirmed, or waiting for a channel that needs a new token. */
  readonly attention: number = $derived(
    this.entries.filter(
      (e) =>
        e.item.state === "failed" ||
        e.item.state === "unconfirmed" ||
        (e.item.state !== "published" &&
          e.item.state !== "cancelled" &&
          this.channel(e.item.channel_id)?.status === "needs_reconnect"),
    ).length,
  );

  /** Failures of the queue view's actions show in its own error line. */
  private readonly showError: OnError = (e) => {
    this.error = e;
  };
  /** A burst of worker events is one reload of the queue (and of the drafts' statuses). */
  private readonly reloadLater = new Debounced(() => {
    void this.loadQueue();
    // Queueing and publishing move the draft's status too (the list shows it).
    void this.studio.refreshStatuses();
  }, 120);
  private readonly channelsLater = new Debounced(() => void this.loadChannels(), 120);

  constructor(
    private readonly studio: Studio,
    private readonly nav: Navigation,
  ) {}

  channel(id: number): ChannelInfo | undefined {
    return this.channels.find((c) => c.channel.id === id)?.channel;
  }

  /** Loads everything and listens to the worker; returns the function that stops listening. */
  async start(): Promise<() => void> {
    const listening = await attempt(() => onOutboxEvent((e) => this.handle(e)), logOnly("outbox listener"));
    const stop = listening.ok ? listening.value : () => {};
    const defaults = await attempt(() => api.platformDefaults(), logOnly("platform defaults"));
    if (defaults.ok) this.defaults = Object.fromEntries(defaults.value.map((d) => [d.kind, d]));
    await this.refresh();
    return () => {
      stop();
      this.reloadLater.cancel();
      this.channelsLater.cancel();
    };
  }

  async refresh(): Promise<void> {
    const loaded = await attempt(
      () => Promise.all([api.publishStatus(), api.listChannels(), api.listOutbox()]),
      // Publishing could not start at all: the queue view says why instead of its lists.
      (e) => {
        this.unavailable = e;
      },
    );
    if (loaded.ok) {
      const [status, channels, entries] = loaded.value;
      this.paused = status.paused;
      this.credentialsFile = status.credentials_file;
      const links: Record<number, LinkState> = {};
      for (const l of status.links) links[l.channel_id] = l.link;
      this.links = { ...links, ...this.linksOf(channels) };
      this.channels = channels;
      this.entries = entries;
      this.unavailable = null;
    }
    this.loaded = true;
  }

  private linksOf(channels: ChannelView[]): Record<number, LinkState> {
    const out: Record<number, LinkState> = {};
    for (const c of channels) if (c.link !== "unknown") out[c.channel.id] = c.link;
    return out;
  }

  /** One event of the worker. */
  handle(e: OutboxEvent): void {
    switch (e.type) {
      case "progress": {
        const entry = this.entries.find((x) => x.item.id === e.id);
        if (entry) entry.progress = { bytes_sent: e.bytes_sent, bytes_total: e.bytes_total };
        break;
      }
      case "item_state":
        this.reloadLater.schedule();
        break;
      case "online":
        this.links = { ...this.links, [e.channel_id]: "online" };
        break;
      case "offline":
        this.links = { ...this.links, [e.channel_id]: "offline" };
        this.reloadLater.schedule();
        break;
      case "channel_held":
      case "channel_resumed":
        this.channelsLater.schedule();
        this.reloadLater.schedule();
        break;
      case "batch_done":
        // A batch that ends with items needing the officer keeps that notice (it says more).
        if (this.notice?.kind !== "attention" || (e.failed === 0 && e.unconfirmed === 0)) {
          this.notice = { kind: "batch", published: e.published, failed: e.failed, unconfirmed: e.unconfirmed };
        }
        this.reloadLater.schedule();
        break;
      case "needs_attention":
        this.notice = {
          kind: "attention",
          itemId: e.id,
          channel: this.channel(e.channel_id)?.name ?? String(e.channel_id),
          state: e.state,
          link: e.link,
        };
        this.reloadLater.schedule();
        break;
      case "credentials_not_saved":
        this.notice = { kind: "credentials", channel: this.channel(e.channel_id)?.name ?? String(e.channel_id) };
        break;
    }
  }

  async loadQueue(): Promise<void> {
    const list = await attempt(() => api.listOutbox(), this.showError);
    if (!list.ok) return;
    // Progress that arrived while the list was on its way is newer than the list's.
    const live = new Map(this.entries.filter((x) => x.progress).map((x) => [x.item.id, x.progress]));
    this.entries = list.value.map((x) => ({ ...x, progress: x.progress ?? live.get(x.item.id) ?? null }));
  }

  async loadChannels(): Promise<void> {
    const list = await attempt(() => api.listChannels(), this.showError);
    if (!list.ok) return;
    this.channels = list.value;
    this.links = { ...this.links, ...this.linksOf(list.value) };
  }

  /** Saves a channel; its secrets go to the credential store only. Throws the core's refusal. */
  async saveChannel(input: NewChannel, secrets: ChannelSecrets): Promise<ChannelInfo> {
    const saved = await api.saveChannel(input, secrets);
    await this.loadChannels();
    return saved;
  }

  /** "Test connection": the page name, or the refusal (shown beside the channel by the caller). */
  testChannel(id: number): Promise<Attempt<string>> {
    return attempt(async () => {
      const name = await api.testChannel(id);
      await this.loadChannels();
      return name;
    });
  }

  async setChannelPaused(id: number, paused: boolean): Promise<void> {
    const done = await attempt(() => api.setChannelPaused(id, paused), this.showError);
    if (done.ok) await this.loadChannels();
  }

  /** Queues a draft; on success shows the queue with the new items highlighted. */
  async queue(draftId: number, channelIds: number[], at: string | null): Promise<QueueOutcome[]> {
    const outcomes = await api.queueDraft(draftId, channelIds, at);
    const queued = outcomes.flatMap((o) => (o.item ? [o.item.id] : []));
    // A new batch starts: the summary of the last one no longer describes the queue.
    if (queued.length > 0 && this.notice?.kind === "batch") this.notice = null;
    await this.loadQueue();
    void this.studio.refreshStatuses();
    if (queued.length > 0 && outcomes.every((o) => o.item)) {
      this.highlight = queued;
      this.nav.show("queue");
    } else if (queued.length > 0) {
      this.highlight = queued;
    }
    return outcomes;
  }

  private async act(run: () => Promise<unknown>): Promise<boolean> {
    this.error = null;
    const done = await attempt(run, this.showError);
    if (done.ok) await this.loadQueue();
    return done.ok;
  }

  retry(id: number, confirmedNotPublished = false): Promise<boolean> {
    return this.act(() => api.retryOutboxItem(id, confirmedNotPublished));
  }

  cancel(id: number): Promise<boolean> {
    return this.act(() => api.cancelOutboxItem(id));
  }

  /** Opens the post on its platform in the browser. */
  async openPublished(id: number): Promise<void> {
    this.error = null;
    await attempt(() => api.openPublished(id), this.showError);
  }

  markPublished(id: number, url: string): Promise<boolean> {
    return this.act(() => api.markOutboxPublished(id, url.normalize("NFC").trim()));
  }

  async setPaused(paused: boolean): Promise<void> {
    const done = await attempt(() => api.setOutboxPaused(paused), this.showError);
    if (done.ok) this.paused = paused;
  }

  get viewingQueue(): boolean {
    return this.nav.page === "queue";
  }

  /** Shows the queue view (with the channel settings beside it). */
  showQueue(): void {
    this.nav.show("queue");
  }

  /** Shows the channels, in Settings (where they are added, connected and paused). */
  showChannels(): void {
    this.nav.showSettings("channels");
  }

  dismissNotice(): void {
    this.notice = null;
  }
}
