// Measures what a reader of the generated site experiences, for
// `cargo xtask bench`: in headless Chromium (Debian's `chromium`), served
// from localhost as site-test.mjs serves it, on each page a reader lands on
// (LANDINGS: each language's index.html, the same page reached with a
// code's anchor, and the code's own page where it has one), RUNS times
// each, every load in a fresh browser context with the cache off:
// - the bytes of every response the page loaded until it was usable (as
//   served, uncompressed), and the same bodies gzipped, as a host that
//   compresses would send them;
// - the time to usable: from the moment the page was asked for to the
//   later of the load event and the moment the page's script showed the
//   filter box (`.filter` no longer hidden, seen by a MutationObserver
//   installed before the page's own script), on the page the reader ends
//   on (an index sends `#code` on to the code's page where it has one);
// - the number of DOM elements once usable;
// - each query of QUERIES typed into the filter box one character at a
//   time with puppeteer's keyboard: for each keystroke, the time from its
//   `keydown` event to the page's `site-filtered` event for the text typed so
//   far (the site dispatches it once the answer is in the DOM); after each
//   answer, two animation frames (the answer painted) before the next key.
// Never hangs: a page that is not usable within TIMEOUT_SECONDS is reported
// as timed out and not typed into; a keystroke unanswered within
// KEYSTROKE_TIMEOUT_SECONDS ends the typing on that page.
//
//   node site-measure.mjs SITE_DIR CHROMIUM RUNS TIMEOUT_SECONDS KEYSTROKE_TIMEOUT_SECONDS LANDINGS QUERIES
//
// LANDINGS is a JSON list of `{ tag, kind, path }`, the path under SITE_DIR
// with its anchor (`en/index.html#4337`); QUERIES a JSON list of texts to
// type. Prints one JSON object on stdout: `{ browser, timeoutMs,
// keystrokeTimeoutMs, pages: [{ tag, kind, path, endedOn, gzipBytes, runs:
// [{ bytes, responses, blocked, loadMs, shownMs, usableMs, elements,
// queries: [{ text, keystrokesMs, timedOut }] }] }] }`, where a time that was
// never reached is null. Progress goes to stderr.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { launchChromium, serveSite } from "./serve-site.mjs";

const [siteDir, chromium, runsArg, timeoutArg, keystrokeTimeoutArg, landingsJson, queriesJson] = process.argv.slice(2);
const landings = JSON.parse(landingsJson);
const runs = Number(runsArg);
const timeoutMs = Number(timeoutArg) * 1000;
const keystrokeTimeoutMs = Number(keystrokeTimeoutArg) * 1000;
const queries = JSON.parse(queriesJson);
const progress = (message) => console.error(`site-measure: ${message}`);

// The site as a web server would serve it, logging the files it sends
// (not the favicon Chromium asks for on its own, which is not found).
const served = [];
const { origin, server } = await serveSite(siteDir, (file, bytes) => served.push({ file, bytes }));

// Installed in every page before its own script runs: when the filter box
// is shown, and the keystroke each answer is for.
const WATCH = () => {
  const measure = {
    shownAt: null,
    keydownAt: null,
    armedAt: null,
    answer: null,
    // The next `site-filtered` event for `query`: its time after the
    // keystroke (or, for text that no key of the layout types, after this
    // call).
    arm(query) {
      this.keydownAt = null;
      this.armedAt = performance.now();
      this.answer = new Promise((resolve) => {
        const on = (event) => {
          if (event.detail.query !== query) return;
          document.removeEventListener("site-filtered", on);
          resolve(performance.now() - (this.keydownAt ?? this.armedAt));
        };
        document.addEventListener("site-filtered", on);
      });
    },
  };
  window.__siteMeasure = measure;
  addEventListener("keydown", (event) => { measure.keydownAt ??= event.timeStamp; }, true);
  // Watch the document only until the box exists, then the box alone, so
  // that the page's own changes are not slowed by records nobody reads.
  const watchBox = (box) => {
    const shown = () => {
      if (box.hidden) return;
      measure.shownAt = performance.now();
      attributes.disconnect();
    };
    const attributes = new MutationObserver(shown);
    attributes.observe(box, { attributes: true });
    shown();
  };
  const find = new MutationObserver(() => {
    const box = document.querySelector(".filter");
    if (!box) return;
    find.disconnect();
    watchBox(box);
  });
  find.observe(document, { childList: true, subtree: true });
};

const TIMED_OUT = Symbol("timed out");
const within = (promise, ms) => {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((done) => { timer = setTimeout(() => done(TIMED_OUT), ms); }),
  ]);
};

// As the page's script reads the box: lower case, single spaces, and a
// leading `#` before a code dropped.
const asQueried = (text) => text.toLocaleLowerCase().split(/\s+/).filter(Boolean).join(" ").replace(/^#(?=\d)/, "");

const twoFrames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));

