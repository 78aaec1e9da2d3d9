// Opens the generated site in headless Chromium (Debian's `chromium`) and
// checks what a reader relies on: each language's page loads without
// errors, its table shows every code, a `#433` link lands on that code's
// section, and the language switch leads to the other page. Keeps a
// screenshot of each page as a test artifact.
//
//   node site-test.mjs SITE_DIR SCREENSHOT_DIR CHROMIUM CODE,CODE,... TAG ...
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const [siteDir, shotDir, chromium, codeList, ...tags] = process.argv.slice(2);
const codes = codeList.split(",");
mkdirSync(shotDir, { recursive: true });
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  // The pages' images live on the platform's servers; the test runs
  // offline, so those requests are not made at all.
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url().startsWith("file:")) request.continue();
    else request.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
  });
  for (const tag of tags) {
    const url = pathToFileURL(resolve(join(siteDir, tag, "index.html"))).href;
    const response = await page.goto(url, { waitUntil: "load" });
    check(response && response.ok(), `${tag}: the page did not load`);
    check((await page.$eval("html", (html) => html.lang)) === tag, `${tag}: <html lang> is not ${tag}`);
    const rows = await page.$$eval("main table:first-of-type tbody tr td:first-child a", (links) =>
      links.map((link) => link.textContent.trim()));
    check(JSON.stringify(rows) === JSON.stringify(codes), `${tag}: the table shows ${rows.join(",")}, expected ${codes.join(",")}`);
    await page.screenshot({ path: join(shotDir, `${tag}.png`), fullPage: false });
    // A code's anchor lands on its section: the heading after it is at the
    // top of the window, below the sticky language switch.
    const probe = codes.includes("433") ? "433" : codes[Math.floor(codes.length / 2)];
    await page.goto(`${url}#${probe}`, { waitUntil: "load" });
    const landing = await page.evaluate((id) => {
      const anchor = document.getElementById(id);
      // The anchor is inline, alone in its paragraph; the heading follows.
      const heading = anchor && (anchor.closest("p") || anchor).nextElementSibling;
      return heading ? { top: heading.getBoundingClientRect().top, text: heading.textContent, scrolled: window.scrollY } : null;
    }, probe);
    check(landing !== null, `${tag}: no element with id ${probe}, or nothing after it`);
    if (landing) {
      check(landing.scrolled > 0 && landing.top >= 0 && landing.top < 200,
        `${tag}: #${probe} put its heading at ${landing.top}px (scrolled ${landing.scrolled}px)`);
      check(landing.text.startsWith(probe), `${tag}: #${probe} landed on "${landing.text}"`);
    }
    await page.screenshot({ path: join(shotDir, `${tag}-${probe}.png`) });
    // The language switch leads to every other language's page.
    for (const other of tags.filter((t) => t !== tag)) {
      await page.goto(url, { waitUntil: "load" });
      await Promise.all([
        page.waitForNavigation({ waitUntil: "load" }),
        page.click(`nav.languages a[href="../${other}/index.html"]`),
      ]);
      check((await page.$eval("html", (html) => html.lang)) === other, `${tag}: the switch to ${other} did not lead there`);
    }
  }
  check(errors.length === 0, `errors in the pages: ${errors.join("; ")}`);
} finally {
  await browser.close();
}
if (failures.length > 0) {
  for (const failure of failures) console.error(`site-test: ${failure}`);
  process.exit(1);
}
console.log(`site-test: ${tags.length} pages, ${codes.length} codes each; screenshots in ${shotDir}`);
