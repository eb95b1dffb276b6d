import { describe, expect, it, vi } from "vitest";
import { Translator, groupSourcesByLocale } from "./i18n-core";

const sources = {
  "../../../locales/vi/ui.ftl": "hello = Xin chào { $name }\nonly-vi = Chỉ tiếng Việt\n",
  "../../../locales/vi/core.ftl": "topic-health = Y tế\n",
  "../../../locales/en/ui.ftl": "hello = Hello { $name }\n",
  "../../../locales/README.md": "not a locale",
};

describe("Translator", () => {
  it("groups every .ftl file of a locale", () => {
    const g = groupSourcesByLocale(sources);
    expect([...g.keys()].sort()).toEqual(["en", "vi"]);
    expect(g.get("vi")).toHaveLength(2);
  });

  it("formats messages with arguments and no isolation marks", () => {
    const tr = new Translator(sources, () => {});
    expect(tr.format("vi", "hello", { name: "Mường Tè" })).toBe("Xin chào Mường Tè");
    expect(tr.format("en", "hello", { name: "Mường Tè" })).toBe("Hello Mường Tè");
    expect(tr.format("vi", "topic-health")).toBe("Y tế");
  });

  it("shows a missing id as the id and reports it once", () => {
    const warn = vi.fn();
    const tr = new Translator(sources, warn);
    expect(tr.format("en", "only-vi")).toBe("only-vi");
    expect(tr.format("en", "only-vi")).toBe("only-vi");
    expect(tr.format("fr", "hello")).toBe("hello");
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it("does not crash on a missing argument", () => {
    const tr = new Translator(sources, () => {});
    expect(tr.format("en", "hello")).toContain("Hello");
  });
});