/** Types `text` one character at a time; the time each keystroke took to be answered. */
async function type(page, text) {
  const keystrokesMs = [];
  // An empty box first, its answer on screen.
  await page.evaluate(() => window.__siteMeasure.arm(""));
  await page.$eval("#filter", (input) => { input.value = ""; input.dispatchEvent(new Event("input")); });
  if (await within(page.evaluate(() => window.__siteMeasure.answer), keystrokeTimeoutMs) === TIMED_OUT) {
    return { text, keystrokesMs, timedOut: true };
  }
  await page.focus("#filter");
  let typed = "";
  for (const char of text) {
    typed += char;
    await page.evaluate((query) => window.__siteMeasure.arm(query), asQueried(typed));
    await page.keyboard.type(char);
    const ms = await within(page.evaluate(() => window.__siteMeasure.answer), keystrokeTimeoutMs);
    if (ms === TIMED_OUT) return { text, keystrokesMs, timedOut: true };
    keystrokesMs.push(ms);
    if (await within(page.evaluate(twoFrames), keystrokeTimeoutMs) === TIMED_OUT) {
      return { text, keystrokesMs, timedOut: true };
    }
  }
  return { text, keystrokesMs, timedOut: false };
}

/** One landing: a fresh context, the page loaded until usable, then typed into. */
async function land(browser, url) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    await page.setCacheEnabled(false);
    // Offline, as site-test.mjs runs: requests elsewhere are not made.
    // Offline, as site-test.mjs runs: no host but the local server
    // resolves (the browser's flag below), so requests elsewhere fail at
    // once. Not by intercepting requests, which would add a round trip
    // through this script to every file the search loads.
    let blocked = 0;
    page.on("requestfailed", (request) => {
      if (!request.url().startsWith(origin)) blocked += 1;
    });
    await page.evaluateOnNewDocument(WATCH);
    served.length = 0;
    const started = Date.now();
    let usable = true;
    try {
      await page.goto(url, { waitUntil: "load", timeout: timeoutMs });
      // Across a page's script sending the reader on to another page: the
      // measure is then the other page's.
      for (;;) {
        try {
          await page.waitForFunction(() => window.__siteMeasure?.shownAt != null && document.readyState === "complete", {
            polling: 20,
            timeout: Math.max(1, timeoutMs - (Date.now() - started)),
          });
          break;
        } catch (error) {
          if (error?.name === "TimeoutError") throw error;
          if (!/context|navigat|detached/i.test(String(error?.message))) throw error;
        }
      }
    } catch (error) {
      if (error?.name !== "TimeoutError") throw error;
      usable = false;
    }
    const files = served.map((response) => response.file);
    const bytes = served.reduce((sum, response) => sum + response.bytes, 0);
    const responses = served.length;
    const endedOn = new URL(page.url()).pathname.slice(1);
    if (!usable) {
      return { files, endedOn, run: { bytes, responses, blocked, loadMs: null, shownMs: null, usableMs: null, elements: null, queries: [] } };
    }
    const { timeOrigin, loadMs, shownMs, elements } = await page.evaluate(() => ({
      timeOrigin: performance.timeOrigin,
      loadMs: performance.getEntriesByType("navigation")[0].loadEventStart,
      shownMs: window.__siteMeasure.shownAt,
      elements: document.getElementsByTagName("*").length,
    }));
    // From the moment the page was asked for, on the page the reader ended on.
    const usableMs = timeOrigin + Math.max(loadMs, shownMs) - started;
    const typedQueries = [];
    for (const text of queries) {
      const typed = await type(page, text);
      typedQueries.push(typed);
      if (typed.timedOut) break;
    }
    return {
      files,
      endedOn,
      run: { bytes, responses, blocked, loadMs, shownMs, usableMs, elements, queries: typedQueries },
    };
  } finally {
    await within(context.close(), 60_000);
  }
}

const gzipped = new Map();
const gzipBytes = (file) => {
  if (!gzipped.has(file)) {
    gzipped.set(file, gzipSync(readFileSync(file)).length);
  }
  return gzipped.get(file);
};

const browser = await launchChromium(chromium, ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"], {
  protocolTimeout: timeoutMs + 60_000,
});
const pages = landings.map(({ tag, kind, path }) => ({ tag, kind, path, endedOn: null, gzipBytes: null, runs: [] }));
try {
  for (let run = 1; run <= runs; run += 1) {
    for (const page of pages) {
      const { files, endedOn, run: measured } = await land(browser, `${origin}/${page.path}`);
      page.runs.push(measured);
      page.endedOn ??= endedOn;
      page.gzipBytes ??= files.reduce((sum, file) => sum + gzipBytes(file), 0);
      const usable = measured.usableMs === null ? `not usable within ${timeoutMs / 1000} s` : `usable in ${Math.round(measured.usableMs)} ms`;
      const slowest = measured.queries.map((query) => `${query.text}: ${query.timedOut ? "timed out" : `${Math.round(Math.max(...query.keystrokesMs))} ms`}`);
      progress(`${page.path} (${page.kind}), run ${run} of ${runs}: ${measured.bytes} bytes, ${usable}; slowest keystroke ${slowest.join(", ") || "not measured"}`);
    }
  }
  const version = await browser.version();
  process.stdout.write(`${JSON.stringify({ browser: version, timeoutMs, keystrokeTimeoutMs, pages })}\n`);
} finally {
  await within(browser.close(), 60_000);
  server.close();
}
