import { describe, expect, it } from "vitest";
import { suggestedName } from "./backup.svelte";

describe("suggestedName", () => {
  it("names the commune without accents and the day", () => {
    expect(suggestedName("Xã Nậm Cang", new Date("2025-07-29T10:00:00Z"))).toBe("Loa-Xa-Nam-Cang-2025-07-29.loa-backup");
    expect(suggestedName("Phường Đông Hà", new Date("2025-01-02T00:00:00Z"))).toBe("Loa-Phuong-Dong-Ha-2025-01-02.loa-backup");
  });
  it("leaves the commune out when there is none", () => {
    expect(suggestedName("", new Date("2025-07-29T10:00:00Z"))).toBe("Loa-2025-07-29.loa-backup");
  });
});
