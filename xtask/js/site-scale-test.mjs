// Opens the site of a catalog too large for one page (pages by range, a
// split search index) in headless Chromium (Debian's `chromium`) and checks
// what a reader relies on there, in each language: the index lists every
// range page and has no control without JavaScript; the search box finds
// the probe code by each query of QUERIES (its code, its identifier, a
// phrase of its English text and one of its Chinese text), says in the
// page's words how many codes match (and that none does, for a query
// nothing matches), and its result for the probe links to the probe's
// section on its range page, where following it lands and highlights the
// section; a link to the probe on the index (`index.html#CODE`, the links
// people have from when the catalog was smaller) is sent on to the same
// section; the language switch there keeps the code; the range page
// searches too, and has no control without JavaScript; at 390 px no page
// scrolls sideways; axe-core finds no violation on the index (searched) and
// the range page, light and dark. The search answers from `file://` too
// (its files load as scripts). Keeps screenshots as test artifacts.
//
//   node site-scale-test.mjs SITE_DIR SCREENSHOT_DIR CHROMIUM CASE
//
// CASE is a JSON object: `probe` (the code), `page` (its page under a
// language's directory, `codes/14.html`), `ranges` (how many range pages a
// language has), `queries` (texts that must find the probe), `tags`, and
// `placeholder` and by tag `pages` (`count`, `none`): what the search says.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { axeViolations, launchChromium, serveSite } from "./serve-site.mjs";

const [siteDir, shotDir, chromium, caseJson] = process.argv.slice(2);
const expected = JSON.parse(caseJson);
const probe = String(expected.probe);
const nothing = "zq9xv7 nosuchword";
mkdirSync(shotDir, { recursive: true });

const root = resolve(siteDir);
const { origin, server } = await serveSite(root);

const browser = await launchChromium(chromium);
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };

/** What the search says of `count` matching codes, in `tag`'s words. */
const counted = (tag, count) => count === 0
  ? expected.pages[tag].none
  : expected.pages[tag].count.split(expected.placeholder).join(String(count));

