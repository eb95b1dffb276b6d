// End-to-end test of the Calendar view in the real Loa window, with the laptop's zone far from
// Vietnam (Los Angeles, UTC−8/−7): a section made in the window shows on its weekdays from its
// start in Vietnam days, today is Vietnam's today, one occurrence is filled (its draft opens in
// the editor), another is skipped with a reason, the empty-slot notice names tomorrow's episode,
// the keyboard walks the days and opens a day, and the month view and the arrows work. Last, a
// week with several sections, their states and a holiday is shown for a screenshot.
// Same prerequisites as app.test.mjs.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SKIP, messages, withArtifacts } from "./harness.mjs";
import { currentDraftId, invoke, newDraft, screenshot, typeInto, useDriver, waitSaved } from "./ui.mjs";
import { Keys } from "./webdriver.mjs";

// tauri-driver starts the app with this process's environment: the app runs in Los Angeles.
process.env.TZ = "America/Los_Angeles";
process.env.LOA_CREDENTIALS = "file";

const TEST_TIMEOUT = 300_000;
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_MS = 86_400_000;

/** Vietnam's today (UTC+7, no daylight saving), as the calendar must count it. */
function vietnamToday() {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}
function addDays(day, n) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
function weekdayOf(day) {
  return WEEKDAYS[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7];
}
function mondayOf(day) {
  return addDays(day, -WEEKDAYS.indexOf(weekdayOf(day)));
}
function dmy(day) {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** Presses a key where the focus is (W3C Actions: a day cell takes no Element Send Keys). */
async function press(s, key) {
  await s.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: key }, { type: "keyUp", value: key }] }] });
  await s.cmd("DELETE", "/actions");
}

async function entriesOn(s, day, extra = "") {
  return s.findElements(`[data-testid="calendar-day"][data-date="${day}"] [data-testid="calendar-entry"]${extra}`);
}

/** Opens the calendar on the week holding `day`. */
async function showWeekOf(s, day) {
  const target = mondayOf(day);
  for (let i = 0; i < 60; i++) {
    const from = await (await s.byTestId("calendar")).attribute("data-from");
    if (from === target) return;
    await (await s.byTestId(from < target ? "calendar-next" : "calendar-prev")).click();
    await s.waitFor(async () => (await (await s.byTestId("calendar")).attribute("data-from")) !== from, { message: "another week" });
  }
  throw new Error(`the week of ${day} was not reached`);
}

/** Drags `from` onto `to` with the mouse, the way an officer does: press, a small move that
 * starts the drag, then the move onto the target and release (real pointer events). */
