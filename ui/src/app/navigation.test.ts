import { describe, expect, it } from "vitest";
import { Navigation } from "./navigation.svelte";

describe("Navigation", () => {
  it("starts on the drafting page and shows the page asked for", () => {
    const nav = new Navigation();
    expect(nav.page).toBe("drafts");
    nav.show("queue");
    expect(nav.page).toBe("queue");
  });

  it("brings the drafting page back when another draft opens", () => {
    const nav = new Navigation();
    nav.draftOpened(3);
    nav.show("media");
    nav.draftOpened(7);
    expect(nav.page).toBe("drafts");
  });

  it("stays where the officer is while the same draft stays open", () => {
    const nav = new Navigation();
    nav.draftOpened(3);
    nav.show("templates");
    nav.draftOpened(3);
    expect(nav.page).toBe("templates");
  });

  it("shows the drafting page when the open draft is closed (deleted)", () => {
    const nav = new Navigation();
    nav.draftOpened(3);
    nav.show("queue");
    nav.draftOpened(null);
    expect(nav.page).toBe("drafts");
  });

  it("does not move the officer before any draft was opened", () => {
    const nav = new Navigation();
    nav.show("media");
    nav.draftOpened(null);
    expect(nav.page).toBe("media");
  });
});
