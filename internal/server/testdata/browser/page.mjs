// Drives sitrep's page in headless Chromium: usage
//   node page.mjs BASE_URL SCREENSHOT.png
// Checks that the page loads, the map shows markers over the base map, a
// filter narrows the list, the keyboard selects an event and its evidence
// shows highlighted, and Escape closes it. Prints "ok" and exits 0, or
// prints what failed and exits 1.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, shot] = process.argv.slice(2);
if (!base || !shot) {
  console.error("usage: node page.mjs BASE_URL SCREENSHOT.png");
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), "sitrep-chromium-"));
// A fresh profile (--user-data-dir) each run, which playwright passes
// itself with a persistent context.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
  viewport: { width: 1280, height: 800 },
  timeout: 60000,
});
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}
let code = 0;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const outside = [];
  page.on("request", (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });
  await page.goto(base, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });
  await page.waitForSelector("#list li", { timeout: 20000 });

  const all = await page.locator("#list li").count();
  const markers = await page.locator("#markers circle").count();
  check(all >= 5, `list shows ${all} events`);
  check(markers >= 3, `map shows ${markers} markers`);
  // The base map is drawn: land pixels differ from the sea colour.
  const land = await page.evaluate(() => {
    const c = document.getElementById("basemap");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4 * 97) if (!(d[i] === 0xcd && d[i + 1] === 0xdf && d[i + 2] === 0xe9)) n++;
    return n;
  });
  check(land > 100, `base map not drawn (${land} land samples)`);
  await page.screenshot({ path: shot });

  // A filter narrows the list.
  await page.fill("#f-country", "UA");
  await page.press("#f-country", "Enter");
  await page.waitForFunction((n) => document.querySelectorAll("#list li").length < n && document.querySelectorAll("#list li").length > 0, all, { timeout: 10000 });
  const narrowed = await page.locator("#list li").count();
  check(narrowed < all, `country filter kept ${narrowed} of ${all}`);

  // Keyboard: focus the first item, Enter selects it, evidence shows.
  await page.focus("#list li:first-child");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#detail:not([hidden]) #doc-text mark.f-evidence", { timeout: 10000 });
  const marks = await page.locator("#doc-text mark").count();
  const fieldMarks = await page.locator("#doc-text mark:not(.f-evidence)").count();
  check(marks > 0 && fieldMarks > 0, `evidence marks ${marks}, field marks ${fieldMarks}`);
  // The highlighted text is the record's place name as the article wrote it.
  const placeMark = await page.locator("#doc-text mark.f-location").first().textContent();
  check(placeMark && placeMark.length > 1, `place highlight ${JSON.stringify(placeMark)}`);
  await page.screenshot({ path: shot.replace(/\.png$/, "-detail.png") });
  await page.keyboard.press("Escape");
  await page.waitForSelector("#detail[hidden]", { state: "attached", timeout: 5000 });

  check(errors.length === 0, "page errors: " + errors.join("; "));
  check(outside.length === 0, "requests to other hosts: " + outside.join(", "));
  console.log(`ok: ${all} events, ${markers} markers, ${narrowed} in Ukraine, ${marks} highlights`);
} catch (e) {
  console.error("FAIL: " + e.message);
  code = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(code);
