/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const __wbg_webhooktracker_free: (a: number, b: number) => void;
export const parseWebhook: (a: any, b: number) => [number, number, number];
export const verifyWebhookSource: (a: any) => [number, number];
export const version: () => [number, number];
export const webhooktracker_apply: (a: number, b: any, c: number, d: number) => [number, number, number];
export const webhooktracker_applyBroadcast: (a: number, b: any, c: number, d: number) => [number, number, number];
export const webhooktracker_applyStream: (a: number, b: any, c: number, d: number) => [number, number, number];
export const webhooktracker_applyVideo: (a: number, b: any, c: number, d: number) => [number, number, number];
export const webhooktracker_broadcast: (a: number, b: number) => [number, number, number];
export const webhooktracker_expectStop: (a: number, b: number, c: number, d: number) => [number, number];
export const webhooktracker_forget: (a: number, b: number) => [number, number, number];
export const webhooktracker_new: () => number;
export const webhooktracker_restore: (a: number, b: number) => [number, number, number];
export const webhooktracker_snapshot: (a: number) => [number, number];
export const webhooktracker_stage: (a: number, b: number) => [number, number, number];
export const webhooktracker_stream: (a: number, b: number) => [number, number, number];
export const webhooktracker_streams: (a: number) => [number, number, number];
export const webhooktracker_video: (a: number, b: number) => [number, number, number];
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __wbindgen_exn_store: (a: number) => void;
export const __externref_table_alloc: () => number;
export const __wbindgen_externrefs: WebAssembly.Table;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
