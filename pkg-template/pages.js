// `client.streams()`, `client.broadcasts()`, `client.videos()`: every item of a list, read page by
// page on demand with `listStreams`, `listBroadcasts`, `listVideos` (so with the client's retries,
// timeouts and typed errors). The query and the options are checked at the call, by the client's own
// readers (`StreamingClient.__gsCheck`). No page size is assumed: the list ends at an empty page or at
// a page shorter than the longest one read (at most one extra request per listing). A page that fails
// rejects `next()`, and the next `next()` reads that page again. (The rules of the Rust `Paginator`;
// tests/js/cases/client.mjs.)

const LISTS = ["streams", "broadcasts", "videos"];
const METHOD = { streams: "listStreams", broadcasts: "listBroadcasts", videos: "listVideos" };

/** Installs the page iterators on the generated `StreamingClient`. */
export function clientPages(m) {
  const Client = m.StreamingClient;
  for (const name of LISTS) {
    Client.prototype[name] = {
      [name](query, options) {
        if (!(this instanceof Client)) throw new TypeError(`${name}() must be called on a StreamingClient`);
        Client.__gsCheck(name, query, options);
        const client = this;
        return pageIterator((p) => client[METHOD[name]]({ ...query, page: p }, options), Math.max(query?.page ?? 1, 1));
      },
    }[name];
  }
}

/**
 * An async iterator over every item of a paged list, from page `first`: `read(page)` answers a page's
 * items. It ends at an empty page or at one shorter than the longest read; a page that fails rejects
 * `next()`, and the next `next()` reads it again. (Also the iterators of ./api.js's namespaces.)
 */
export function pageIterator(read, first) {
  let page = first;
  let items = [];
  let at = 0;
  let done = false;
  let full = 0;
  const result = (value) => ({ done: value === undefined, value });
  return {
    async next() {
      while (at >= items.length) {
        if (done) return result(undefined);
        const p = page++;
        let got;
        try {
          got = await read(p);
        } catch (e) {
          page = p;
          throw e;
        }
        if (got.length === 0 || got.length < full) done = true;
        if (got.length > full) full = got.length;
        items = got;
        at = 0;
      }
      return result(items[at++]);
    },
    async return() {
      done = true;
      items = [];
      return result(undefined);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