/** Types `query` into the emptied search box; its answer, once on screen. */
async function search(page, query) {
  const answered = page.evaluate((query) => new Promise((done) => {
    const normal = query.toLocaleLowerCase().split(/\s+/).filter(Boolean).join(" ").replace(/^#(?=\d)/, "");
    const on = (event) => {
      if (event.detail.query !== normal) return;
      document.removeEventListener("site-filtered", on);
      done(event.detail.shown);
    };
    document.addEventListener("site-filtered", on);
  }), query);
  await page.$eval("#filter", (input) => { input.value = ""; });
  await page.type("#filter", query);
  const shown = await answered;
  const results = await page.$$eval("#search-results a", (links) => links.map((link) => ({ text: link.textContent, href: link.getAttribute("href") })));
  const status = await page.$eval("#filter-status", (status) => status.textContent);
  return { shown, results, status };
}

async function axe(page, label) {
  const result = await axeViolations(page);
  check(result.length === 0, `${label}: axe-core violations: ${result.join("; ")}`);
}

/** The code the URL points to, and whether the page highlights its section. */
const landed = (page) => page.evaluate(() => ({
  path: location.pathname,
  hash: location.hash,
  target: document.querySelector(":target")?.id ?? null,
  highlighted: document.querySelector("section.entry:has(a:target)")?.dataset.code ?? null,
}));

const noSidewaysScroll = async (page, label) => {
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true });
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  check(widths.scroll <= widths.client, `${label}: at 390 px the page is ${widths.scroll}px wide`);
  await page.setViewport({ width: 1200, height: 900 });
};

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url().startsWith(origin) || request.url().startsWith("file:")) request.continue();
    else request.abort();
  });
  // Every file the pages ask for exists (the favicon Chromium asks for on
  // its own aside).
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) errors.push(`${response.status()}: ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
  });
  for (const tag of expected.tags) {
    const index = `${origin}/${tag}/index.html`;
    const probePage = `/${tag}/${expected.page}`;
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);

    // Without JavaScript: the index lists every range, and no control.
    await page.setJavaScriptEnabled(false);
    await page.goto(index, { waitUntil: "load" });
    const ranges = await page.$$eval("main a[href^='codes/']", (links) => links.length);
    check(ranges === expected.ranges, `${tag}: the index lists ${ranges} range pages, expected ${expected.ranges}`);
    check((await page.$("#filter")) === null, `${tag}: without JavaScript the index has a search box`);
    await page.goto(`${origin}${probePage}`, { waitUntil: "load" });
    check((await page.$("#filter")) === null, `${tag}: without JavaScript ${probePage} has a search box`);
    await page.setJavaScriptEnabled(true);

    // The index searches: each query finds the probe, whose result links
    // to its section.
    await page.goto(index, { waitUntil: "load" });
    await page.waitForSelector("#filter");
    for (const query of expected.queries) {
      const { shown, results, status } = await search(page, query);
      const found = results.find((result) => result.text.split(" ")[0] === probe);
      check(found !== undefined, `${tag}: searching "${query}" does not list ${probe} (${shown} match: ${results.slice(0, 5).map((r) => r.text).join(", ")})`);
      check(found === undefined || found.href === `${expected.page}#${probe}`, `${tag}: the result for ${probe} links to ${found?.href}, expected ${expected.page}#${probe}`);
      check(status === counted(tag, shown), `${tag}: searching "${query}", the status says "${status}", expected "${counted(tag, shown)}"`);
    }
    const none = await search(page, nothing);
    check(none.shown === 0 && none.results.length === 0, `${tag}: "${nothing}" lists ${none.results.length} codes`);
    check(none.status === counted(tag, 0), `${tag}: for no match the status says "${none.status}"`);
    await axe(page, `${tag} index (light, searched)`);
    await page.screenshot({ path: join(shotDir, `${tag}-index-searched.png`) });

    // Following the probe's result lands on its highlighted section.
    await search(page, `#${probe}`);
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click(`#search-results a[href$='#${probe}']`)]);
    let at = await landed(page);
    check(at.path === probePage && at.target === probe, `${tag}: the result led to ${at.path}${at.hash}, expected ${probePage}#${probe}`);
    await page.waitForSelector("section.entry");
    at = await landed(page);
    check(at.highlighted === probe, `${tag}: ${probePage}#${probe} highlights ${at.highlighted}`);
    await page.screenshot({ path: join(shotDir, `${tag}-code.png`) });
    await axe(page, `${tag} range page (light)`);
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    await axe(page, `${tag} range page (dark)`);
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    await noSidewaysScroll(page, `${tag} range page`);

    // The range page searches too.
    const fromRange = await search(page, probe);
    check(fromRange.results.some((result) => result.href === `../${expected.page}#${probe}`), `${tag}: the range page's search does not link ${probe} as ../${expected.page}#${probe}`);

    // A link to the code on the index lands on the code's page.
    await page.goto("about:blank");
    await page.goto(`${index}#${probe}`, { waitUntil: "load" });
    await page.waitForFunction((path) => location.pathname === path, { timeout: 10_000 }, probePage).catch(() => {});
    await page.waitForSelector("section.entry", { timeout: 10_000 }).catch(() => {});
    at = await landed(page);
    check(at.path === probePage && at.target === probe && at.highlighted === probe,
      `${tag}: index.html#${probe} ended on ${at.path}${at.hash} (target ${at.target}, highlighted ${at.highlighted})`);

    // The language switch keeps the code.
    for (const other of expected.tags.filter((other) => other !== tag)) {
      const link = await page.$(`nav.languages a[hreflang='${other}']`);
      check(link !== null, `${tag}: no switch to ${other}`);
      if (link === null) continue;
      await Promise.all([page.waitForNavigation({ waitUntil: "load" }), link.click()]);
      await page.waitForSelector("section.entry", { timeout: 10_000 }).catch(() => {});
      const there = await landed(page);
      check(there.path === `/${other}/${expected.page}` && there.target === probe,
        `${tag}: the switch to ${other} led to ${there.path}${there.hash}, expected /${other}/${expected.page}#${probe}`);
    }

    await page.goto(index, { waitUntil: "load" });
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    await axe(page, `${tag} index (dark)`);
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    await noSidewaysScroll(page, `${tag} index`);
  }

  // From disk: the search's files load as scripts, which file:// allows.
  const [first] = expected.tags;
  await page.goto(pathToFileURL(join(root, first, "index.html")).href, { waitUntil: "load" });
  await page.waitForSelector("#filter");
  const offline = await search(page, expected.queries[0]);
  check(offline.results.some((result) => result.text.split(" ")[0] === probe), `file://: searching "${expected.queries[0]}" does not list ${probe}`);

  check(errors.length === 0, `errors in the pages: ${errors.join("; ")}`);
} finally {
  await browser.close();
  server.close();
}

if (failures.length > 0) {
  console.error(`site-scale-test: ${failures.length} failures:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`site-scale-test: ${expected.tags.length} languages, ${expected.queries.length} queries each: ok`);
