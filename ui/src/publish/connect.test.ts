import { describe, expect, it } from "vitest";
import type { PageChoice, ZaloConnect } from "../shared/bindings";
import { orderPages, zaloMissing } from "./connect";

const page = (id: string, name: string, can_publish: boolean): PageChoice => ({ id, name, category: "", can_publish, channel: null });

describe("connect helpers", () => {
  it("lists the Pages the officer may publish on first, then by name", () => {
    const pages = [page("3", "Xã Bản Xèo", false), page("2", "UBND xã Nà Hẩu", true), page("1", "Đoàn xã", true)];
    expect(orderPages(pages).map((p) => p.id)).toEqual(["1", "2", "3"]);
    expect(pages.map((p) => p.id)).toEqual(["3", "2", "1"]);
  });

  it("names what the guided Zalo screen still needs", () => {
    const blank: ZaloConnect = { name: " ", app_id: "", secret_key: "", callback_url: "xa.gov.vn", api_url: "" };
    expect(zaloMissing(blank, false)).toEqual(["name", "app_id", "secret_key", "callback_url"]);
    const filled: ZaloConnect = { name: "Zalo OA xã", app_id: "42", secret_key: "", callback_url: "https://xa.gov.vn/zalo", api_url: "" };
    expect(zaloMissing(filled, true)).toEqual([]);
    expect(zaloMissing(filled, false)).toEqual(["secret_key"]);
  });
});
