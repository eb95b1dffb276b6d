import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelInfo, OutboxItem, OutboxState, QueueEntry } from "../shared/bindings";
import {
  OUTBOX_STATES,
  canCancel,
  canRetry,
  errorMessages,
  itemHint,
  limitMessages,
  localInputToRfc3339,
  onlineState,
  progressPercent,
  sortEntries,
  stateMessageId,
  stateTone,
  toLocalInput,
} from "./publish";

function item(id: number, state: OutboxState, extra: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id,
    draft_id: 1,
    channel_id: 7,
    channel: "Trang xã",
    channel_kind: "facebook",
    state,
    title: "Lịch tiếp công dân",
    text: "…",
    text_hash: "",
    slug: "",
    scheduled_at: null,
    platform_scheduled: false,
    attempts: 0,
    readback_attempts: 0,
    next_attempt_at: null,
    publish_started_at: null,
    published_at: null,
    remote_id: null,
    remote_url: null,
    last_error: null,
    media: [],
    bytes_total: 0,
    created_at: "",
    updated_at: "",
    ...extra,
  };
}

function channel(extra: Partial<ChannelInfo> = {}): ChannelInfo {
  return {
    id: 7,
    name: "Trang xã",
    kind: "facebook",
    base_url: "",
    page_id: "1001",
    user: "",
    folder: null,
    spacing_secs: 30,
    status: "ok",
    paused: false,
    paused_until: null,
    page_url: "",
    last_publish_at: null,
    created_at: "",
    updated_at: "",
    image_host_channel_id: null,
    ...extra,
  };
}

describe("outbox states", () => {
  it("each state has its own label id and a tone that says whether the officer must act", () => {
    expect(new Set(OUTBOX_STATES.map(stateMessageId)).size).toBe(OUTBOX_STATES.length);
    expect(stateMessageId("media_uploaded")).toBe("ui-queue-state-media_uploaded");
    expect(stateTone("failed")).toBe("danger");
    expect(stateTone("unconfirmed")).toBe("attention");
    expect(stateTone("published")).toBe("done");
    expect(stateTone("publishing")).toBe("working");
    expect(stateTone("queued")).toBe("waiting");
    expect(stateTone("cancelled")).toBe("muted");
  });

  it("offers retry and cancel exactly where the core allows them", () => {
    expect(OUTBOX_STATES.filter(canRetry)).toEqual(["failed", "unconfirmed"]);
    expect(OUTBOX_STATES.filter(canCancel)).toEqual(["queued", "media_uploaded", "failed"]);
  });

  it("sorts what needs the officer first, then work under way, newest first", () => {
    const order = sortEntries(
      [item(1, "published"), item(2, "queued"), item(3, "failed"), item(4, "publishing"), item(5, "unconfirmed")].map(
        (i): QueueEntry => ({ item: i, progress: null }),
      ),
    ).map((e) => e.item.id);
    expect(order).toEqual([5, 3, 4, 2, 1]);
  });

  it("turns bytes into a bounded percentage", () => {
    expect(progressPercent({ bytes_sent: 512, bytes_total: 2048 })).toBe(25);
    expect(progressPercent({ bytes_sent: 5000, bytes_total: 2048 })).toBe(100);
    expect(progressPercent({ bytes_sent: 0, bytes_total: 0 })).toBeNull();
    expect(progressPercent(null)).toBeNull();
  });
});

describe("online indicator", () => {
  it("counts only channels the worker has tried", () => {
    expect(onlineState([], {})).toBe("none");
    expect(onlineState([1, 2], {})).toBe("none");
    expect(onlineState([1, 2], { 1: "online" })).toBe("online");
    expect(onlineState([1, 2], { 1: "online", 2: "online" })).toBe("online");
    expect(onlineState([1, 2], { 1: "offline", 2: "offline" })).toBe("offline");
    expect(onlineState([1, 2], { 1: "online", 2: "offline" })).toBe("partial");
    // A removed channel's old link does not count.
    expect(onlineState([1], { 1: "online", 9: "offline" })).toBe("online");
  });
});

