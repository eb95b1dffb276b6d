// End-to-end test of the Reports view in the real Loa window: a profile where the `loa` command line
// published two posts through the folder channel (one to go), the figures of this month in
// Vietnamese, another period picked, "refresh reach" without a Facebook Page, and the PDF and the
// workbook written by the export command (the native save dialog itself cannot be driven).
// Same prerequisites as app.test.mjs, plus the `loa` binary beside the app (or $LOA_CLI_BIN).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { SKIP, appPath, messages, withArtifacts } from "./harness.mjs";
import { invoke, screenshot, useDriver } from "./ui.mjs";

process.env.LOA_CREDENTIALS = "file";

const TEST_TIMEOUT = 300_000;

function cli(dataDir, args) {
  const bin = process.env.LOA_CLI_BIN || join(dirname(appPath()), "loa");
  return execFileSync(bin, ["--data-dir", dataDir, ...args], {
    encoding: "utf8",
    env: { ...process.env, LOA_LANG: "en", LOA_CREDENTIALS: "file" },
  }).trim();
}

/** Two posts published through a folder channel, one queued behind them. */
function seed(dataDir) {
  const folder = join(dataDir, "usb");
  mkdirSync(folder, { recursive: true });
  cli(dataDir, ["channel", "add", "folder", "--name", "Thư mục xã", "--path", folder]);
  const storm = cli(dataDir, ["draft", "new", "--title", "Cảnh báo mưa lũ", "--body", "Bà con chú ý.", "--topic", "weather_disaster"]);
  const health = cli(dataDir, ["draft", "new", "--title", "Tiêm chủng", "--body", "Lịch tiêm.", "--topic", "health"]);
  cli(dataDir, ["queue", "add", storm, "--channel", "Thư mục xã"]);
  cli(dataDir, ["queue", "add", health, "--channel", "Thư mục xã"]);
  cli(dataDir, ["sync", "--once"]);
  const later = cli(dataDir, ["draft", "new", "--title", "Lịch tiếp dân", "--body", "Thứ Hai.", "--topic", "admin_procedure"]);
  cli(dataDir, ["queue", "add", later, "--channel", "Thư mục xã"]);
  // Paused, so the window's worker leaves it waiting.
  cli(dataDir, ["channel", "pause", "Thư mục xã"]);
}

describe("Reports (WebDriver)", { skip: SKIP ? "LOA_E2E_SKIP=1" : false, timeout: 10 * 60_000 }, () => {
  const { dataDir, open } = useDriver();

  it("shows this month's figures, another period, refreshes reach and exports", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("reports", async (ctx) => {
      const vi = messages("vi");
      const dir = dataDir("reports");
      seed(dir);
      const s = await open(ctx, dir);
      await s.setWindowRect({ width: 1366, height: 768 }).catch((e) => t.diagnostic(`setWindowRect: ${e.message}`));

      await (await s.waitForTestId("nav-reports")).click();
      const total = await s.waitForTestId("report-total");
      await s.waitFor(async () => (await total.text()).includes("2"), { message: "2 posts published" });
      assert.ok((await total.text()).includes(vi("ui-reports-total")), "the total is labelled in Vietnamese");
      const pending = await s.findElement('[data-testid="reports-view"] .figure.warn');
      assert.ok((await pending.text()).includes(vi("ui-reports-pending")), "one post still waits");
      const years = await (await s.byTestId("report-year")).text();
      assert.ok(years.includes(vi("ui-reports-year-value", { year: String(new Date().getFullYear()) })), years);
      const row = await s.findElement('[data-testid="report-by-channel"] tr[data-channel="Thư mục xã"]');
      assert.match(await row.text(), /^Thư mục xã\s*2$/);
      const topics = await (await s.byTestId("report-topics")).textContent();
      assert.ok(topics.includes(vi("topic-weather_disaster")) && topics.includes(vi("topic-health")), topics);
      const reach = await (await s.byTestId("report-reach")).text();
      assert.ok(reach.includes(vi("ui-reports-reach-never")), "reach not read yet says how to read it");
      const shot = await screenshot(s, "reports-vi");
      t.diagnostic(`screenshot: ${shot}`);

      // Another period: last year has nothing.
      const lastYear = new Date().getFullYear() - 1;
      await (await s.findElement('[data-testid="report-period"] option[value="year"]')).click();
      await (await s.waitForTestId("report-year")).click();
      await (await s.findElement(`[data-testid="report-year"] option[value="${lastYear}"]`)).click();
      await s.waitFor(async () => (await (await s.byTestId("report-total")).text()).startsWith("0"), {
        message: "last year: 0 posts",
      });
      await (await s.findElement('[data-testid="report-period"] option[value="month"]')).click();
      await (await s.findElement(`[data-testid="report-year"] option[value="${lastYear + 1}"]`)).click();
      await s.waitFor(async () => (await (await s.byTestId("report-total")).text()).startsWith("2"), {
        message: "this month again",
      });

      // Refresh reach: no Facebook Page in this profile, and the view says so.
      await (await s.byTestId("report-refresh")).click();
      const line = await s.waitForTestId("report-refresh-result");
      assert.equal(await line.attribute("data-status"), "none");
      assert.equal(await line.text(), vi("ui-reports-refresh-none"));

      // The exports, as the buttons call them once the save dialog answered.
      const now = new Date(Date.now() + 7 * 3600_000);
      const period = { kind: "month", year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 };
      const pdf = join(dir, "bao-cao.pdf");
      const xlsx = join(dir, "bao-cao.xlsx");
      await invoke(s, "export_report", { period, format: "pdf", lang: "vi", path: pdf });
      await invoke(s, "export_report", { period, format: "xlsx", lang: "en", path: xlsx });
      assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
      assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), "PK");
      // A path of another kind is refused, in the officer's words.
      const refused = await invoke(s, "export_report", { period, format: "pdf", lang: "vi", path: join(dir, "x.txt") }).then(
        () => null,
        (e) => e.message,
      );
      assert.ok(refused && refused.includes("invalid_value"), String(refused));
    }),
  );
});
