import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelInfo, IpcError, OutboxItem, OutboxState, QueueEntry } from "../shared/bindings";
import {
  OUTBOX_STATES,
  canCancel,
  canRetry,
  canRetryNow,
  itemStateMessageId,
  errorMessages,
  itemHint,
  localInputToRfc3339,
  onlineState,
  progressPercent,
  storedBytes,
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
    video: null,
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
        (i): QueueEntry => ({ item: i, progress: null, advice: null, technical: null }),
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
    const noCover = { code: "no-cover", message: "the OA has no cover or avatar image" };
    expect(itemHint(item(1, "failed", { last_error: noCover }), channel(), "online", now, "channel-hint-no-cover")?.id).toBe(
      "channel-hint-no-cover",
    );
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
  it("shows each typed limit the core sends as its own sentence", () => {
    const err: IpcError = {
      code: "channel_limits",
      message_id: "error-channel-limits",
      args: { channel: "Zalo OA", count: "2" },
      details: {
        kind: "channel_limits",
        violations: [
          {
            violation: { violation: "title_too_long", max: 150, actual: 200 },
            message_id: "channel-limit-title-too-long",
            args: { channel: "Zalo OA", max: "150", actual: "200" },
          },
          {
            violation: { violation: "photo_too_large", index: 1, max: 1000000, actual: 2097152 },
            message_id: "channel-limit-photo-too-large",
            args: { channel: "Zalo OA", index: "2", max_mb: "1.0", actual_mb: "2.1" },
          },
        ],
      },
    };
    expect(errorMessages(err)).toEqual([
      { id: "channel-limit-title-too-long", args: { channel: "Zalo OA", max: "150", actual: "200" } },
      { id: "channel-limit-photo-too-large", args: { channel: "Zalo OA", index: "2", max_mb: "1.0", actual_mb: "2.1" } },
    ]);
  });

  it("shows the window's own sentence where the core's names a command", () => {
    expect(
      errorMessages({ code: "photos_need_image_host", message_id: "error-photos-need-image-host", args: { channel: "Zalo" } }),
    ).toEqual([{ id: "ui-error-photos-need-image-host", args: { channel: "Zalo" } }]);
    // The core's sentence names the draft by its number; the window speaks of "this post".
    expect(errorMessages({ code: "already_queued", message_id: "error-already-queued", args: { id: "3", channel: "T" } })).toEqual([
      { id: "ui-error-already-queued", args: { id: "3", channel: "T" } },
    ]);
    // Any other sentence is the core's own.
    expect(errorMessages({ code: "draft_in_trash", message_id: "error-draft-in-trash", args: { id: "3" } })).toEqual([
      { id: "error-draft-in-trash", args: { id: "3" } },
    ]);
    // Without typed details, the core's own sentence.
    expect(errorMessages({ code: "channel_limits", message_id: "error-channel-limits", args: { channel: "Z", count: "1" } })).toEqual([
      { id: "error-channel-limits", args: { channel: "Z", count: "1" } },
    ]);
  });
});

describe("an item's badge in the officer's words", () => {
  const base = {
    id: 1,
    draft_id: 1,
    channel_id: 1,
    channel: "Trang xã",
    channel_kind: "facebook",
    title: "Tin",
    state: "media_uploaded",
    attempts: 0,
    next_attempt_at: null,
    media: [],
  } as unknown as OutboxItem;

  it("a post without photos never says its photos were sent", () => {
    expect(itemStateMessageId(base, "online")).toBe("ui-queue-state-queued");
    const withPhoto = { ...base, media: [{}] } as unknown as OutboxItem;
    expect(itemStateMessageId(withPhoto, "online")).toBe("ui-queue-state-media_uploaded");
  });

  it("a waiting post on a dead link waits for the connection", () => {
    expect(itemStateMessageId(base, "offline")).toBe("ui-queue-state-waiting-network");
    expect(itemStateMessageId({ ...base, state: "queued" }, "offline")).toBe("ui-queue-state-waiting-network");
    expect(itemStateMessageId({ ...base, state: "failed" }, "offline")).toBe("ui-queue-state-failed");
  });

  it("only a post pausing after a failed try can be tried again now", () => {
    expect(canRetryNow(base)).toBe(false);
    expect(canRetryNow({ ...base, attempts: 1, next_attempt_at: "2026-12-07T10:00:00Z" })).toBe(true);
    expect(canRetryNow({ ...base, state: "failed", attempts: 1, next_attempt_at: "2026-12-07T10:00:00Z" })).toBe(false);
  });
});

describe("storedBytes", () => {
  it("counts what the platform confirmed of a video, as stored", () => {
    const video = {
      path: "/p/outbox/files/v.mp4",
      size: 20_000_000,
      sha256: "0".repeat(64),
      preset: "facebook",
      upload_session_id: "s",
      video_id: "v",
      session_started_at: null,
      start_offset: 7_340_032,
      end_offset: 7_864_320,
      chunk_bytes: 524_288,
      bytes_sent: 7_900_000,
      remote_id: null,
      remote_url: null,
      uploaded_at: null,
    };
    expect(storedBytes(item(1, "queued", { video, bytes_total: video.size }))).toEqual({
      bytes_sent: 7_340_032,
      bytes_total: 20_000_000,
    });
    expect(storedBytes(item(1, "media_uploaded", { video: { ...video, remote_id: "v" } }))).toEqual({
      bytes_sent: 20_000_000,
      bytes_total: 20_000_000,
    });
  });

  it("counts uploaded photos, and nothing for a text post", () => {
    const media = [
      { position: 0, path: "a", alt_text: "", size: 100, remote_id: "1", remote_url: null, uploaded_at: null },
      { position: 1, path: "b", alt_text: "", size: 300, remote_id: null, remote_url: null, uploaded_at: null },
    ];
    expect(storedBytes(item(1, "queued", { media, bytes_total: 400 }))).toEqual({ bytes_sent: 100, bytes_total: 400 });
    expect(storedBytes(item(1, "queued"))).toBeNull();
  });
});