describe("the queue dialog's time", () => {
  const tz = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = "Asia/Ho_Chi_Minh";
  });
  afterEach(() => {
    process.env.TZ = tz;
  });

  it("adds the computer's offset to a datetime-local value", () => {
    const at = localInputToRfc3339("2025-07-29T14:30");
    expect(at).toBe("2025-07-29T14:30:00+07:00");
    expect(Date.parse(at ?? "")).toBe(Date.UTC(2025, 6, 29, 7, 30));
    expect(localInputToRfc3339("2025-07-29T14:30:15")).toBe("2025-07-29T14:30:15+07:00");
  });

  it("refuses what is not a real local time", () => {
    expect(localInputToRfc3339("")).toBeNull();
    expect(localInputToRfc3339("29/07/2025 14:30")).toBeNull();
    expect(localInputToRfc3339("2025-02-31T10:00")).toBeNull();
    expect(localInputToRfc3339("2025-07-29T25:00")).toBeNull();
  });

  it("writes a time back as a datetime-local value", () => {
    expect(toLocalInput(new Date(2025, 0, 5, 8, 7))).toBe("2025-01-05T08:07");
    expect(localInputToRfc3339(toLocalInput(new Date(2025, 0, 5, 8, 7)))).toBe("2025-01-05T08:07:00+07:00");
  });
});

describe("what the officer is told about an item", () => {
  const now = new Date(Date.UTC(2025, 6, 29, 7, 0));
  const err = { code: "timeout", message: "timed out" };

  it("says what to do when the item needs the officer", () => {
    expect(itemHint(item(1, "failed", { last_error: err }), channel(), "online", now)?.id).toBe("ui-queue-hint-failed");
    expect(itemHint(item(1, "unconfirmed"), channel(), "online", now)?.id).toBe("ui-queue-hint-unconfirmed");
    expect(itemHint(item(1, "published"), channel(), "offline", now)).toBeNull();
  });

  it("explains why a waiting item waits: reconnect, throttle, pause, offline, retry", () => {
    const q = item(1, "queued");
    expect(itemHint(q, channel({ status: "needs_reconnect" }), "online", now)?.id).toBe("channel-hint-auth");
    const throttled = itemHint(
      q,
      channel({ status: "throttled", paused_until: "2025-07-29T07:04:30Z" }),
      "online",
      now,
    );
    expect(throttled).toEqual({ id: "channel-hint-throttled", args: { channel: "Trang xã", minutes: 5 } });
    expect(itemHint(q, channel({ paused: true, status: "paused" }), "online", now)?.id).toBe("ui-queue-hint-channel-paused");
    expect(itemHint(q, channel(), "offline", now)?.id).toBe("channel-hint-offline");
    expect(itemHint(item(1, "publishing", { last_error: err }), channel(), "online", now)?.id).toBe("channel-hint-ambiguous");
    expect(itemHint(item(1, "queued", { last_error: err }), channel(), "online", now)?.id).toBe("channel-hint-transient");
    expect(itemHint(q, channel(), "online", now)).toBeNull();
  });
});

describe("refusals", () => {
  it("turns the core's limit list into sentences", () => {
    expect(limitMessages("title_too_long (200 > 150), photo_too_large (#2 2097152 > 1048576), photo_format (#3), title_missing, odd", "Zalo OA")).toEqual([
      { id: "channel-limit-title-too-long", args: { channel: "Zalo OA", actual: 200, max: 150 } },
      { id: "channel-limit-photo-too-large", args: { channel: "Zalo OA", index: 2, actual_mb: "2", max_mb: "1" } },
      { id: "channel-limit-photo-format", args: { channel: "Zalo OA", index: 3 } },
      { id: "channel-limit-title-missing", args: { channel: "Zalo OA" } },
      { id: "ui-queue-limit-other", args: { channel: "Zalo OA", detail: "odd" } },
    ]);
    expect(limitMessages("too_many_photos (12 > 10)", "Trang")[0]).toEqual({
      id: "channel-limit-too-many-photos",
      args: { channel: "Trang", actual: 12, max: 10 },
    });
  });

  it("shows the window's own sentence where the core's names a command", () => {
    expect(
      errorMessages({ code: "photos_need_image_host", message_id: "error-photos-need-image-host", args: { channel: "Zalo" } }),
    ).toEqual([{ id: "ui-error-photos-need-image-host", args: { channel: "Zalo" } }]);
    expect(errorMessages({ code: "already_queued", message_id: "error-already-queued", args: { id: "3", channel: "T" } })).toEqual([
      { id: "error-already-queued", args: { id: "3", channel: "T" } },
    ]);
    expect(
      errorMessages({ code: "channel_limits", message_id: "error-channel-limits", args: { channel: "Z", problems: "title_missing" } }),
    ).toEqual([{ id: "channel-limit-title-missing", args: { channel: "Z" } }]);
  });
});
