// Runs the shared JS cases (tests/js/cases/*.mjs) with a context; used by the Node and browser shells.
import { assert } from "./assert.mjs";

/** Builds the context every case receives. */
export function context({ main, webhook, sandbox, packageJson, fixture, pkgUrl, pkgFile, env }) {
  return { main, webhook, sandbox, packageJson, fixture, pkgUrl, pkgFile, env, assert };
}

/** Runs one case with a time limit; resolves to { name, ok, error, ms }. */
export async function runCase(file, c, ctx, limitMs = 60_000) {
  const started = Date.now();
  let timer;
  try {
    await Promise.race([
      c.run(ctx),
      new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error(`timed out after ${limitMs} ms`)), limitMs);
      }),
    ]);
    return { name: `${file}: ${c.name}`, ok: true, ms: Date.now() - started };
  } catch (err) {
    const error = err && err.stack ? `${err.name}: ${err.message}\n${err.stack}` : String(err);
    return { name: `${file}: ${c.name}`, ok: false, error, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
