// Which page of the window is shown. The shell owns it; features that move the officer on (an
// import shows the library, queueing shows the queue) are handed it rather than keeping their own.

export type Page = "drafts" | "media" | "templates" | "queue" | "reports" | "calendar" | "settings";

export class Navigation {
  page = $state<Page>("drafts");
  /** The Settings section to bring into view when Settings opens ("channels"…), once. */
  section = $state<string | null>(null);
  /** The draft the drafting page last showed (see `draftOpened`). */
  private shownDraft: number | null = null;

  show(page: Page): void {
    this.page = page;
  }

  /** Opens Settings at one of its sections. */
  showSettings(section: string): void {
    this.section = section;
    this.page = "settings";
  }

  /**
   * The open draft changed (opened, created, deleted): the drafting page comes to the front, even
   * from the photo library, so the officer sees what was just opened.
   */
  draftOpened(id: number | null): void {
    if (id === this.shownDraft) return;
    this.shownDraft = id;
    this.page = "drafts";
  }
}
