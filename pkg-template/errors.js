// Error classes of gcore-streaming.
//
// Errors are created inside WebAssembly as plain `Error` objects with a stable `name` and `code`
// (plus `path`, `status`, … per kind); these classes make `instanceof` work on them, whichever
// entry (main, webhook, sandbox) threw them.

const isNamed = (value, names) =>
  value instanceof Error && typeof value.name === "string" && names.includes(value.name);

/** Base class of every error the SDK throws. */
export class StreamingError extends Error {
  static [Symbol.hasInstance](value) {
    return isNamed(value, ["StreamingError", "ApiError", "WebhookError"]);
  }
}

/** The platform answered with an HTTP error status. */
export class ApiError extends StreamingError {
  static [Symbol.hasInstance](value) {
    return isNamed(value, ["ApiError"]);
  }
}

/** A webhook was rejected by `parseWebhook`, `verifyWebhookSource` or the tracker. */
export class WebhookError extends StreamingError {
  static [Symbol.hasInstance](value) {
    return isNamed(value, ["WebhookError"]);
  }
}
