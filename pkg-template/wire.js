// Generated from the Rust definitions by tests/generated.rs (GENERATE=1 cargo test --test generated):
// do not edit.
/** The tape's opcodes (`op` in src/domain/json/tape.rs). */
export const OBJ = 1, ARR = 2, END = 3, NULL = 4, TRUE = 5, FALSE = 6, NUM = 7, STR = 8, SYM = 9, KEY = 10, KEYD = 11, ESC = 12, RAW = 13, FIELD = 14;
/** Where things are (`layout` in src/domain/json/tape.rs). */
export const RESULT_HEADER = 10, PARSE_CODES = 16384, KIND_BITS = 3;
const F0 = ["id", "live", "backup_live", "recording", "transcoding", "client_user_id", "client_entity_data", "pull", "uri", "stream_source_type"];
const S0 = (o, i, v) => {
  switch (i) {
    case 0: o.id = v; break;
    case 1: o.live = v; break;
    case 2: o.backup_live = v; break;
    case 3: o.recording = v; break;
    case 4: o.transcoding = v; break;
    case 5: o.client_user_id = v; break;
    case 6: o.client_entity_data = v; break;
    case 7: o.pull = v; break;
    case 8: o.uri = v; break;
    default: o.stream_source_type = v;
  }
};
const F1 = ["id", "status", "converted_videos", "slug", "name", "duration", "stream_id", "deleted_at", "error", "client_user_id"];
const S1 = (o, i, v) => {
  switch (i) {
    case 0: o.id = v; break;
    case 1: o.status = v; break;
    case 2: o.converted_videos = v; break;
    case 3: o.slug = v; break;
    case 4: o.name = v; break;
    case 5: o.duration = v; break;
    case 6: o.stream_id = v; break;
    case 7: o.deleted_at = v; break;
    case 8: o.error = v; break;
    default: o.client_user_id = v;
  }
};
const F2 = ["id", "name", "stream_id", "live", "active"];
const S2 = (o, i, v) => {
  switch (i) {
    case 0: o.id = v; break;
    case 1: o.name = v; break;
    case 2: o.stream_id = v; break;
    case 3: o.live = v; break;
    default: o.active = v;
  }
};
const F3 = ["id", "status", "stream_ids", "name"];
const S3 = (o, i, v) => {
  switch (i) {
    case 0: o.id = v; break;
    case 1: o.status = v; break;
    case 2: o.stream_ids = v; break;
    default: o.name = v;
  }
};
/** By kind (`ENTITIES` in src/domain/webhook/event/mod.rs, from 1): the entity's key. */
export const ENTITY = [, "stream", "video", "video", "restream", "broadcast"];
/** By kind: the known fields, in the order of the mask of `null` fields and of `FIELD i`. */
export const FIELDS = [, F0, F1, F1, F2, F3];
/** By kind: the setter of the known fields. */
export const SET = [, S0, S1, S1, S2, S3];
/** The known fields of an item of `converted_videos`, and their setter. */
export const CONVERTED = ["status", "name", "mp4_url"];
export const SET_CONVERTED = (o, i, v) => {
  switch (i) {
    case 0: o.status = v; break;
    case 1: o.name = v; break;
    default: o.mp4_url = v;
  }
};
/** The event of a kind and its entity. */
export const event = (kind, entity) => {
  switch (kind) {
    case 1:
      return { type: "stream", stream: entity };
    case 2:
      return { type: "video", video: entity };
    case 3:
      return { type: "video_delete", video: entity };
    case 4:
      return { type: "restream", restream: entity };
    default:
      return { type: "broadcast", broadcast: entity };
  }
};
