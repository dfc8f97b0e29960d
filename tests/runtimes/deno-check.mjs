// Run by Deno with no permissions at all: proves the `deno` entry loads its wasm by import alone.
import * as main from "gcore-streaming";
import * as webhook from "gcore-streaming/webhook";
import * as sandbox from "gcore-streaming/sandbox";

const versions = [main.version(), webhook.version(), sandbox.version()];
if (new Set(versions).size !== 1) throw new Error(`entry versions differ: ${versions}`);
const probe = new Error("x");
probe.name = "WebhookError";
if (!(probe instanceof main.WebhookError)) throw new Error("WebhookError class missing");
console.log(JSON.stringify({ runtime: "deno", version: main.version() }));
