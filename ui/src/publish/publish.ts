// Pure helpers of the publishing screens: how an outbox state looks, what to tell the officer about
// an item, the header's online indicator, and the conversions of the "queue" dialog's time.
import type {
  ChannelInfo,
  ChannelKind,
  ChannelStatus,
  IpcError,
  LinkState,
  OutboxItem,
  OutboxState,
  QueueEntry,
} from "../shared/bindings";

/** A message to show: a Fluent id and its arguments. */
export interface Message {
  id: string;
  args: Record<string, string | number>;
}

export const OUTBOX_STATES: OutboxState[] = [
  "queued",
  "media_uploaded",
  "publishing",
  "published",
  "failed",
  "unconfirmed",
  "cancelled",
];
export const CHANNEL_KINDS: ChannelKind[] = ["facebook", "zalo", "wordpress", "folder"];
export const CHANNEL_STATUSES: ChannelStatus[] = ["ok", "paused", "throttled", "needs_reconnect"];
export const LINK_STATES: LinkState[] = ["unknown", "online", "offline"];

/** The colour family of a state's badge. */
export type Tone = "waiting" | "working" | "done" | "danger" | "attention" | "muted";

export const stateMessageId = (s: OutboxState) => `ui-queue-state-${s}`;
export const kindMessageId = (k: ChannelKind) => `ui-channel-kind-${k}`;
export const channelStatusMessageId = (s: ChannelStatus) => `ui-channel-status-${s}`;
export const linkMessageId = (l: LinkState) => `ui-online-link-${l}`;

export function stateTone(s: OutboxState): Tone {
  switch (s) {
    case "queued":
      return "waiting";
    case "media_uploaded":
    case "publishing":
      return "working";
    case "published":
      return "done";
    case "failed":
      return "danger";
    case "unconfirmed":
      return "attention";
    case "cancelled":
      return "muted";
  }
}

/**
 * The badge of an item in the officer's words: a post waiting while the link is down says so
 * ("Chờ có mạng"), and a post without photos never says its photos were sent.
 */
export function itemStateMessageId(item: OutboxItem, link: LinkState): string {
  const waiting = item.state === "queued" || item.state === "media_uploaded";
  if (waiting && link === "offline") return "ui-queue-state-waiting-network";
  if (item.state === "media_uploaded" && item.media.length === 0) return stateMessageId("queued");
  return stateMessageId(item.state);
}

/** A waiting item paused after a failed try can be tried again now ("Thử lại ngay"). */
export const canRetryNow = (item: OutboxItem) =>
  (item.state === "queued" || item.state === "media_uploaded") && item.attempts > 0 && item.next_attempt_at != null;

/** The core retries a failed item, and an unconfirmed one once the officer confirms (see the core). */
export const canRetry = (s: OutboxState) => s === "failed" || s === "unconfirmed";
/** The core cancels only what has not started publishing. */
export const canCancel = (s: OutboxState) => s === "queued" || s === "media_uploaded" || s === "failed";
export const isActive = (s: OutboxState) => s === "queued" || s === "media_uploaded" || s === "publishing";
export const needsOfficer = (s: OutboxState) => s === "failed" || s === "unconfirmed";

/** Where the queue view puts an item: what needs the officer first, then what is under way, then the rest. */
function group(s: OutboxState): number {
  if (needsOfficer(s)) return 0;
  if (isActive(s)) return 1;
  return 2;
}

/** The queue in the order the officer reads it; newest first inside each group. */
export function sortEntries(entries: QueueEntry[]): QueueEntry[] {
  return [...entries].sort((a, b) => group(a.item.state) - group(b.item.state) || b.item.id - a.item.id);
}

/** Bytes of an item's photos or video the platform has confirmed, as stored (it survives a
 * restart, unlike the live progress events); null for a text post. */
export function storedBytes(item: {
  media: { size: number; remote_id: string | null }[];
  video?: { size: number; start_offset: number; remote_id: string | null } | null;
  bytes_total: number;
}): { bytes_sent: number; bytes_total: number } | null {
  const v = item.video;
  if (v) return { bytes_sent: v.remote_id ? v.size : Math.min(v.start_offset, v.size), bytes_total: v.size };
  if (item.media.length === 0) return null;
  const sent = item.media.filter((m) => m.remote_id !== null).reduce((n, m) => n + m.size, 0);
  return { bytes_sent: sent, bytes_total: item.bytes_total };
}

/** Percent of bytes sent (0–100), or null when there is nothing to measure. */
export function progressPercent(p: { bytes_sent: number; bytes_total: number } | null | undefined): number | null {
  if (!p || p.bytes_total <= 0) return null;
  return Math.max(0, Math.min(100, Math.round((p.bytes_sent / p.bytes_total) * 100)));
}

