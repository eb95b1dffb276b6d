import { describe, expect, it } from "vitest";
import { isPhotoPath, moved, nextSelection } from "./media.svelte";

describe("photo selection", () => {
  const order = [5, 4, 3, 2, 1];
  it("a plain click selects one, a second click clears it", () => {
    expect(nextSelection(order, [4, 3], 4, 2, { ctrl: false, shift: false })).toEqual([2]);
    expect(nextSelection(order, [2], 2, 2, { ctrl: false, shift: false })).toEqual([]);
  });
  it("ctrl toggles, keeping grid order", () => {
    expect(nextSelection(order, [2], 2, 4, { ctrl: true, shift: false })).toEqual([4, 2]);
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
