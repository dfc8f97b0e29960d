// The client benchmark's contenders, shared by Node (client.mjs) and the browser page
// (client-browser.mjs serves this file to it): StreamingClient.getStream against raw fetch, fetch with
// AbortSignal.timeout, and fetch with its own AbortController + timer, each as a sequential and a
// concurrent round. Runs in any runtime with fetch (no Node APIs).

/**
 * `ours`: the client's call; `url`, `headers`: what raw fetch sends for the same stream `id`. Returns the
 * calls and the round makers: `sequential(fn)` runs `seqN` calls one after another, `concurrent(fn)`
 * `concN` calls with `inFlight` at a time; each resolves to its number of calls and throws on a wrong
 * answer.
 */
export function contenders({ ours, url, headers, id, seqN, concN, inFlight }) {
  // Each reads the body as the client does (text, then JSON.parse), written out in full: no extra
  // async hop for the baselines.
  const raw = async () => {
    const r = await fetch(url, { headers });
    const text = await r.text();
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return JSON.parse(text);
  };
  // What a careful user adds to raw fetch: a timeout per request (the client has one per attempt).
  const rawTimeout = async () => {
    const r = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
    const text = await r.text();
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return JSON.parse(text);
  };
  // The floor for any fetch that a timeout can cancel (what the client's driver does per attempt):
  // an AbortController whose signal goes to fetch, a setTimeout, a clearTimeout.
  const rawAbort = async () => {
    const c = new AbortController();
    const t = setTimeout(() => c.abort(), 30_000);
    try {
      const r = await fetch(url, { method: "GET", headers, signal: c.signal });
      const text = await r.text();
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return JSON.parse(text);
    } finally {
      clearTimeout(t);
    }
  };
  const sequential = (fn) => async () => {
    for (let i = 0; i < seqN; i++) if ((await fn()).id !== id) throw new Error("wrong answer");
    return seqN;
  };
  const concurrent = (fn) => async () => {
    let left = concN;
    const worker = async () => {
      while (left-- > 0) if ((await fn()).id !== id) throw new Error("wrong answer");
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return concN;
  };
  return { ours, raw, rawTimeout, rawAbort, sequential, concurrent };
}

/**
 * Times async contenders (`name → () => Promise<count>`) in `blocks` blocks: in each block every
 * contender runs once, in an order shuffled by a seeded PRNG (the same sequence every run). Returns,
 * per contender, the median over blocks of the time per item (µs). Short blocks in shuffled order,
 * rather than long rounds in a rotating order, so that drift in the machine's speed and what the
 * previous contender left behind (timers, garbage) fall on all contenders alike: the rotating order
 * always ran a contender after the same one, which measured up to ~5 % against the same code.
 */
export async function measureBlocks(contenders, { blocks, warmup = 1, seed = 8 }) {
  const now = () => performance.now();
  const names = Object.keys(contenders);
  for (let w = 0; w < warmup; w++) for (const k of names) await contenders[k]();
  let a = seed >>> 0;
  const random = () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const per = Object.fromEntries(names.map((k) => [k, []]));
  for (let b = 0; b < blocks; b++) {
    const order = names.slice();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const t0 = now();
      const n = await contenders[k]();
      per[k].push(((now() - t0) * 1000) / n);
    }
  }
  const median = (xs) => {
    const s = xs.slice().sort((x, y) => x - y);
    return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  return Object.fromEntries(names.map((k) => [k, median(per[k])]));
}

/**
 * The target's figure: `a` against `b` head to head, in `blocks` pairs run in the order a b, b a, a b,
 * … (each one after the other as often as before it), as the median over pairs of `a`'s time divided
 * by `b`'s in the same pair. In `measureBlocks`'s shuffled order of four contenders, what the one
 * before left behind (the 30-second timers of `AbortSignal.timeout`, garbage) weighed on each contender
 * differently: the client's sequential block took 324 µs per call after one contender and 414 µs
 * after another in the same run, and the ratio read 0.98x to 1.26x from run to run for the same code.
 */
export async function measurePair(a, b, { blocks, warmup = 1 }) {
  for (let w = 0; w < warmup; w++) await a(), await b();
  const time = async (f) => {
    const t0 = performance.now();
    const n = await f();
    return ((performance.now() - t0) * 1000) / n;
  };
  const ratios = [];
  for (let i = 0; i < blocks; i++) {
    if (i % 2 === 0) {
      const x = await time(a);
      ratios.push(x / (await time(b)));
    } else {
      const y = await time(b);
      ratios.push((await time(a)) / y);
    }
  }
  ratios.sort((x, y) => x - y);
  const m = ratios.length >> 1;
  return ratios.length % 2 ? ratios[m] : (ratios[m - 1] + ratios[m]) / 2;
}