export type OnlineState = "online" | "offline" | "partial" | "none";

/** The header's indicator from the links of the configured channels (the ones not tried yet do not count). */
export function onlineState(channelIds: number[], links: Record<number, LinkState>): OnlineState {
  const known = channelIds.map((id) => links[id] ?? "unknown").filter((l) => l !== "unknown");
  if (known.length === 0) return "none";
  if (known.every((l) => l === "online")) return "online";
  if (known.every((l) => l === "offline")) return "offline";
  return "partial";
}

/** "2025-07-29T14:30" (a datetime-local value, the computer's time) → RFC 3339 with the local offset. */
export function localInputToRfc3339(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "00"].map(Number);
  const date = new Date(y, mo - 1, d, h, mi, s);
  // A day or hour that does not exist (31 February, 25:00) moves the date: refuse it.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A time as a datetime-local value in the computer's time ("2025-07-29T14:30"). */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** What to tell the officer about an item: what is happening and what to do, or nothing. */
export function itemHint(
  item: OutboxItem,
  channel: ChannelInfo | undefined,
  link: LinkState,
  now: Date = new Date(),
  advice: string | null = null,
): Message | null {
  const args = { channel: item.channel };
  switch (item.state) {
    case "failed":
      // The core names a sentence when the platform's code says what to change (a Zalo
      // article without a cover, a photo too large for the site…); otherwise the general one.
      return { id: advice ?? "ui-queue-hint-failed", args };
    case "unconfirmed":
      return { id: "ui-queue-hint-unconfirmed", args };
    case "published":
    case "cancelled":
      return null;
    default:
      break;
  }
  if (channel?.status === "needs_reconnect") return { id: "channel-hint-auth", args };
  if (channel?.status === "throttled") {
    const until = channel.paused_until ? Date.parse(channel.paused_until) : NaN;
    const minutes = Number.isNaN(until) ? 1 : Math.max(1, Math.ceil((until - now.getTime()) / 60_000));
    return { id: "channel-hint-throttled", args: { ...args, minutes } };
  }
  if (channel?.paused) return { id: "ui-queue-hint-channel-paused", args };
  if (link === "offline") return { id: "channel-hint-offline", args };
  if (item.state === "publishing" && item.last_error) return { id: "channel-hint-ambiguous", args };
  if (item.last_error) return { id: "channel-hint-transient", args };
  return null;
}

/** Errors whose core sentence names a command-line command or an item by its number (what the
 * command line works with): the window says it its own way, about "this post". */
const WINDOW_MESSAGES: Record<string, string> = {
  "error-photos-need-image-host": "ui-error-photos-need-image-host",
  "error-channel-not-found": "ui-error-channel-not-found",
  "error-missing-credentials": "ui-error-missing-credentials",
  "error-already-queued": "ui-error-already-queued",
  "error-outbox-conflict": "ui-error-outbox-conflict",
  "error-outbox-wrong-state": "ui-error-outbox-wrong-state",
  "error-confirm-not-published": "ui-error-confirm-not-published",
};

/** An error from the core as sentences for the window. */
export function errorMessages(err: IpcError): Message[] {
  const args = err.args ?? {};
  // The core sends each broken limit typed, with its message: no string to parse.
  if (err.details?.kind === "channel_limits" && err.details.violations.length > 0) {
    return err.details.violations.map((v) => ({ id: v.message_id, args: v.args }));
  }
  return [{ id: WINDOW_MESSAGES[err.message_id] ?? err.message_id, args }];
}

/** Every message id the helpers above may return (the locale tests check each exists). */
export const COMPUTED_MESSAGE_IDS = [
  ...OUTBOX_STATES.map(stateMessageId),
  "ui-queue-state-waiting-network",
  "ui-publish-confirm-now",
  "ui-publish-confirm-schedule",
  ...CHANNEL_KINDS.map(kindMessageId),
  ...CHANNEL_STATUSES.map(channelStatusMessageId),
  ...LINK_STATES.map(linkMessageId),
  ...LINK_STATES.map((l) => `ui-channel-link-${l}`),
  "ui-queue-hint-failed",
  "ui-queue-hint-unconfirmed",
  "ui-queue-hint-channel-paused",
  "channel-hint-auth",
  "channel-hint-throttled",
  "channel-hint-offline",
  "channel-hint-ambiguous",
  "channel-hint-transient",
  "channel-limit-title-missing",
  "channel-limit-title-too-long",
  "channel-limit-text-too-long",
  "channel-limit-too-many-photos",
  "channel-limit-photo-too-large",
  "channel-limit-photo-format",
  ...Object.values(WINDOW_MESSAGES),
];
