// The browser page's script, bundled by esbuild as an app's bundler would: the upload entry and
// tus-js-client's browser build.
import { uploadVideo } from "gcore-streaming/upload";

globalThis.gsUpload = uploadVideo;
/** The same bytes for the same seed: a file that "is" the same file after a reload. */
globalThis.gsFile = (size, seed, name = "clip.mp4") => {
  const bytes = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return new File([bytes], name, { type: "video/mp4", lastModified: 1767225600000 });
};
document.body.dataset.ready = "1";