async function drag(s, from, to) {
  await s.cmd("POST", "/actions", {
    actions: [
      {
        type: "pointer",
        id: "mouse",
        parameters: { pointerType: "mouse" },
        actions: [
          { type: "pointerMove", origin: from, x: 0, y: 0 },
          { type: "pointerDown", button: 0 },
          { type: "pointerMove", origin: from, x: -20, y: 5, duration: 100 },
          { type: "pointerMove", origin: to, x: 0, y: 0, duration: 200 },
          { type: "pointerUp", button: 0 },
        ],
      },
    ],
  });
  await s.cmd("DELETE", "/actions");
}
describe("Calendar (WebDriver)", { skip: SKIP ? "LOA_E2E_SKIP=1" : false, timeout: 10 * 60_000 }, () => {
  const { dataDir, open } = useDriver();

  it("plans a section in Vietnam time, fills and skips occurrences, warns of the empty slot", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("calendar", async (ctx) => {
      const vi = messages("vi");
      const dir = dataDir("calendar");
      const s = await open(ctx, dir);
      await s.setWindowRect({ x: 0, y: 0, width: 1366, height: 768 }).catch((e) => t.diagnostic(`setWindowRect: ${e.message}`));
      const appZone = await s.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone");
      t.diagnostic(`the window's time zone: ${appZone}`);
      assert.equal(appZone, "America/Los_Angeles", "the app runs far from Vietnam");

      await (await s.waitForTestId("nav-calendar")).click();
      const cal = await s.waitForTestId("calendar");
      assert.equal(await cal.attribute("data-mode"), "week", "the week is shown first");
      const today = vietnamToday();
      const todayCell = await s.waitForTestId("calendar-day", `[data-date="${today}"]`);
      assert.match(await todayCell.attribute("class"), /\btoday\b/, "Vietnam's today is highlighted");
      assert.equal(await (await s.byTestId("calendar-timezone")).text(), vi("ui-calendar-vietnam-time"));
      // Monday first, with Vietnamese day names.
      const days = await s.findElements('[data-testid="calendar-day"]');
      assert.equal(days.length, 7);
      assert.equal(await days[0].attribute("data-date"), mondayOf(today));
      const heads = await s.findElements('[data-testid="calendar"] [role="columnheader"]');
      assert.equal(await heads[0].textContent(), "Thứ Hai");
      assert.equal(await heads[6].textContent(), "Chủ Nhật");

      // A section on tomorrow's weekday and the one three days later, from today, at 19:00.
      const tomorrow = addDays(today, 1);
      const later = addDays(today, 3);
      const chosen = new Set([weekdayOf(tomorrow), weekdayOf(later)]);
      const name = "Chào mừng Đại hội Đảng";
      await (await s.byTestId("series-new")).click();
      await s.waitForTestId("series-form");
      await typeInto(t, s, await s.byTestId("series-name"), name);
      for (const d of chosen) await (await s.byTestId(`series-weekday-${d}`)).click();
      assert.equal(await (await s.byTestId("series-from")).property("value"), dmy(today), "the start is today, dd/mm/yyyy");
      await (await s.byTestId("series-save")).click();
      await s.waitFor(async () => (await s.findElements('[data-testid="series-form"]')).length === 0, { message: "the form closes" });
      await s.waitForTestId("series-item");

      // Its occurrences fall on the chosen weekdays, from the start on, in Vietnam days.
      for (const week of [today, addDays(today, 7)]) {
        await showWeekOf(s, week);
        for (let i = 0; i < 7; i++) {
          const day = addDays(mondayOf(week), i);
          const want = day >= today && chosen.has(weekdayOf(day)) ? 1 : 0;
          await s.waitFor(async () => (await entriesOn(s, day, '[data-kind="occurrence"]')).length === want, {
            message: `${want} occurrence on ${day} (${weekdayOf(day)})`,
          });
          if (want) {
            const [e] = await entriesOn(s, day, '[data-kind="occurrence"]');
            assert.equal(await e.attribute("data-state"), "empty");
            const text = await e.textContent();
            assert.ok(text.includes("19:00") && text.includes(name) && text.includes(vi("calendar-state-empty")), text);
          }
        }
      }

      // The empty-slot notice names tomorrow's episode, and its link fills it.
      await showWeekOf(s, today);
      const notice = await s.waitForTestId("empty-slot-notice");
      const expected = `${vi(`calendar-weekday-${weekdayOf(tomorrow)}`)} 19:00 — ${name}: chưa có bài`;
      await s.waitFor(async () => (await notice.textContent()).includes(expected), { message: `the notice says "${expected}"` });

      // Fill tomorrow's occurrence from the calendar: its draft opens in the editor.
      await showWeekOf(s, tomorrow);
      const [slot] = await entriesOn(s, tomorrow, '[data-kind="occurrence"]');
      await slot.click();
      await (await s.waitForTestId("occurrence-fill")).click();
      const title = await s.waitForTestId("draft-title");
      await s.waitFor(async () => String(await title.property("value")).includes(name), { message: "the filled draft is open" });
      t.diagnostic(`filled draft: ${await title.property("value")}`);

      await (await s.byTestId("nav-calendar")).click();
      await s.waitForTestId("calendar");
      await showWeekOf(s, tomorrow);
      await s.waitFor(async () => {
        const [e] = await entriesOn(s, tomorrow, '[data-kind="occurrence"]');
        return e && (await e.attribute("data-state")) === "drafted";
      }, { message: "tomorrow's occurrence is drafted" });

      // Skip the later one, with a reason.
      await showWeekOf(s, later);
      const [other] = await entriesOn(s, later, '[data-kind="occurrence"]');
      await other.click();
      await typeInto(t, s, await s.waitForTestId("occurrence-skip-reason"), "Trùng lịch họp");
      await (await s.byTestId("occurrence-skip")).click();
      await s.waitFor(async () => {
        const [e] = await entriesOn(s, later, '[data-kind="occurrence"]');
        return e && (await e.attribute("data-state")) === "skipped";
      }, { message: "the later occurrence is skipped" });
      const [skipped] = await entriesOn(s, later, '[data-kind="occurrence"]');
      assert.ok((await skipped.textContent()).includes(vi("calendar-state-skipped")), "the state is said in words");
      await skipped.click();
      const dialog = await s.waitForTestId("calendar-day-dialog");
      assert.ok((await dialog.textContent()).includes(vi("calendar-skip-reason", { reason: "Trùng lịch họp" })));
      await (await s.byTestId("occurrence-unskip")).click();
      await s.waitFor(async () => {
        const [e] = await entriesOn(s, later, '[data-kind="occurrence"]');
        return e && (await e.attribute("data-state")) === "empty";
      }, { message: "the occurrence is back" });

      // Move it with the keyboard path (a day and a time typed dd/mm/yyyy), then drag it back.
      // A day of the same week that holds no occurrence (the drag back stays inside one week).
      const next = weekdayOf(later) === "mon" ? addDays(later, 1) : addDays(later, -1);
      await (await (await entriesOn(s, later, '[data-kind="occurrence"]'))[0]).click();
      const moveDate = await s.waitForTestId("occurrence-move-date");
      await moveDate.clear();
      await typeInto(t, s, moveDate, dmy(next));
      const moveTime = await s.byTestId("occurrence-move-time");
      await moveTime.clear();
      await typeInto(t, s, moveTime, "20:15");
      await (await s.byTestId("occurrence-move")).click();
      await showWeekOf(s, next);
      await s.waitFor(async () => {
        const [e] = await entriesOn(s, next, '[data-kind="occurrence"]');
        return e && (await e.textContent()).includes("20:15");
      }, { message: `the occurrence moved to ${next} 20:15` });
      {
        const [moved] = await entriesOn(s, next, '[data-kind="occurrence"]');
        const back = await s.findElement(`[data-testid="calendar-day"][data-date="${later}"]`);
        await drag(s, moved, back);
        await s.waitFor(async () => {
          const [e] = await entriesOn(s, later, '[data-kind="occurrence"]');
          return e && (await e.textContent()).includes("20:15");
        }, { message: `dragged back to ${later}, keeping 20:15` });
        assert.equal((await entriesOn(s, next, '[data-kind="occurrence"]')).length, 0);
      }

      // Keyboard: arrows walk the days, Enter opens the day, Escape closes it.
      await showWeekOf(s, today);
      await (await s.byTestId("calendar-today")).click();
      await s.waitFor(async () => (await (await s.activeElement()).attribute("data-date")) === today, { message: "today has the focus" });
      await press(s, Keys.ENTER);
      await s.waitForTestId("calendar-day-dialog", `[data-date="${today}"]`);
      await press(s, Keys.ESCAPE);
      await s.waitFor(async () => (await s.findElements('[data-testid="calendar-day-dialog"]')).length === 0, { message: "the day closes" });
      await s.waitFor(async () => (await (await s.activeElement()).attribute("data-date")) === today, { message: "the focus is back on today" });
      await press(s, "\uE014"); // ArrowRight
      await s.waitFor(async () => (await (await s.activeElement()).attribute("data-date")) === tomorrow, { message: "the next day has the focus" });
      await press(s, "\uE015"); // ArrowDown
      await s.waitFor(async () => (await (await s.activeElement()).attribute("data-date")) === addDays(tomorrow, 7), { message: "a week down" });

      // The month, Monday first, and back.
      await (await s.byTestId("calendar-mode")).click();
      await s.waitFor(async () => (await (await s.byTestId("calendar")).attribute("data-mode")) === "month", { message: "month view" });
      const cells = await s.findElements('[data-testid="calendar-day"]');
      assert.ok(cells.length >= 28 && cells.length % 7 === 0, `${cells.length} days`);
      assert.equal(weekdayOf(await cells[0].attribute("data-date")), "mon");
      await (await s.byTestId("calendar-mode")).click();
      await s.waitFor(async () => (await (await s.byTestId("calendar")).attribute("data-mode")) === "week", { message: "week view" });

      // In English, the core's words (the notice, day names) follow; then back to Vietnamese.
      const en = messages("en");
      await (await s.byTestId("lang-switch")).click();
      await s.waitFor(async () => (await (await s.byTestId("empty-slot-notice")).textContent()).includes(`${en(`calendar-weekday-${weekdayOf(tomorrow)}`)} 19:00`), {
        message: "the notice in English",
      });
      await (await s.byTestId("lang-switch")).click();
      // Tomorrow's episode now has a draft that is not ready yet: the notice still names it.
      const again = vi("calendar-empty-slot-not-ready", { day: vi(`calendar-weekday-${weekdayOf(tomorrow)}`), time: "19:00", name });
      await s.waitFor(async () => (await (await s.byTestId("empty-slot-notice")).textContent()).includes(again), { message: `the notice says "${again}"` });

      // A fuller week for the screenshot: three sections, one queued for a folder channel, one
      // drafted, one skipped, a planned draft, and the next of these holidays the core knows.
      const year = Number(today.slice(0, 4));
      const holidayDay = [`${year}-12-22`, `${year + 1}-02-03`, `${year + 1}-04-30`, `${year + 1}-09-02`].find((d) => d > addDays(today, 2));
      const folder = join(dir, "usb");
      mkdirSync(folder, { recursive: true });
      const channel = await invoke(s, "save_channel", {
        input: { name: "Thư mục xã", kind: "folder", base_url: "", page_id: "", user: "", folder, spacing_secs: null },
        secrets: {},
      });
      const base = { id: null, name_en: null, until: null, count: null, channels: [], template: null, template_defaults: {}, colour: null, first_episode: 1 };
      const reception = await invoke(s, "series_save", {
        input: { ...base, name: "Lịch tiếp công dân", weekdays: ["mon"], time: "07:30", from: today, channels: [channel.id] },
      });
      const deeds = await invoke(s, "series_save", { input: { ...base, name: "Người tốt việc tốt", weekdays: ["thu"], time: "09:00", from: today, count: 20 } });
      const monday = mondayOf(holidayDay);
      const filled = await invoke(s, "series_fill", { id: reception.id, date: monday });
      // Publishing paused: a folder channel takes a post at once whatever its time, and this part
      // looks at a queued occurrence in the calendar, not at the folder.
      await invoke(s, "set_outbox_paused", { paused: true });
      await invoke(s, "save_draft", { id: filled.id, patch: { title: null, body: "Lịch tiếp công dân tuần này.", lang: null, topic: null, status: "ready" } });
      await invoke(s, "series_fill", { id: deeds.id, date: addDays(monday, 3) });
      const fridays = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i)).filter((d) => chosen.has(weekdayOf(d)));
      const first = (await invoke(s, "series_list", {})).find((x) => x.name === name);
      await invoke(s, "series_skip", { id: first.id, date: fridays.at(-1), reason: "Trùng lịch họp HĐND xã" });
      const note = await invoke(s, "create_draft", { input: { title: "Thông báo lịch tiêm chủng", body: "Tiêm chủng mở rộng.", lang: "vi", topic: "health" } });
      await invoke(s, "draft_plan", { draftId: note.id, date: addDays(monday, 2), time: "08:00" });
      await (await s.byTestId("nav-drafts")).click();
      await (await s.byTestId("nav-calendar")).click();
      await s.waitForTestId("calendar");
      await showWeekOf(s, holidayDay);
      const holiday = await s.waitForTestId("calendar-entry", '[data-kind="holiday"]');
      t.diagnostic(`holiday shown: ${await holiday.textContent()}`);
      await s.waitFor(async () => (await entriesOn(s, monday, '[data-kind="occurrence"][data-state="queued"]')).length === 1, {
        message: "the ready Monday is queued for its channel",
      });
      await s.waitFor(async () => (await entriesOn(s, monday, '[data-kind="post"]')).length === 1, { message: "the post on the folder channel" });
      await s.waitFor(async () => (await entriesOn(s, addDays(monday, 2), '[data-kind="draft"]')).length === 1, { message: "the planned draft" });
      await s.waitFor(async () => (await entriesOn(s, fridays.at(-1), '[data-state="skipped"]')).length === 1, { message: "the skipped one" });
      t.diagnostic(`screenshot: ${await screenshot(s, "calendar-week-vi")}`);

      // "Save the week" as the buttons call it once the save dialog answered (the dialog itself
      // cannot be driven): the week shown, by its Monday.
      const shown = await (await s.byTestId("calendar")).attribute("data-from");
      assert.equal(shown, monday);
      const png = join(dir, "lich-tuan.png");
      const pdf = join(dir, "lich-tuan.pdf");
      await invoke(s, "calendar_export_week", { week: shown, format: "png", path: png });
      await invoke(s, "calendar_export_week", { week: shown, format: "pdf", path: pdf });
      assert.deepEqual([...readFileSync(png).subarray(1, 4)], [0x50, 0x4e, 0x47]);
      assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");

      // A new draft waits in the side list until it is dragged onto a day.
      await (await s.byTestId("nav-drafts")).click();
      await typeInto(t, s, await newDraft(s), "Tin mưa lớn cuối tuần");
      await waitSaved(s);
      const draftId = await currentDraftId(s);
      await (await s.byTestId("nav-calendar")).click();
      const waiting = await s.waitForTestId("unplanned-draft", `[data-draft="${draftId}"]`);
      const saturday = addDays(monday, 5);
      const target = await s.findElement(`[data-testid="calendar-day"][data-date="${saturday}"]`);
      await drag(s, waiting, target);
      await s.waitFor(async () => (await entriesOn(s, saturday, `[data-kind="draft"][data-draft="${draftId}"]`)).length === 1, {
        message: "the dragged draft is planned on Saturday",
      });
      await s.waitFor(async () => (await s.findElements(`[data-testid="unplanned-draft"][data-draft="${draftId}"]`)).length === 0, {
        message: "and leaves the list of posts to plan",
      });

      // Edit a section's time: its coming occurrences follow. Delete another: its days empty.
      const wednesday = addDays(monday, 2);
      await (await s.findElement(`[data-testid="series-item"][data-series="${first.id}"] [data-testid="series-edit"]`)).click();
      const time = await s.waitForTestId("series-time");
      await time.clear();
      await typeInto(t, s, time, "18:30");
      await (await s.byTestId("series-save")).click();
      await s.waitFor(async () => (await s.findElements('[data-testid="series-form"]')).length === 0, { message: "the form closes" });
      await s.waitFor(async () => {
        const list = await entriesOn(s, wednesday, `[data-kind="occurrence"][data-series="${first.id}"]`);
        return list.length === 1 && (await list[0].textContent()).includes("18:30");
      }, { message: "the coming occurrence is at 18:30" });
      await (await s.findElement(`[data-testid="series-item"][data-series="${deeds.id}"] [data-testid="series-delete"]`)).click();
      await (await s.waitForTestId("series-delete-confirm")).click();
      await s.waitFor(async () => (await entriesOn(s, addDays(monday, 3), `[data-series="${deeds.id}"]`)).length === 0, {
        message: "the deleted section's days are empty",
      });
      assert.equal((await s.findElements(`[data-testid="series-item"][data-series="${deeds.id}"]`)).length, 0);
    }),
  );
});
