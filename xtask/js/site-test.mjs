// Opens the generated site in headless Chromium (Debian's `chromium`),
// served from localhost, and checks what a reader relies on, on each
// language's page: it loads without errors and its table shows every code;
// the filter narrows the table and the sections to 433 when given 433, an
// English phrase or a Chinese phrase of 433's texts, and its status says in
// the page's words how many codes match (and that none does, for a query
// nothing matches); a retired code is found by its code and its former
// identifier, and hidden by a query it does not match; `#433` lands on
// 433's section and highlights it; another code's copy-link button, named
// for it, copies that code's URL, moves the highlight to its section, keeps
// it in the language switch and says "copied" in the page's words to screen
// readers (a live region), and says so when the copy fails; the language
// switch from `#433` lands on the other page's 433; 433's section shows its
// advice in the page's words; the checkbox "only codes a retry can help"
// shows where some code's retry can help (and then keeps exactly those
// codes), and is absent where none can; the words of that advice find those
// codes too; without JavaScript the page has no control at all; at 390 px
// the page does not scroll sideways; axe-core finds no violation, in light
// and dark mode, wide and at 390 px. Keeps screenshots (wide, narrow, dark,
// filtered, retry, copied) as test artifacts.
//
//   node site-test.mjs SITE_DIR SCREENSHOT_DIR CHROMIUM CODES PHRASES ADVICE WORDS RETIRED TAG ...
//
// CODES is the catalog's codes, comma-separated; PHRASES a JSON list of
// queries that must leave 433 alone (its code, phrases of its texts in any
// language that no other code's texts hold); ADVICE a JSON object: the
// codes a retry can help (`retryHelps`), and by language tag what 433's
// section shows of its advice (`probe`, a list of "label word") and the
// page's "label word" of the advice a retry can help (`retryWords`); WORDS
// a JSON object: the count label's placeholder (`placeholder`) and by
// language tag what the page says (`pages`: `linkCopied`, `copyFailed`,
// `count`, `none`); RETIRED a JSON list of the retired codes (`code`, `id`).
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { axeViolations, launchChromium, serveSite } from "./serve-site.mjs";

const [siteDir, shotDir, chromium, codeList, phraseList, adviceJson, wordsJson, retiredJson, ...tags] = process.argv.slice(2);
const codes = codeList.split(",");
const phrases = JSON.parse(phraseList);
const advice = JSON.parse(adviceJson);
const words = JSON.parse(wordsJson);
const retired = JSON.parse(retiredJson);
// A query no code, text or word of any page holds.
const nothing = "zq9xv7-no-such-code";
const probe = "433";
mkdirSync(shotDir, { recursive: true });

// The site as a web server would serve it (the clipboard needs a secure
// origin, which localhost is and a file is not).
const root = resolve(siteDir);
const { origin, server } = await serveSite(root);

const browser = await launchChromium(chromium);
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };

/** The codes whose table row, whose section, and which retired codes'
 * items the page shows, and what the filter's status says. */
const visible = (page, retiredCodes = retired.map((code) => code.code)) => page.evaluate((retiredCodes) => ({
  rows: [...document.querySelectorAll("main table tbody tr")].filter((row) => !row.hidden && row.offsetParent !== null)
    .map((row) => row.querySelector("td a")?.textContent.trim()),
  sections: [...document.querySelectorAll("section.entry")].filter((section) => !section.hidden).map((section) => section.dataset.code),
  retired: retiredCodes.filter((code) => document.getElementById(String(code))?.closest("li")?.offsetParent != null).map(String),
  status: document.getElementById("filter-status")?.textContent ?? null,
}), retiredCodes);

/** What the page says of `count` matching codes. */
const counted = (tag, count) => count === 0
  ? words.pages[tag].none
  : words.pages[tag].count.split(words.placeholder).join(String(count));

/** Types `query` into the emptied filter box. */
async function filter(page, query) {
  await page.$eval("#filter", (input) => { input.value = ""; input.dispatchEvent(new Event("input")); });
  if (query !== "") await page.type("#filter", query);
}

async function axe(page, label) {
  const result = await axeViolations(page);
  check(result.length === 0, `${label}: axe-core violations: ${result.join("; ")}`);
}

