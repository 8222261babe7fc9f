// The search page's script: reads ?q=, fetches only the index files the query needs, and lists
// the results in #search-results (one link each, in rank order), setting data-count when done.
// The index and the rules it is made by are described in docs/SEARCH.md; the folding and the
// terms here must stay the same as Sources/Site/Search/SearchText.swift's.
(() => {
  'use strict';
  const list = document.getElementById('search-results');
  if (!list) return;
  const status = document.getElementById('search-status');
  const input = document.getElementById('search-page-input');
  const base = list.dataset.index;
  const query = (new URLSearchParams(location.search).get('q') || '').trim();
  if (input) input.value = query;
  const PAGE = 10;
  let meta, version;

  const say = (text) => { if (status) status.textContent = text; };
  // The page's words (#search-messages in search.html), with %d and %s filled in.
  const messages = document.getElementById('search-messages');
  const word = (key, value) => {
    const m = messages && messages.content.querySelector('[data-m="' + key + '"]');
    const text = m ? m.textContent : key;
    return value === undefined ? text : text.replace(/%[ds]/, () => String(value));
  };
  const done = (n) => { list.dataset.count = String(n); };
  const get = async (path, kind) => {
    const response = await fetch(base + path + '?v=' + version);
    if (!response.ok) throw new Error(path + ': ' + response.status);
    return kind === 'json' ? response.json() : kind === 'text' ? response.text() : new Uint8Array(await response.arrayBuffer());
  };
  const cached = new Map();
  const once = (path, kind) => {
    if (!cached.has(path)) cached.set(path, get(path, kind));
    return cached.get(path);
  };

  // Folding and classes, as SearchText.fold and SearchText.classify.
  const isHan = (v) => (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x2FA1F);
  let hanFold = new Map();
  const fold = (v) => {
    if (v < 0x80) return v >= 0x41 && v <= 0x5A ? v | 0x20 : v;
    if (v >= 0x3400 && v <= 0xFAFF) return hanFold.get(v) || v;
    if (v >= 0xFF01 && v <= 0xFF5E) { const a = v - 0xFEE0; return a >= 0x41 && a <= 0x5A ? a | 0x20 : a; }
    if (v === 0x3000) return 0x20;
    if (v < 0x2C00) { const l = String.fromCodePoint(v).toLowerCase(); if ([...l].length === 1) return l.codePointAt(0); }
    return v;
  };
  const HAN = 1, WORD = 2, DIGIT = 3, SEP = 0;
  const classify = (v) => {
    if (v < 0x80) return v >= 0x30 && v <= 0x39 ? DIGIT : v >= 0x61 && v <= 0x7A ? WORD : SEP;
    if (isHan(v)) return HAN;
    if ((v >= 0x3000 && v <= 0x303F) || (v >= 0xFF00 && v <= 0xFFEF) || (v >= 0x2000 && v <= 0x206F)) return SEP;
    return /[\p{L}\p{N}]/u.test(String.fromCodePoint(v)) ? WORD : SEP;
  };
  const loadFold = async (text) => {
    const shards = new Set();
    for (const c of text) { const v = c.codePointAt(0); if (v >= 0x3400 && v <= 0xFAFF) shards.add(v % meta.foldShards); }
    for (const s of await Promise.all([...shards].map((n) => once('f/' + n + '.txt', 'text')))) {
      const chars = [...s];
      for (let i = 0; i + 1 < chars.length; i += 2) hanFold.set(chars[i].codePointAt(0), chars[i + 1].codePointAt(0));
    }
  };

  // The terms of the query with their offsets, as SearchText.terms makes them.
  const terms = (text) => {
    const out = [];
    // Words the query separates by spaces are parts, each a phrase of its own.
    let prev = 0, prevClass = SEP, prevPos = 0, word = '', wordStart = 0, pos = 0, part = 0;
    const endWord = () => { if (word) out.push({ s: word.slice(0, 64), at: wordStart, word: true, part }); word = ''; };
    for (const ch of text) {
      const raw = ch.codePointAt(0), v = fold(raw), c = classify(v), f = String.fromCodePoint(v);
      if (/\s/.test(f) && prevClass !== SEP) { if (prevClass === WORD) endWord(); part += 1; prevClass = SEP; pos += 1; continue; }
      if (c === HAN || c === DIGIT) {
        if (prevClass === WORD) endWord();
        if (prevClass !== SEP) out.push({ s: String.fromCodePoint(prev) + f, at: prevPos, part });
      } else if (c === WORD) {
        if (prevClass === HAN || prevClass === DIGIT) out.push({ s: String.fromCodePoint(prev) + f, at: prevPos, part });
        if (prevClass !== WORD) wordStart = pos;
        word += f;
      } else if (prevClass === WORD) endWord();
      prev = v; prevClass = c; prevPos = pos; pos += raw >= 0x10000 ? 2 : 1;
    }
    if (prevClass === WORD) { endWord(); out[out.length - 1].prefix = true; }
    if (out.length === 0) {
      const han = [...text].map((c) => fold(c.codePointAt(0))).filter(isHan);
      if (han.length === 1) out.push({ s: '\u0001' + String.fromCodePoint(han[0]), at: 0, part: 0 });
    }
    return out;
  };

  // The index files (docs/SEARCH.md).
  const shardOf = (spelling) => {
    const cs = [...spelling].map((c) => BigInt(c.codePointAt(0)));
    const a = cs[0], b = cs.length > 1 ? cs[1] : 0n, m = (1n << 64n) - 1n;
    return Number(((((a * 0x9E3779B9n) & m) ^ b) * 0x85EBCA6Bn & m) >> 16n) & (meta.shards - 1);
  };
  const utf8 = new TextEncoder(), fromUTF8 = new TextDecoder();
  const varint = (bytes, at) => {
    let value = 0, shift = 0, b;
    do { b = bytes[at.i++]; value += (b & 0x7F) * 2 ** shift; shift += 7; } while (b & 0x80);
    return value;
  };
  // Each entry of a term or position file: spelling, and where its payload is.
  const entries = (bytes, extra) => {
    const out = [], at = { i: 0 };
    while (at.i < bytes.length) {
      const n = varint(bytes, at), name = fromUTF8.decode(bytes.subarray(at.i, at.i + n));
      at.i += n;
      const extras = []; for (let k = 0; k < extra; k++) extras.push(varint(bytes, at));
      const size = varint(bytes, at);
      out.push({ name, extras, start: at.i });
      at.i += size;
    }
    return out;
  };
  // The documents of a term (a word the query ends in: of every word it starts), each with its
  // title flag and, in the title, its first position there; and the spellings that matched.
  const postings = async (term) => {
    const bytes = await once('t/' + shardOf(term.s) + '.bin', 'bytes');
    const docs = new Map(), first = new Map(), names = [];
    for (const e of entries(bytes, 1)) {
      if (!(e.name === term.s || (term.prefix && e.name.startsWith(term.s)))) continue;
      const at = { i: e.start }, list = [], blocks = new Map();
      let doc = -1;
      for (let k = 0; k < e.extras[0]; k++) {
        const v = varint(bytes, at);
        doc += Math.floor(v / 2) + 1;
        list.push(doc);
        docs.set(doc, (docs.get(doc) || 0) | (v & 1));
        if (v & 1) { const p = varint(bytes, at); first.set(doc, Math.min(p, first.has(doc) ? first.get(doc) : p)); }
      }
      for (let n = varint(bytes, at); n > 0; n--) blocks.set(varint(bytes, at), [varint(bytes, at), varint(bytes, at)]);
      names.push({ name: e.name, list, blocks });
    }
    return { docs, first, names };
  };
  // Bytes [start, end) of a file: by range, or cut from the whole file when the host sends it.
  const range = async (path, start, end) => {
    const response = await fetch(base + path + '?v=' + version, { headers: { Range: 'bytes=' + start + '-' + (end - 1) } });
    if (!response.ok) throw new Error(path + ': ' + response.status);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return response.status === 206 ? bytes : bytes.subarray(start, end);
  };
  // The positions of a term in the documents of one block, read from the start of its entries
  // up to `limit` bytes each: the newest documents first. `upTo`: the last document whose
  // positions were read whole (Infinity when all were).
  const read = new Map();
  const positions = async (term, found, block, limit) => {
    const out = new Map();
    let upTo = Infinity;
    const first = block * meta.blockSize, last = first + meta.blockSize;
    await Promise.all(found.names.map(async (n) => {
      const place = n.blocks.get(block);
      if (!place) return;
      const [offset, length] = place, size = Math.min(length, limit);
      // What was read of this entry before is kept: only the rest is fetched.
      const key = term.s + '/' + n.name + '/' + block;
      let bytes = read.get(key) || new Uint8Array();
      if (bytes.length < size) {
        const more = await range('p/' + shardOf(term.s) + '-' + block + '.bin', offset + bytes.length, offset + size);
        const joined = new Uint8Array(bytes.length + more.length);
        joined.set(bytes);
        joined.set(more, bytes.length);
        read.set(key, (bytes = joined));
      }
      const at = { i: 0 };
      for (const d of n.list) {
        if (d < first || d >= last) continue;
        const before = at.i;
        try {
          const count = varint(bytes, at), list = out.get(d) || [];
          let x = 0;
          for (let k = 0; k < count; k++) { x += varint(bytes, at); list.push(x); }
          if (at.i > bytes.length) throw new RangeError();
          out.set(d, list);
        } catch { at.i = before; }
        if (at.i === before || at.i > bytes.length) { upTo = Math.min(upTo, d - 1); return; }
      }
    }));
    return { lists: out, upTo };
  };

  // Where the first part of the query stands with its terms at their offsets, if every part
  // stands so somewhere; -1 if not.
  const phraseAt = (terms, lists) => {
    const sets = lists.map((l) => new Set(l || []));
    let first = -1;
    for (const part of new Set(terms.map((t) => t.part))) {
      const ks = terms.map((t, k) => k).filter((k) => terms[k].part === part);
      const lead = ks[0];
      const start = (lists[lead] || []).map((p) => p - terms[lead].at).find((s) => ks.every((k) => sets[k].has(s + terms[k].at)));
      if (start === undefined) return -1;
      if (first < 0) first = start;
    }
    return first;
  };

  // Unlike `range`, a host that sends the whole pack is not read: a pack is a megabyte, and the
  // result is shown without a snippet.
  const snippet = async (row, at) => {
    const [pack, offset, length] = row.x;
    const from = Math.max(0, at - 24), to = Math.min(length, at + 80);
    try {
      const response = await fetch(base + 'x/' + pack + '.bin?v=' + version, { headers: { Range: 'bytes=' + (offset + 2 * from) + '-' + (offset + 2 * to - 1) } });
      if (response.status !== 206) { response.body && response.body.cancel(); return null; }
      let text = new TextDecoder('utf-16le').decode(await response.arrayBuffer());
      const lineBreak = text.indexOf('\n');
      if (from < row.e + 1 && lineBreak >= 0) text = text.slice(lineBreak + 1); // the title is shown already
      return (from > 0 ? '…' : '') + text.replace(/\s+/g, ' ') + '…';
    } catch { return null; }
  };

  // Text with every occurrence of the query's folded characters marked.
  const mark = (element, text, needles) => {
    const folded = [...text].map((c) => String.fromCodePoint(fold(c.codePointAt(0)))).join('');
    const spans = [];
    for (const n of needles) {
      if (!n) continue;
      for (let i = folded.indexOf(n); i >= 0; i = folded.indexOf(n, i + n.length)) spans.push([i, i + n.length]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    let last = 0;
    for (const [s, e] of spans) {
      if (s < last) continue;
      element.append(text.slice(last, s));
      const m = document.createElement('mark');
      m.textContent = text.slice(s, e);
      element.append(m);
      last = e;
    }
    element.append(text.slice(last));
  };

  const run = async () => {
    if (!query) { say(''); done(0); return; }
    say(word('searching'));
    meta = await (await fetch(base + 'meta.json', { cache: 'no-cache' })).json();
    version = meta.version;
    await loadFold(query);
    const ts = terms(query);
    const foldedQuery = [...query].map((c) => String.fromCodePoint(fold(c.codePointAt(0)))).join('');
    const needles = foldedQuery.split(/\s+/).filter(Boolean);
    if (ts.length === 0) { say(word('empty')); done(0); return; }
    const found = await Promise.all(ts.map(postings));
    // Documents with every term, and whether each has them all in its title.
    let hits = [...found[0].docs.keys()].filter((d) => found.every((f) => f.docs.has(d)));
    const inTitle = (d) => found.every((f) => f.docs.get(d) & 1);
    // Phrases, from positions, block by block from the newest and within a block from its newest
    // documents, until the page can be ranked: a page of phrases with every term in the title,
    // or a page of phrases and no title hit left unread (one could outrank a newer phrase).
    // A title that holds the phrase at its terms' first places needs no positions read.
    const phrase = new Map();
    if (ts.length > 1 && hits.length) {
      const blockOf = (d) => Math.floor(d / meta.blockSize);
      const titledHits = hits.filter(inTitle);
      let phrases = 0, titledPhrases = 0;
      for (const d of titledHits) {
        const at = phraseAt(ts, found.map((f) => [f.first.get(d)]));
        if (at >= 0) { phrase.set(d, at); phrases += 1; titledPhrases += 1; }
      }
      const enough = () => titledPhrases >= PAGE || (phrases >= PAGE && titledHits.every((d) => phrase.has(d)));
      for (const b of [...new Set(hits.map(blockOf))].sort((x, y) => x - y)) {
        if (enough()) break;
        for (const limit of [1024, 4096, 16384, 65536, Infinity]) {
          const lists = await Promise.all(ts.map((t, k) => positions(t, found[k], b, limit)));
          const upTo = Math.min(...lists.map((r) => r.upTo));
          for (const d of hits) if (blockOf(d) === b && d <= upTo && !phrase.has(d)) {
            const at = phraseAt(ts, lists.map((r) => r.lists.get(d)));
            phrase.set(d, at);
            if (at >= 0) { phrases += 1; if (inTitle(d)) titledPhrases += 1; }
          }
          if (upTo === Infinity || enough()) break;
        }
      }
    }
    const isPhrase = (d) => ts.length === 1 || phrase.get(d) >= 0;
    hits.sort((a, b) => (isPhrase(b) - isPhrase(a)) || (inTitle(b) - inTitle(a)) || (a - b));
    const shown = hits.slice(0, PAGE);
    // Where to show each: the phrase, or else the first term's first place in the text.
    const place = new Map();
    for (const b of new Set(shown.filter((d) => !(phrase.get(d) >= 0)).map((d) => Math.floor(d / meta.blockSize)))) {
      let first = await positions(ts[0], found[0], b, 1024);
      if (shown.some((d) => Math.floor(d / meta.blockSize) === b && d > first.upTo)) first = await positions(ts[0], found[0], b, Infinity);
      for (const [d, l] of first.lists) place.set(d, Math.min(...l));
    }
    const chunks = await Promise.all([...new Set(shown.map((d) => Math.floor(d / meta.chunkSize)))].map((c) => once('d/' + c + '.json', 'json').then((rows) => [c, rows])));
    const rows = new Map(chunks);
    list.textContent = '';
    const items = await Promise.all(shown.map(async (d) => {
      const row = rows.get(Math.floor(d / meta.chunkSize))[d % meta.chunkSize];
      const at = phrase.get(d) >= 0 ? phrase.get(d) : place.has(d) ? place.get(d) : row.e + 1;
      const text = (await snippet(row, at)) || '';
      const li = document.createElement('li');
      li.className = 'search-result search-result-' + row.k;
      const a = document.createElement('a');
      a.href = row.u;
      mark(a, row.t, needles);
      const h = document.createElement('h2');
      h.className = 'search-result-title';
      h.append(a);
      li.append(h);
      const info = document.createElement('p');
      info.className = 'search-result-meta';
      info.textContent = word(row.k === 'honoree' || row.k === 'page' ? row.k : 'article') + (row.d ? ' · ' + row.d : '');
      li.append(info);
      const p = document.createElement('p');
      p.className = 'search-result-snippet';
      mark(p, text, needles);
      li.append(p);
      return li;
    }));
    list.append(...items);
    say(hits.length ? word('found', hits.length) + (hits.length > PAGE ? word('shown', PAGE) : '') : word('none', query));
    // Every result's document number, for bench/search-vs-pagefind.py's recall.
    list.searchHits = hits;
    done(hits.length);
  };
  run().catch((error) => { say(word('failed') + error.message); done(0); });
})();
