import { describe, expect, it } from "vitest";
import { isPhotoPath, isUnreadablePhotoPath, moved, nextSelection } from "./media.svelte";

describe("photo selection", () => {
  const order = [5, 4, 3, 2, 1];
  it("a tap adds a photo in the order tapped, a second tap takes it out", () => {
    expect(nextSelection(order, [4, 3], 4, 2, { ctrl: false, shift: false })).toEqual([4, 3, 2]);
    expect(nextSelection(order, [2], 2, 5, { ctrl: false, shift: false })).toEqual([2, 5]);
    expect(nextSelection(order, [2, 5], 5, 2, { ctrl: false, shift: false })).toEqual([5]);
  });
  it("ctrl does the same (the habit of desktop file managers)", () => {
    expect(nextSelection(order, [2], 2, 4, { ctrl: true, shift: false })).toEqual([2, 4]);
    expect(nextSelection(order, [4, 2], 4, 4, { ctrl: true, shift: false })).toEqual([2]);
  });
  it("shift selects the range from the anchor", () => {
    expect(nextSelection(order, [4], 4, 1, { ctrl: false, shift: true })).toEqual([4, 3, 2, 1]);
    expect(nextSelection(order, [2], 2, 5, { ctrl: false, shift: true })).toEqual([5, 4, 3, 2]);
  });
});

describe("helpers", () => {
  it("moves within bounds only", () => {
    expect(moved([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(moved([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    expect(moved([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
  });
  it("recognises photo paths", () => {
    expect(isPhotoPath("/a/Ảnh.JPG")).toBe(true);
    expect(isPhotoPath("C:\\x\\b.webp")).toBe(true);
    expect(isPhotoPath("/a/b.heic")).toBe(false);
  });
});

describe("photo formats Loa cannot read yet", () => {
  it("are recognised by name so a drop reports them instead of ignoring them", () => {
    expect(isUnreadablePhotoPath("/home/canbo/IMG_0001.HEIC")).toBe(true);
    expect(isUnreadablePhotoPath("C:\\Ảnh\\scan.tiff")).toBe(true);
    expect(isUnreadablePhotoPath("a.jpg")).toBe(false);
    expect(isPhotoPath("IMG_0001.HEIC")).toBe(false);
  });
});
