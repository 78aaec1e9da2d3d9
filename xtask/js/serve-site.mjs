// The generated site as a web server would serve it, from localhost, for
// the scripts that open it in Chromium (site-test.mjs, site-scale-test.mjs,
// site-measure.mjs): files under ROOT as they are, `index.html` for a
// directory, nothing outside ROOT. A secure origin, as the clipboard needs,
// which a file is not.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { extname, join, normalize, resolve, sep } from "node:path";
import puppeteer from "puppeteer-core";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css; charset=utf-8",
};

/**
 * Serves `siteDir`; `onServe(file, bytes)` hears of every file sent. Resolves
 * to the origin (`http://127.0.0.1:PORT`) and the server, to close.
 */
export async function serveSite(siteDir, onServe = () => {}) {
  const root = resolve(siteDir);
  const server = createServer((request, response) => {
    let path;
    try {
      path = normalize(join(root, decodeURIComponent(new URL(request.url, "http://x").pathname)));
    } catch {
      response.writeHead(400).end();
      return;
    }
    const file = path.endsWith(sep) ? join(path, "index.html") : path;
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    let body;
    try {
      body = readFileSync(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    onServe(file, body.length);
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return { origin: `http://127.0.0.1:${server.address().port}`, server };
}

/** Headless Chromium at `executablePath`, quiet (no background traffic),
 * with `args` added and puppeteer's launch `options`. */
export function launchChromium(executablePath, args = [], options = {}) {
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", ...args],
    ...options,
  });
}

/** axe-core's script, to add to a page. */
export const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's violations on `page`, each as `id (nodes): first target`. */
export async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const outcome = await window.axe.run(document, { resultTypes: ["violations"] });
    return outcome.violations.map((violation) => `${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.target}`);
  });
}
