// The search of the site's large layout: looks a query's words up in the
// index that codegen/src/render/search.rs writes beside this file, loading
// only the files those words need, and lists the codes that match. The same
// for every catalog; the page's words come from the page, never from here.
//
// The page's contract:
//
//   <main data-search-root="../search/" data-pages-root="./"
//         data-filter-count="Matching codes: {count}" data-filter-none="No code matches"
//         data-retired-label="retired">            (optional: said after a retired code)
//     <template id="search-controls">
//       <label for="filter">…</label> <input id="filter" type="search">
//       <label><input type="checkbox" id="retry-helps"> …</label>   (optional)
//       <p id="filter-status" role="status"></p>
//       <ol id="search-results"></ol>
//     </template>
//   </main>
//   <script src="../search/search.js"></script>
//
// Roots are relative to the page. The controls are cloned under the page's
// heading and the paragraph of links after it (the start of `<main>` where
// there is none): without script there
// is no control that does nothing. `{count}` is crate::catalog::COUNT_PLACEHOLDER.
// A result links to `<pages root><page>#<code>`. Once a query's answer is on
// screen, `site-filtered` is dispatched on the document with
// `{ query, shown }` (query as the small page's filter normalises it, shown
// the number of codes that match).
//
// Files are scripts that call `statusCodeSearch.shard(name, data)`, so
// that the search works from `file://`, where fetch() does not; over HTTP
// they are fetched and their data parsed, which answers sooner. Nothing
// loads with the page; the manifest and the first block of results load
// once it is idle.
(() => {
  "use strict";

  // The tokenizer: the same as search.rs's `tokens`
  // (codegen/tests/search-tokens.json holds both to the same cases).
  const MAX_TOKEN_CHARS = 40;
  // search.rs's CJK_RANGES (a test there reads this line).
  const CJK = /[\u{1100}-\u{11FF}\u{2E80}-\u{2FDF}\u{3005}-\u{3007}\u{3021}-\u{3029}\u{3038}-\u{303B}\u{3041}-\u{309F}\u{30A1}-\u{30FA}\u{30FC}-\u{30FF}\u{3130}-\u{318F}\u{31F0}-\u{31FF}\u{3400}-\u{4DBF}\u{4E00}-\u{9FFF}\u{A960}-\u{A97F}\u{AC00}-\u{D7FF}\u{F900}-\u{FAFF}\u{FF66}-\u{FF9F}\u{FFA0}-\u{FFDC}\u{20000}-\u{2FA1F}\u{30000}-\u{323AF}]/u;
  // Rust's char::is_alphanumeric.
  const WORD = /[\p{Alphabetic}\p{N}]/u;
  const ASCII = /^[\x00-\x7f]*$/;
  const cut = (token) => [...token].slice(0, MAX_TOKEN_CHARS).join("");
  // Digit runs, capitals before a capitalised word, capitalised words.
  const asciiParts = (run) => run.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g);

  // For a query (`asked`), an ASCII word of several parts asks for its parts
  // only: `status4337` finds SyntheticHandlerStatus4337, whose own token
  // starts elsewhere.
  function tokens(text, asked = false) {
    const out = [];
    let run = "";
    let runIsCjk = false;
    const flush = () => {
      if (runIsCjk) {
        const chars = [...run];
        for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i] + chars[i + 1]);
        out.push(chars[chars.length - 1]);
      } else {
        const parts = ASCII.test(run) ? asciiParts(run) : [run];
        if (!asked || parts.length === 1) out.push(cut(run.toLowerCase()));
        if (parts.length > 1) for (const part of parts) out.push(cut(part.toLowerCase()));
      }
      run = "";
    };
    for (const c of text) {
      const cjk = CJK.test(c);
      const word = !cjk && WORD.test(c);
      if (run !== "" && (!(cjk || word) || cjk !== runIsCjk)) flush();
      if (cjk || word) {
        run += c;
        runIsCjk = cjk;
      }
    }
    if (run !== "") flush();
    return out;
  }

  const waiting = new Map();
  globalThis.statusCodeSearch = {
    tokens,
    shard(name, data) {
      const wait = waiting.get(name);
      if (wait) {
        waiting.delete(name);
        wait.resolve(data);
      }
    },
  };
  // Under Node.js (the tokenizer's test) there is no page to search.
  if (typeof document === "undefined") return;

  const main = document.querySelector("main");
  const controls = document.getElementById("search-controls");
  if (!main || !controls) return;
  const words = main.dataset;
  const box = controls.content.cloneNode(true);
  const input = box.querySelector("#filter");
  const retryBox = box.querySelector("#retry-helps");
  const status = box.querySelector("#filter-status");
  const list = box.querySelector("#search-results");
  // Under the heading and its links (to the index, the neighbours, the
  // other languages), above what the page lists.
  const heading = main.querySelector(":scope > h1");
  const links = heading?.nextElementSibling;
  if (links?.tagName === "P") links.after(box);
  else if (heading) heading.after(box);
  else main.prepend(box);

  // Each file once; a failed one is tried again by the next query. Over
  // HTTP by fetch(), whose answer is parsed at once (a script inserted
  // into the page runs a task or two after it arrived: about 8 ms a file
  // in Chromium); from disk, where fetch() cannot read, as a script.
  const loaded = new Map();
  const overHttp = location.protocol === "http:" || location.protocol === "https:";
  // A file is `statusCodeSearch.shard("NAME", DATA);`: DATA is JSON.
  const dataOf = (text) => JSON.parse(text.slice(text.indexOf(", ") + 2, text.lastIndexOf(")")));
  const fetched = (name) => fetch(`${words.searchRoot}${name}.js`).then((response) => {
    if (!response.ok) throw new Error(`search: ${response.url}: ${response.status}`);
    return response.text();
  }).then(dataOf);
  const asScript = (name) => new Promise((resolve, reject) => {
    waiting.set(name, { resolve });
    const script = document.createElement("script");
    script.src = `${words.searchRoot}${name}.js`;
    const failed = () => {
      if (!waiting.has(name)) return;
      waiting.delete(name);
      reject(new Error(`search: ${script.src} did not load`));
    };
    script.onerror = failed;
    script.onload = () => {
      script.remove();
      failed();
    };
    document.head.append(script);
  });
  const load = (name) => {
    let promise = loaded.get(name);
    if (!promise) {
      promise = overHttp ? fetched(name) : asScript(name);
      promise.catch(() => loaded.delete(name));
      loaded.set(name, promise);
    }
    return promise;
  };
  const manifest = () => load("manifest");

  // Postings (search.rs's `encode`) into bitmaps of ordinals, 32 a word.
  const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  const VALUE = new Uint8Array(128);
  for (let i = 0; i < DIGITS.length; i += 1) VALUE[DIGITS.charCodeAt(i)] = i;
  const set = (bits, ordinal) => { bits[ordinal >>> 5] |= 1 << (ordinal & 31); };
  function decodeInto(bits, posting) {
    let at = 1;
    const varint = () => {
      let value = 0;
      for (;;) {
        const digit = VALUE[posting.charCodeAt(at)];
        at += 1;
        if (digit < 32) return value * 32 + digit;
        value = value * 32 + digit - 32;
      }
    };
    if (posting[0] === "d") {
      let ordinal = -1;
      while (at < posting.length) {
        ordinal += varint() + 1;
        set(bits, ordinal);
      }
    } else {
      const start = varint() * 6;
      for (let k = 0; at < posting.length; k += 1, at += 1) {
        const six = VALUE[posting.charCodeAt(at)];
        for (let j = 0; j < 6; j += 1) if (six & (1 << j)) set(bits, start + k * 6 + j);
      }
    }
  }
  const hex = (text) => [...new TextEncoder().encode(text)].map((byte) => byte.toString(16).padStart(2, "0")).join("");

  // The entries a query token is the prefix of some token of: from the leaf
  // of the prefix tree that holds them, or, for a prefix split further, its
  // union file (or its one continuation's, where that is the same answer).
  async function entriesOf(token, index) {
    const bits = new Uint32Array(Math.ceil(index.entries / 32));
    const fromLeaf = async (prefix, rest) => {
      const shard = await load(`t-${hex(prefix)}`);
      remember(shard.r);
      for (const suffix of Object.keys(shard.t)) if (suffix.startsWith(rest)) decodeInto(bits, shard.t[suffix]);
      return bits;
    };
    const chars = [...token];
    let node = index.tree;
    let prefix = "";
    for (let i = 0; i < chars.length; i += 1) {
      const child = Object.hasOwn(node, chars[i]) ? node[chars[i]] : undefined;
      if (child === undefined) return bits;
      prefix += chars[i];
      if (child === 1) return fromLeaf(prefix, chars.slice(i + 1).join(""));
      node = child;
    }
    while (node[""] !== 1) {
      const [next] = Object.keys(node);
      prefix += next;
      node = node[next];
      if (node === 1) return fromLeaf(prefix, "");
    }
    const union = await load(`u-${hex(prefix)}`);
    remember(union.r);
    decodeInto(bits, union.o);
    return bits;
  }
  // Recent tokens' answers: typing on re-asks the words before the last.
  const answers = new Map();
  const answerOf = (token, index) => {
    let answer = answers.get(token);
    if (!answer) {
      if (answers.size > 200) answers.clear();
      answer = entriesOf(token, index);
      answer.catch(() => answers.delete(token));
      answers.set(token, answer);
    }
    return answer;
  };
  let retryBits;
  const retryHelps = (index) => {
    if (!retryBits) {
      retryBits = new Uint32Array(Math.ceil(index.entries / 32));
      decodeInto(retryBits, index.retry);
    }
    return retryBits;
  };

  // Rows that came with a word's file (search.rs: those of its tokens of
  // few entries, and a union's first), so that its results need no block.
  const near = new Map();
  function remember(rows) {
    if (near.size > 20_000) near.clear();
    for (const [ordinal, code, message, retired, page] of rows) {
      near.set(ordinal, { ordinal, code, message, retired: retired === 1, page });
    }
  }
  // A result's row: one that came with a word's file, or its display block's.
  const rowOf = async (ordinal, index) => {
    const known = near.get(ordinal);
    if (known) return known;
    const block = await load(`e-${Math.floor(ordinal / index.block)}`);
    const [code, message, retired, page] = block.rows[ordinal % index.block];
    return { ordinal, code, message, retired: retired === 1, page: block.pages[page] };
  };
  // The ordinal of `code`, where some entry or retired code has it.
  const ordinalOfCode = async (code, index) => {
    let number = index.block_codes.length - 1;
    while (number > 0 && index.block_codes[number] > code) number -= 1;
    if (number < 0 || index.block_codes[number] > code) return -1;
    const block = await load(`e-${number}`);
    const at = block.rows.findIndex((row) => row[0] === code);
    return at < 0 ? -1 : number * index.block + at;
  };

  // As many as a reader scans; the count says how many more match. A word's
  // file carries the rows of this many entries (search.rs's SHOWN).
  const SHOWN = 20;
  const has = (bits, ordinal) => (bits[ordinal >>> 5] & (1 << (ordinal & 31))) !== 0;
  const popcount = (word) => {
    let n = word - ((word >>> 1) & 0x55555555);
    n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
    return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  };
  // As the small page's filter writes its query in `site-filtered`.
  const normal = (text) => text.toLocaleLowerCase().split(/\s+/).filter(Boolean).join(" ").replace(/^#(?=\d)/, "");

  let latest = 0;
  async function search() {
    const asked = ++latest;
    const query = normal(input.value);
    const wanted = [...new Set(tokens(input.value, true))];
    const onlyRetry = retryBox !== null && retryBox.checked;
    let count = 0;
    let rows = [];
    try {
      if (wanted.length > 0 || onlyRetry) {
        const index = await manifest();
        // A code asked for as such (`4337`, `#4337`) comes first: where it
        // is, looked up while the words are.
        const codes = wanted.filter((token) => /^[0-9]+$/.test(token) && String(Number(token)) === token);
        const [sets, codeOrdinals] = await Promise.all([
          Promise.all(wanted.map((token) => answerOf(token, index))),
          Promise.all(codes.map((code) => ordinalOfCode(Number(code), index))),
        ]);
        if (onlyRetry) sets.push(retryHelps(index));
        const bits = sets[0].slice();
        for (const other of sets.slice(1)) for (let i = 0; i < bits.length; i += 1) bits[i] &= other[i];
        const first = [];
        for (const ordinal of codeOrdinals) {
          if (ordinal >= 0 && has(bits, ordinal) && !first.includes(ordinal)) first.push(ordinal);
        }
        const ordinals = [...first];
        for (let word = 0; word < bits.length; word += 1) {
          count += popcount(bits[word]);
          for (let rest = bits[word]; rest !== 0 && ordinals.length < SHOWN; rest &= rest - 1) {
            const ordinal = word * 32 + 31 - Math.clz32(rest & -rest);
            if (!first.includes(ordinal)) ordinals.push(ordinal);
          }
        }
        rows = await Promise.all(ordinals.map((ordinal) => rowOf(ordinal, index)));
      }
    } catch (error) {
      console.error(error);
      count = 0;
      rows = [];
    }
    // A newer query's answer is (or will be) on screen.
    if (asked !== latest) return;
    list.replaceChildren(...rows.map((row) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `${words.pagesRoot}${row.page}#${row.code}`;
      link.textContent = `${row.code} ${row.message}`;
      item.append(link);
      if (row.retired) {
        item.className = "retired";
        if (words.retiredLabel) item.append(` (${words.retiredLabel})`);
      }
      return item;
    }));
    const filtering = wanted.length > 0 || onlyRetry;
    status.textContent = !filtering ? "" : count === 0 ? words.filterNone : words.filterCount.split("{count}").join(String(count));
    document.dispatchEvent(new CustomEvent("site-filtered", { detail: { query, shown: count } }));
  }

  // The index loads when the reader comes to the box, not with the page.
  // The index's manifest and the first results' block (a few kilobytes)
  // load once the page is idle or the reader comes to the box, whichever is
  // first: not with the page, and not while the reader waits for a word.
  let warmed = false;
  const warm = () => {
    if (warmed) return;
    warmed = true;
    manifest().then(() => load("e-0")).catch(() => {});
  };
  input.addEventListener("focus", warm, { once: true });
  const idle = globalThis.requestIdleCallback ?? ((callback) => setTimeout(callback, 200));
  if (document.readyState === "complete") idle(warm);
  else addEventListener("load", () => idle(warm), { once: true });
  // Not while an input method is composing (pinyin becomes Chinese at its end).
  input.addEventListener("input", (event) => { if (!event.isComposing) search(); });
  input.addEventListener("compositionend", search);
  retryBox?.addEventListener("change", search);
})();
