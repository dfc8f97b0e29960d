// Reading a request body up to a limit (its own module: tests/edge/hardening.test.mjs runs it in Node).

/**
 * The body as a string (bytes when it is not valid UTF-8: parseWebhook says where), or a `too_large`
 * error as soon as more than `max` bytes came: the rest is never read (a chunked body has no
 * Content-Length to check first).
 */
export async function readBody(request, max) {
  const tooLarge = () => Object.assign(new Error(`the body is over ${max} bytes`), { code: "too_large", path: "" });
  if (Number(request.headers.get("Content-Length") ?? 0) > max) throw tooLarge();
  const chunks = [];
  let n = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let r; !(r = await reader.read()).done; ) {
      n += r.value.byteLength;
      if (n > max) throw tooLarge(); // the rest stays unread
      chunks.push(r.value);
    }
  }
  const bytes = new Uint8Array(n);
  for (let i = 0, at = 0; i < chunks.length; at += chunks[i].byteLength, i++) bytes.set(chunks[i], at);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes); // a string takes the fast path
  } catch {
    return bytes;
  }
}
