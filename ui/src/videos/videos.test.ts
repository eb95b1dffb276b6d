import { describe, expect, it } from "vitest";
import type { VideoEstimate } from "../shared/bindings";
import { durationLabel, estimateArgs, isVideoPath } from "./videos.svelte";

const estimate = (bytes: number, upload_seconds: number | null): VideoEstimate => ({
  draft_id: 1,
  preset: "facebook",
  bytes,
  bytes_max: null,
  upload_seconds,
  link_bps: 1_000_000,
  link_measured: false,
  width: 1280,
  height: 720,
});

describe("videos", () => {
  it("shows a length as a player does", () => {
    expect(durationLabel(3635)).toBe("0:04");
    expect(durationLabel(11_353)).toBe("0:11");
    expect(durationLabel(185_000)).toBe("3:05");
    expect(durationLabel(3_729_000)).toBe("1:02:09");
    expect(durationLabel(null)).toBe("?");
  });

  it("says the estimate in megabytes and whole minutes", () => {
    expect(estimateArgs(estimate(18_400_000, 147), "vi")).toEqual({ mb: "18", minutes: 3, seconds: 147 });
    expect(estimateArgs(estimate(4_560_000, 37), "vi")).toEqual({ mb: "4,6", minutes: 0, seconds: 37 });
    expect(estimateArgs(estimate(4_560_000, 37), "en")).toEqual({ mb: "4.6", minutes: 0, seconds: 37 });
  });

  it("knows video file names", () => {
    expect(isVideoPath("/home/a/Video lũ.MP4")).toBe(true);
    expect(isVideoPath("clip.3gp")).toBe(true);
    expect(isVideoPath("photo.jpg")).toBe(false);
  });
});
