// Opens the site of a catalog with more range pages than one page lists
// (the index then lists groups of ranges, `ranges/N.html`, each listing its
// range pages) in headless Chromium and checks, in each language, what a
// link from when the catalog was smaller relies on: without JavaScript the
// index lists the groups; `index.html#CODE` is sent on through the code's
// group to the code's section on its range page; a code whose range has no
// page stops on its group's page, and one whose group has no page stays on
// the index; no page asked for is missing.
//
//   node site-groups-test.mjs SITE_DIR CHROMIUM CASE
//
// CASE is a JSON object: `tags`; `groups` (how many group pages a language
// has); `probe` and `page` (a code and its range page, `codes/125.html`);
// `unlisted` and `group` (a code whose range has no page, and its group's
// page, `ranges/1.html`); `far` (a code whose group has no page).
import { resolve } from "node:path";
import { launchChromium, serveSite } from "./serve-site.mjs";

const [siteDir, chromium, caseJson] = process.argv.slice(2);
const expected = JSON.parse(caseJson);
const { origin, server } = await serveSite(resolve(siteDir));
const browser = await launchChromium(chromium);
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };

try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) errors.push(`${response.status()}: ${response.url()}`);
  });

  /** Where `index.html#code` ends once the page's scripts are done. */
  const followed = async (tag, code, expectedPath) => {
    await page.goto("about:blank");
    await page.goto(`${origin}/${tag}/index.html#${code}`, { waitUntil: "load" });
    await page.waitForFunction((path) => location.pathname === path, { timeout: 5_000 }, expectedPath).catch(() => {});
    // A forwarding page moves on at once; give a wrong move the time to happen.
    await new Promise((done) => setTimeout(done, 300));
    await page.waitForNetworkIdle({ idleTime: 200, timeout: 5_000 }).catch(() => {});
    return page.evaluate(() => ({
      path: location.pathname,
      hash: location.hash,
      target: document.querySelector(":target")?.id ?? null,
    }));
  };

  for (const tag of expected.tags) {
    await page.setJavaScriptEnabled(false);
    await page.goto(`${origin}/${tag}/index.html`, { waitUntil: "load" });
    const groups = await page.$$eval("main a[href^='ranges/']", (links) => links.length);
    const ranges = await page.$$eval("main a[href^='codes/']", (links) => links.length);
    check(groups === expected.groups && ranges === 0, `${tag}: the index lists ${groups} groups and ${ranges} range pages, expected ${expected.groups} groups`);
    await page.setJavaScriptEnabled(true);

    const probePath = `/${tag}/${expected.page}`;
    const probe = await followed(tag, expected.probe, probePath);
    check(probe.path === probePath && probe.target === String(expected.probe),
      `${tag}: index.html#${expected.probe} ended on ${probe.path}${probe.hash} (target ${probe.target}), expected ${probePath}#${expected.probe}`);

    const groupPath = `/${tag}/${expected.group}`;
    const unlisted = await followed(tag, expected.unlisted, groupPath);
    check(unlisted.path === groupPath, `${tag}: index.html#${expected.unlisted} ended on ${unlisted.path}${unlisted.hash}, expected its group's page ${groupPath}`);

    const far = await followed(tag, expected.far, `/${tag}/index.html`);
    check(far.path === `/${tag}/index.html`, `${tag}: index.html#${expected.far} ended on ${far.path}${far.hash}, expected to stay on the index`);
  }
  check(errors.length === 0, `errors in the pages: ${errors.join("; ")}`);
} finally {
  await browser.close();
  server.close();
}

if (failures.length > 0) {
  console.error(`site-groups-test: ${failures.length} failures:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`site-groups-test: ${expected.tags.length} languages: links forwarded through groups: ok`);