try {
  const context = browser.defaultBrowserContext();
  await context.overridePermissions(origin, ["clipboard-read", "clipboard-write", "clipboard-sanitized-write"]);
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  // The pages' images live on the platform's servers; the test runs
  // offline, so those requests are not made at all.
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url().startsWith(origin)) request.continue();
    else request.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
  });
  for (const tag of tags) {
    const url = `${origin}/${tag}/index.html`;
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    const response = await page.goto(url, { waitUntil: "load" });
    check(response && response.ok(), `${tag}: the page did not load`);
    check((await page.$eval("html", (html) => html.lang)) === tag, `${tag}: <html lang> is not ${tag}`);
    const rows = await page.$$eval("main table:first-of-type tbody tr td:first-child a", (links) =>
      links.map((link) => link.textContent.trim()));
    check(JSON.stringify(rows) === JSON.stringify(codes), `${tag}: the table shows ${rows.join(",")}, expected ${codes.join(",")}`);
    const all = await visible(page);
    check(all.sections.length === codes.length && all.rows.length === codes.length,
      `${tag}: before filtering, ${all.sections.length} sections and ${all.rows.length} rows show, expected ${codes.length}`);
    await page.screenshot({ path: join(shotDir, `${tag}.png`) });
    await axe(page, `${tag} (light)`);

    // The filter: by the code and by each phrase, only 433 is left (with
    // the retired codes that name it), and the status says how many.
    check(all.status === "", `${tag}: before filtering, the filter's status says "${all.status}"`);
    for (const query of phrases) {
      await filter(page, query);
      const shown = await visible(page);
      check(JSON.stringify(shown.sections) === JSON.stringify([probe]) && JSON.stringify(shown.rows) === JSON.stringify([probe]),
        `${tag}: filtering by "${query}" shows sections ${shown.sections.join(",")} and rows ${shown.rows.join(",")}, expected ${probe} alone`);
      const expected = counted(tag, shown.sections.length + shown.retired.length);
      check(shown.status === expected, `${tag}: filtering by "${query}", the status says "${shown.status}", expected "${expected}"`);
    }
    await page.screenshot({ path: join(shotDir, `${tag}-filtered.png`) });
    // A query nothing matches: nothing shows, and the status says so.
    await filter(page, nothing);
    const none = await visible(page);
    check(none.sections.length + none.rows.length + none.retired.length === 0 && none.status === words.pages[tag].none,
      `${tag}: filtering by "${nothing}" shows sections ${none.sections.join(",")}, rows ${none.rows.join(",")}, retired ${none.retired.join(",")} and says "${none.status}", expected "${words.pages[tag].none}"`);
    await axe(page, `${tag} (light, nothing matches)`);
    // A retired code is found by its code and its former identifier, alone.
    for (const code of retired) {
      for (const query of [String(code.code), code.id]) {
        await filter(page, query);
        const found = await visible(page);
        check(JSON.stringify(found.retired) === JSON.stringify([String(code.code)]) && found.status === counted(tag, found.sections.length + 1),
          `${tag}: filtering by "${query}" shows retired codes ${found.retired.join(",")} and says "${found.status}", expected ${code.code}`);
      }
    }
    await filter(page, "");
    const cleared = await visible(page);
    check(cleared.sections.length === codes.length && cleared.retired.length === retired.length && cleared.status === "",
      `${tag}: clearing the filter does not show every code again (or the status says "${cleared.status}")`);

    // 433's section shows who must act and what a retry can do, in the
    // page's words.
    const probeText = await page.$eval(`section.entry[data-code="${probe}"]`, (section) => section.textContent.split(/\s+/).join(" "));
    for (const words of advice.probe[tag] ?? []) {
      check(probeText.includes(words), `${tag}: ${probe}'s section does not show "${words}"`);
    }
    // The control that keeps the codes a retry can help: shown where some
    // code's can, and then it keeps exactly those; absent where none can.
    const retryHelps = advice.retryHelps;
    const control = await page.$("#retry-helps");
    const controlShown = control !== null && await control.evaluate((box) => box.closest("label").offsetParent !== null);
    check(controlShown === retryHelps.length > 0,
      `${tag}: the retry control is ${controlShown ? "shown" : "not shown"} with ${retryHelps.length} codes a retry can help`);
    if (controlShown) {
      const name = await control.evaluate((box) => box.closest("label").textContent.trim());
      check(name.length > 0, `${tag}: the retry control has no name`);
      await control.click();
      const kept = await visible(page);
      check(JSON.stringify(kept.sections) === JSON.stringify(retryHelps) && JSON.stringify(kept.rows) === JSON.stringify(retryHelps)
        && kept.retired.length === 0 && kept.status === counted(tag, retryHelps.length),
        `${tag}: the retry control shows sections ${kept.sections.join(",")}, rows ${kept.rows.join(",")} and retired codes ${kept.retired.join(",")}, and says "${kept.status}", expected ${retryHelps.join(",")}`);
      await page.screenshot({ path: join(shotDir, `${tag}-retry.png`) });
      await axe(page, `${tag} (light, retry control checked)`);
      await page.type("#filter", probe);
      const none = await visible(page);
      check(none.sections.length === 0 || retryHelps.includes(probe),
        `${tag}: with the retry control checked, filtering by ${probe} shows ${none.sections.join(",")}`);
      await page.$eval("#filter", (input) => { input.value = ""; input.dispatchEvent(new Event("input")); });
      await control.click();
      check((await visible(page)).sections.length === codes.length, `${tag}: unchecking the retry control does not show every code again`);
      // The words of that advice find the same codes.
      const words = advice.retryWords[tag];
      if (words) {
        await page.type("#filter", words);
        const found = await visible(page);
        check(JSON.stringify(found.sections) === JSON.stringify(retryHelps),
          `${tag}: filtering by "${words}" shows sections ${found.sections.join(",")}, expected ${retryHelps.join(",")}`);
        await page.$eval("#filter", (input) => { input.value = ""; input.dispatchEvent(new Event("input")); });
      }
    }

    // `#433` lands on 433's section, below the sticky language switch, and
    // marks it.
    await page.goto(`${url}#${probe}`, { waitUntil: "load" });
    const landing = await page.evaluate((id) => {
      const section = document.querySelector(`section.entry[data-code="${id}"]`);
      const heading = section && section.querySelector("h2");
      if (!heading) return null;
      const mark = getComputedStyle(section).backgroundColor;
      const plain = getComputedStyle(document.querySelector(`section.entry:not([data-code="${id}"])`)).backgroundColor;
      return { top: heading.getBoundingClientRect().top, text: heading.textContent, scrolled: window.scrollY, marked: mark !== plain };
    }, probe);
    check(landing !== null, `${tag}: no section for ${probe}`);
    if (landing) {
      check(landing.scrolled > 0 && landing.top >= 0 && landing.top < 200,
        `${tag}: #${probe} put its heading at ${landing.top}px (scrolled ${landing.scrolled}px)`);
      check(landing.text.startsWith(probe), `${tag}: #${probe} landed on "${landing.text}"`);
      check(landing.marked, `${tag}: #${probe} is not highlighted`);
    }
    await page.screenshot({ path: join(shotDir, `${tag}-${probe}.png`) });

    // The copy-link control, on another code than the one the URL points
    // to: a button named for its code that copies its URL, makes its code
    // the highlighted one (and the one the language switch keeps), and says
    // so, to screen readers too; and says so when the copy fails.
    const other = codes.find((code) => code !== probe);
    const button = await page.$(`section.entry[data-code="${other}"] h2 + button.copy-link`);
    check(button !== null, `${tag}: no copy-link button on ${other}`);
    /** What the page's live region says once it says something. */
    const announced = () => page.waitForFunction(() => document.querySelector("main [role=status].announce")?.textContent, { timeout: 3000 })
      .then((text) => text.jsonValue(), () => null);
    if (button) {
      const name = await button.evaluate((element) => element.getAttribute("aria-label"));
      check(typeof name === "string" && name.endsWith(` ${other}`) && name.length > other.length + 1,
        `${tag}: the copy-link button's name is "${name}"`);
      await page.evaluate(() => navigator.clipboard.writeText(""));
      await button.click();
      const said = await announced();
      check(said === words.pages[tag].linkCopied, `${tag}: after a copy the live region says "${said}", expected "${words.pages[tag].linkCopied}"`);
      const shown = await button.evaluate((element) => element.textContent);
      check(shown.includes(words.pages[tag].linkCopied), `${tag}: after a copy the button shows "${shown}"`);
      await page.screenshot({ path: join(shotDir, `${tag}-copied.png`) });
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      check(copied === `${url}#${other}`, `${tag}: the copy-link button copied "${copied}", expected ${url}#${other}`);
      const after = await page.evaluate((id) => {
        const background = (code) => getComputedStyle(document.querySelector(`section.entry[data-code="${code}"]`)).backgroundColor;
        return {
          hash: location.hash,
          marked: [...document.querySelectorAll("section.entry")].filter((section) => section.matches(":has(a:target)")).map((section) => section.dataset.code),
          differs: background(id) !== background([...document.querySelectorAll("section.entry")].find((section) => section.dataset.code !== id).dataset.code),
          switches: [...document.querySelectorAll("nav.languages a")].map((link) => link.getAttribute("href")),
        };
      }, other);
      check(after.hash === `#${other}` && JSON.stringify(after.marked) === JSON.stringify([other]) && after.differs,
        `${tag}: after copying ${other}'s link from #${probe}, the URL is at ${after.hash} and the highlighted sections are ${after.marked.join(",")}`);
      check(after.switches.every((href) => href.endsWith(`#${other}`)), `${tag}: after copying ${other}'s link, the switch goes to ${after.switches.join(" ")}`);
      // A copy the browser refuses.
      await page.evaluate(() => {
        navigator.clipboard.writeText = () => Promise.reject(new DOMException("refused", "NotAllowedError"));
      });
      await page.evaluate(() => { document.querySelector("main [role=status].announce").textContent = ""; });
      await button.click();
      const failed = await announced();
      check(failed === words.pages[tag].copyFailed, `${tag}: after a failed copy the live region says "${failed}", expected "${words.pages[tag].copyFailed}"`);
      const failedShown = await button.evaluate((element) => element.textContent);
      check(failedShown.includes(words.pages[tag].copyFailed), `${tag}: after a failed copy the button shows "${failedShown}"`);
    }

    // Without JavaScript, no control that would do nothing.
    await page.setJavaScriptEnabled(false);
    await page.goto(url, { waitUntil: "load" });
    const inert = await page.evaluate(() => [...document.querySelectorAll("input, button, select, textarea, [role=search], [role=status]")].map((element) => element.outerHTML));
    check(inert.length === 0, `${tag}: without JavaScript the page has controls: ${inert.join(" ")}`);
    await page.setJavaScriptEnabled(true);
    await page.reload({ waitUntil: "load" });

    // The page's own links to the other languages keep the code too; those
    // to one code there keep theirs.
    await page.goto(`${url}#${probe}`, { waitUntil: "load" });
    const bodyLinks = await page.$$eval("main a[href^='../']", (links) => links.map((link) => link.getAttribute("href")));
    check(bodyLinks.length > 0 && bodyLinks.every((href) => /#[0-9]+$/.test(href)) && bodyLinks.some((href) => href.endsWith(`#${probe}`)),
      `${tag}: from #${probe}, the page's links to other languages are ${bodyLinks.join(" ")}`);

    // The language switch keeps the code.
    for (const other of tags.filter((t) => t !== tag)) {
      await page.goto(`${url}#${probe}`, { waitUntil: "load" });
      await Promise.all([
        page.waitForNavigation({ waitUntil: "load" }),
        page.click(`nav.languages a[hreflang="${other}"]`),
      ]);
      const arrived = await page.evaluate(() => ({ lang: document.documentElement.lang, hash: location.hash, top: document.getElementById(location.hash.slice(1))?.closest("section")?.querySelector("h2")?.getBoundingClientRect().top }));
      check(arrived.lang === other && arrived.hash === `#${probe}` && arrived.top >= 0 && arrived.top < 200,
        `${tag}: the switch to ${other} from #${probe} arrived at ${JSON.stringify(arrived)}`);
    }

    // A phone: 390 px wide, no sideways scrolling of the page.
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true });
    await page.goto(url, { waitUntil: "load" });
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    check(widths.scroll <= widths.client, `${tag}: at 390 px the page is ${widths.scroll}px wide`);
    await page.screenshot({ path: join(shotDir, `${tag}-narrow.png`) });
    await axe(page, `${tag} (light, 390 px)`);
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    await page.goto(url, { waitUntil: "load" });
    await page.screenshot({ path: join(shotDir, `${tag}-narrow-dark.png`) });
    await axe(page, `${tag} (dark, 390 px)`);
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    await page.setViewport({ width: 1200, height: 900 });

    // Dark mode: the system's choice is followed, and stays accessible.
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    await page.goto(`${url}#${probe}`, { waitUntil: "load" });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    check(background !== "rgb(255, 255, 255)", `${tag}: dark mode keeps a white background`);
    await page.screenshot({ path: join(shotDir, `${tag}-dark.png`) });
    await axe(page, `${tag} (dark)`);
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);

    // Print: no controls.
    await page.emulateMediaType("print");
    const controls = await page.evaluate(() => [...document.querySelectorAll("nav.languages, .filter, button.copy-link")]
      .filter((element) => getComputedStyle(element).display !== "none").length);
    check(controls === 0, `${tag}: ${controls} controls would be printed`);
    await page.emulateMediaType(null);
  }
  check(errors.length === 0, `errors in the pages: ${errors.join("; ")}`);
} finally {
  await browser.close();
  server.close();
}
if (failures.length > 0) {
  for (const failure of failures) console.error(`site-test: ${failure}`);
  process.exit(1);
}
console.log(`site-test: ${tags.length} pages, ${codes.length} codes each; screenshots in ${shotDir}`);
