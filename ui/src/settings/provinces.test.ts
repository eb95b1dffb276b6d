import { describe, expect, it } from "vitest";
import type { Province } from "../shared/bindings";
import { suggestProvinces } from "./provinces";

const LIST: Province[] = [
  { name: "Hà Nội", kind: "city" },
  { name: "Hà Tĩnh", kind: "province" },
  { name: "Lai Châu", kind: "province" },
  { name: "Lào Cai", kind: "province" },
  { name: "Hồ Chí Minh", kind: "city" },
  { name: "Khánh Hòa", kind: "province" },
];

const names = (typed: string) => suggestProvinces(LIST, typed).map((p) => p.name);

describe("suggestProvinces", () => {
  it("matches without accents and with a kind before the name", () => {
    expect(names("lao")).toEqual(["Lào Cai"]);
    expect(names("la")).toEqual(["Lai Châu", "Lào Cai"]);
    expect(names("Tỉnh Lào")).toEqual(["Lào Cai"]);
    expect(names("tp ho chi")).toEqual(["Hồ Chí Minh"]);
    expect(names("ha")).toEqual(["Hà Nội", "Hà Tĩnh"]);
    expect(names("cai")).toEqual(["Lào Cai"]);
    expect(names("chi minh")).toEqual(["Hồ Chí Minh"]);
  });

  it("offers nothing for an empty field, a name already chosen, or text that matches none", () => {
    expect(names("  ")).toEqual([]);
    expect(names("Lào Cai")).toEqual([]);
    expect(names("Yên Bái")).toEqual([]);
  });

  it("offers the name when it was typed without its accents", () => {
    expect(names("lao cai")).toEqual(["Lào Cai"]);
  });
});
