import { describe, expect, it } from "vitest";
import type { SeriesView } from "../shared/bindings";
import { emptyForm, formOf, inputOf, problems } from "./series-form";

describe("the section form", () => {
  it("says what is missing before a save", () => {
    const f = emptyForm("2025-07-29");
    expect(problems(f)).toEqual(["ui-calendar-need-name", "ui-calendar-need-weekday"]);
    f.name = "Chào mừng Đại hội";
    f.weekdays.tue = true;
    expect(problems(f)).toEqual([]);
    f.end = "until";
    f.until = "2025-07-01";
    expect(problems(f)).toEqual(["ui-calendar-need-until"]);
    f.end = "count";
    f.count = "0";
    expect(problems(f)).toEqual(["ui-calendar-need-count"]);
    f.count = "12";
    f.time = "7:00";
    expect(problems(f)).toEqual(["ui-calendar-need-time"]);
  });

  it("makes the section the core stores, weekdays Monday first and only the chosen end", () => {
    const f = emptyForm("2025-07-29");
    f.name = "  Chào mừng Đại hội Đảng  ";
    f.weekdays.fri = true;
    f.weekdays.tue = true;
    f.end = "count";
    f.count = "12";
    f.until = "2025-12-31";
    f.channels = [2, 1];
    f.defaults = { title: "ignored without a template" };
    const input = inputOf(f);
    expect(input).toMatchObject({
      id: null,
      name: "Chào mừng Đại hội Đảng",
      name_en: null,
      weekdays: ["tue", "fri"],
      time: "19:00",
      from: "2025-07-29",
      until: null,
      count: 12,
      channels: [2, 1],
      template: null,
      template_defaults: {},
      colour: null,
    });
  });

  it("keeps a template's filled default values and reads a stored section back", () => {
    const stored: SeriesView = {
      id: 7,
      name: "Người tốt việc tốt",
      name_en: "Good deeds",
      weekdays: ["sat"],
      time: "08:30",
      from: "2025-08-02",
      until: "2025-12-27",
      count: null,
      channels: [3],
      template: "good-deeds",
      template_defaults: { unit: "Xã Quài Tở" },
      colour: "#0F766E",
      first_episode: 4,
    };
    const f = formOf(stored);
    expect(f.end).toBe("until");
    expect(f.weekdays.sat && !f.weekdays.sun).toBe(true);
    f.defaults.note = "   ";
    expect(inputOf(f, stored.first_episode)).toEqual({ ...stored, weekdays: ["sat"] });
  });
});
