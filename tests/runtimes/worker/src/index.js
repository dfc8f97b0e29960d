// A minimal Worker: proves the `workerd` entry (the .wasm imported as a compiled module) runs in workerd.
import * as main from "gcore-streaming";
import * as webhook from "gcore-streaming/webhook";
import * as sandbox from "gcore-streaming/sandbox";

export default {
  async fetch() {
    return Response.json({ runtime: "workerd", versions: [main.version(), webhook.version(), sandbox.version()] });
  },
};
