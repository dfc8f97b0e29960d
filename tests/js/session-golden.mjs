// LiveSession's golden traces for tests/js/cases/session.mjs, written by scripts/session-golden.mjs.
export default {
 "createFlow": {
  "trace": [
   {
    "label": "setup",
    "session": true
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "active": true
     },
     "broadcast": {
      "id": 192470,
      "status": "pending",
      "stream_ids": [
       320423
      ],
      "name": "b"
     },
     "status": "ready",
     "recording": false,
     "resumeRecording": false,
     "videos": []
    }
   },
   {
    "label": "goLive",
    "value": {
     "id": 192470,
     "status": "live"
    }
   },
   {
    "label": "startRecording",
    "value": {
     "data": {},
     "warnings": [
      {
       "key": "k"
      }
     ],
     "errors": []
    }
   },
   {
    "label": "pause",
    "value": {
     "id": 803111,
     "status": "pending"
    }
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "active": true
     },
     "broadcast": {
      "id": 192470,
      "status": "paused"
     },
     "status": "paused",
     "recording": false,
     "resumeRecording": true,
     "videos": [
      {
       "id": 803111,
       "status": "pending"
      }
     ]
    }
   },
   {
    "label": "resume",
    "value": {
     "warnings": [],
     "errors": []
    }
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "active": true
     },
     "broadcast": {
      "id": 192470,
      "status": "live"
     },
     "status": "live",
     "recording": true,
     "resumeRecording": false,
     "videos": [
      {
       "id": 803111,
       "status": "pending"
      }
     ]
    }
   },
   {
    "label": "stop",
    "value": [
     {
      "id": 803111,
      "status": "pending"
     },
     {
      "id": 803112,
      "status": "pending"
     }
    ]
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "active": false
     },
     "broadcast": {
      "id": 192470,
      "status": "finished"
     },
     "status": "stopped",
     "recording": false,
     "resumeRecording": false,
     "videos": [
      {
       "id": 803111,
       "status": "pending"
      },
      {
       "id": 803112,
       "status": "pending"
      }
     ]
    }
   },
   {
    "label": "wait",
    "value": {
     "id": 803112,
     "status": "ready",
     "hls_url": "u"
    }
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "active": false
     },
     "broadcast": {
      "id": 192470,
      "status": "finished"
     },
     "status": "stopped",
     "recording": false,
     "resumeRecording": false,
     "videos": [
      {
       "id": 803111,
       "status": "pending"
      },
      {
       "id": 803112,
       "status": "ready",
       "hls_url": "u"
      }
     ]
    }
   }
  ],
  "requests": [
   "POST /streaming/streams {\"name\":\"test_stream\",\"active\":false,\"transcoding_region\":\"ix1\"}",
   "POST /streaming/broadcasts {\"broadcast\":{\"name\":\"b\",\"status\":\"pending\",\"share_url\":\"x\",\"stream_ids\":[320423]}}",
   "PATCH /streaming/streams/320423 {\"stream\":{\"active\":true}}",
   "PATCH /streaming/broadcasts/192470 {\"broadcast\":{\"status\":\"live\"}}",
   "PUT /streaming/streams/320423/start_recording",
   "PATCH /streaming/broadcasts/192470 {\"broadcast\":{\"status\":\"paused\"}}",
   "PUT /streaming/streams/320423/stop_recording",
   "PATCH /streaming/broadcasts/192470 {\"broadcast\":{\"status\":\"live\"}}",
   "PUT /streaming/streams/320423/start_recording",
   "PUT /streaming/streams/320423/stop_recording",
   "PATCH /streaming/broadcasts/192470 {\"broadcast\":{\"status\":\"finished\"}}",
   "PATCH /streaming/streams/320423 {\"stream\":{\"active\":false}}",
   "DELETE /streaming/broadcasts/192470",
   "GET /streaming/videos/803112",
   "GET /streaming/videos/803112"
  ],
  "unused": 0
 },
 "reuseAndList": {
  "trace": [
   {
    "label": "setup reuse",
    "session": true
   },
   {
    "state": {
     "stream": {
      "id": 7,
      "active": true
     },
     "broadcast": {
      "id": 130,
      "name": "b",
      "stream_ids": [
       1,
       7
      ]
     },
     "status": "ready",
     "recording": false,
     "resumeRecording": false,
     "videos": []
    }
   },
   {
    "label": "setup reuse, region only",
    "session": true
   },
   {
    "state": {
     "stream": {
      "id": 9,
      "active": true
     },
     "broadcast": {
      "id": 50
     },
     "status": "ready",
     "recording": false,
     "resumeRecording": false,
     "videos": []
    }
   },
   {
    "label": "setup reuse, no settings, broadcast not found",
    "error": true,
    "name": "StreamingError",
    "message": "create_broadcast answered HTTP 200: the created broadcast was not returned nor listed; it has no id",
    "code": "invalid_response",
    "status": 200,
    "operation": "create_broadcast"
   }
  ],
  "requests": [
   "PATCH /streaming/streams/7 {\"stream\":{\"name\":\"n\",\"transcoding_region\":\"dt1\"}}",
   "POST /streaming/broadcasts {\"broadcast\":{\"name\":\"b\",\"status\":\"pending\",\"stream_ids\":[7]}}",
   "GET /streaming/broadcasts?page=1",
   "GET /streaming/broadcasts?page=2",
   "PATCH /streaming/streams/7 {\"stream\":{\"active\":true}}",
   "PATCH /streaming/streams/9 {\"stream\":{\"transcoding_region\":\"x\"}}",
   "POST /streaming/broadcasts {\"broadcast\":{\"name\":\"c\",\"status\":\"pending\",\"stream_ids\":[9]}}",
   "PATCH /streaming/streams/9 {\"stream\":{\"active\":true}}",
   "GET /streaming/streams/8",
   "POST /streaming/broadcasts {\"broadcast\":{\"name\":\"b\",\"status\":\"pending\",\"stream_ids\":[8]}}",
   "GET /streaming/broadcasts?page=1"
  ],
  "unused": 0
 },
 "setupErrors": {
  "trace": [
   {
    "label": "setup bad 0",
    "error": true,
    "name": "StreamingError",
    "message": ": must be an object",
    "code": "invalid_params",
    "path": ""
   },
   {
    "label": "setup bad 1",
    "error": true,
    "name": "StreamingError",
    "message": ": must be an object",
    "code": "invalid_params",
    "path": ""
   },
   {
    "label": "setup bad 2",
    "error": true,
    "name": "StreamingError",
    "message": ": must be an object",
    "code": "invalid_params",
    "path": ""
   },
   {
    "label": "setup bad 3",
    "error": true,
    "name": "StreamingError",
    "message": ": must be an object",
    "code": "invalid_params",
    "path": ""
   },
   {
    "label": "setup bad 4",
    "error": true,
    "name": "StreamingError",
    "message": "broadcast: is required",
    "code": "invalid_params",
    "path": "broadcast"
   },
   {
    "label": "setup bad 5",
    "error": true,
    "name": "StreamingError",
    "message": "broadcast.name: is required and must not be blank",
    "code": "invalid_params",
    "path": "broadcast.name"
   },
   {
    "label": "setup bad 6",
    "error": true,
    "name": "StreamingError",
    "message": "broadcast: is required",
    "code": "invalid_params",
    "path": "broadcast"
   },
   {
    "label": "setup bad 7",
    "error": true,
    "name": "StreamingError",
    "message": "broadcast.name: is required and must not be blank",
    "code": "invalid_params",
    "path": "broadcast.name"
   },
   {
    "label": "setup bad 8",
    "error": true,
    "name": "StreamingError",
    "message": "broadcast.name: is required and must not be blank",
    "code": "invalid_params",
    "path": "broadcast.name"
   },
   {
    "label": "setup bad 9",
    "error": true,
    "name": "StreamingError",
    "message": "stream: give the stream to create (with a name) or a streamId to reuse",
    "code": "invalid_params",
    "path": "stream"
   },
   {
    "label": "setup bad 10",
    "error": true,
    "name": "StreamingError",
    "message": "bogus: is not an option of LiveSession.setup",
    "code": "invalid_params",
    "path": "bogus"
   },
   {
    "label": "setup bad 11",
    "error": true,
    "name": "StreamingError",
    "message": "streamId: must be a non-negative integer",
    "code": "invalid_params",
    "path": "streamId"
   },
   {
    "label": "setup bad 12",
    "error": true,
    "name": "StreamingError",
    "message": "streamId: must be a non-negative integer",
    "code": "invalid_params",
    "path": "streamId"
   },
   {
    "label": "setup bad 13",
    "error": true,
    "name": "StreamingError",
    "message": "streamId: must be a non-negative integer",
    "code": "invalid_params",
    "path": "streamId"
   },
   {
    "label": "setup bad 14",
    "error": true,
    "name": "StreamingError",
    "message": "transcodingRegion: must be a string",
    "code": "invalid_params",
    "path": "transcodingRegion"
   },
   {
    "label": "setup bad 15",
    "error": true,
    "name": "StreamingError",
    "message": "update_stream failed: network error: no more answers",
    "code": "network",
    "operation": "update_stream"
   },
   {
    "label": "setup bad 16",
    "error": true,
    "name": "StreamingError",
    "message": "broadcast.name: invalid type: a number, expected a string",
    "code": "invalid_params",
    "path": "broadcast.name"
   },
   {
    "label": "setup bad 17",
    "error": true,
    "name": "StreamingError",
    "message": "stream.name: invalid type: a number, expected a string",
    "code": "invalid_params",
    "path": "stream.name"
   },
   {
    "label": "setup bad 18",
    "error": true,
    "name": "StreamingError",
    "message": "stream.dvr_duration: invalid type: a string, expected an integer from 0 to 4294967295",
    "code": "invalid_params",
    "path": "stream.dvr_duration"
   },
   {
    "label": "setup bad 19",
    "error": true,
    "name": "StreamingError",
    "message": "name: is required and must not be blank",
    "code": "invalid_params",
    "path": "name"
   },
   {
    "label": "setup bad 20",
    "error": true,
    "name": "StreamingError",
    "message": "stream: must be an object",
    "code": "invalid_params",
    "path": "stream"
   },
   {
    "label": "setup bad 21",
    "error": true,
    "name": "StreamingError",
    "message": "broadcast: must be an object",
    "code": "invalid_params",
    "path": "broadcast"
   },
   {
    "label": "setup bad 22",
    "error": true,
    "name": "StreamingError",
    "message": "params: is not JSON data",
    "code": "invalid_params",
    "path": "params"
   },
   {
    "label": "setup opts 5",
    "error": true,
    "name": "StreamingError",
    "message": "options: must be an object",
    "code": "invalid_params",
    "path": "options"
   },
   {
    "label": "setup opts ok 5",
    "error": true,
    "name": "StreamingError",
    "message": "options: must be an object",
    "code": "invalid_params",
    "path": "options"
   },
   {
    "label": "setup opts {\"timeoutMs\":-1}",
    "error": true,
    "name": "StreamingError",
    "message": "options.timeoutMs: must be a finite number >= 0",
    "code": "invalid_params",
    "path": "options.timeoutMs"
   },
   {
    "label": "setup opts ok {\"timeoutMs\":-1}",
    "error": true,
    "name": "StreamingError",
    "message": "options.timeoutMs: must be a finite number >= 0",
    "code": "invalid_params",
    "path": "options.timeoutMs"
   },
   {
    "label": "setup opts {\"maxRetries\":1.5}",
    "error": true,
    "name": "StreamingError",
    "message": "options.maxRetries: must be an integer from 0 to 100",
    "code": "invalid_params",
    "path": "options.maxRetries"
   },
   {
    "label": "setup opts ok {\"maxRetries\":1.5}",
    "error": true,
    "name": "StreamingError",
    "message": "options.maxRetries: must be an integer from 0 to 100",
    "code": "invalid_params",
    "path": "options.maxRetries"
   },
   {
    "label": "setup opts {\"signal\":{}}",
    "error": true,
    "name": "StreamingError",
    "message": "options.signal: must be an AbortSignal",
    "code": "invalid_params",
    "path": "options.signal"
   },
   {
    "label": "setup opts ok {\"signal\":{}}",
    "error": true,
    "name": "StreamingError",
    "message": "options.signal: must be an AbortSignal",
    "code": "invalid_params",
    "path": "options.signal"
   },
   {
    "label": "setup opts \"x\"",
    "error": true,
    "name": "StreamingError",
    "message": "options: must be an object",
    "code": "invalid_params",
    "path": "options"
   },
   {
    "label": "setup opts ok \"x\"",
    "error": true,
    "name": "StreamingError",
    "message": "options: must be an object",
    "code": "invalid_params",
    "path": "options"
   },
   {
    "label": "stream without id",
    "error": true,
    "name": "StreamingError",
    "message": "create_stream answered HTTP 200: the stream has no id",
    "code": "invalid_response",
    "status": 200,
    "operation": "create_stream"
   },
   {
    "label": "422",
    "error": true,
    "name": "ApiError",
    "message": "create_stream failed: HTTP 422 (validation_failed): name taken",
    "code": "validation_failed",
    "status": 422,
    "operation": "create_stream"
   },
   {
    "label": "not a client",
    "error": true,
    "name": "StreamingError",
    "message": "client: must be a StreamingClient",
    "code": "invalid_params",
    "path": "client"
   }
  ],
  "requests": [
   "PATCH /streaming/streams/9 {\"stream\":{\"name\":\"x\"}}",
   "POST /streaming/streams {\"name\":\"x\",\"active\":false}",
   "POST /streaming/streams {\"name\":\"x\",\"active\":false}"
  ],
  "unused": 0
 },
 "attachErrors": {
  "trace": [
   {
    "label": "attach 0",
    "error": true,
    "name": "StreamingError",
    "message": "state: must be an object",
    "code": "invalid_params",
    "path": "state"
   },
   {
    "label": "attach 1",
    "error": true,
    "name": "StreamingError",
    "message": "state: must be an object",
    "code": "invalid_params",
    "path": "state"
   },
   {
    "label": "attach 2",
    "error": true,
    "name": "StreamingError",
    "message": "state.stream: must be an object",
    "code": "invalid_params",
    "path": "state.stream"
   },
   {
    "label": "attach 3",
    "error": true,
    "name": "StreamingError",
    "message": "state.stream: must be an object",
    "code": "invalid_params",
    "path": "state.stream"
   },
   {
    "label": "attach 4",
    "error": true,
    "name": "StreamingError",
    "message": "state.stream.id: is required",
    "code": "invalid_params",
    "path": "state.stream.id"
   },
   {
    "label": "attach 5",
    "error": true,
    "name": "StreamingError",
    "message": "state.stream.id: must be a positive integer id",
    "code": "invalid_params",
    "path": "state.stream.id"
   },
   {
    "label": "attach 6",
    "error": true,
    "name": "StreamingError",
    "message": "state.stream.id: must be a positive integer id",
    "code": "invalid_params",
    "path": "state.stream.id"
   },
   {
    "label": "attach 7",
    "error": true,
    "name": "StreamingError",
    "message": "state.broadcast: must be an object",
    "code": "invalid_params",
    "path": "state.broadcast"
   },
   {
    "label": "attach 8",
    "error": true,
    "name": "StreamingError",
    "message": "state.broadcast: must be an object",
    "code": "invalid_params",
    "path": "state.broadcast"
   },
   {
    "label": "attach 9",
    "error": true,
    "name": "StreamingError",
    "message": "state.broadcast.id: must be a positive integer id",
    "code": "invalid_params",
    "path": "state.broadcast.id"
   },
   {
    "label": "attach 10",
    "session": true
   },
   {
    "state": {
     "stream": {
      "id": 1
     },
     "broadcast": {
      "id": null
     },
     "status": "ready",
     "recording": false,
     "resumeRecording": false,
     "videos": []
    }
   },
   {
    "label": "attach 11",
    "error": true,
    "name": "StreamingError",
    "message": "state.status: must be one of ready, live, paused, stopped",
    "code": "invalid_params",
    "path": "state.status"
   },
   {
    "label": "attach 12",
    "error": true,
    "name": "StreamingError",
    "message": "state.status: must be one of ready, live, paused, stopped",
    "code": "invalid_params",
    "path": "state.status"
   },
   {
    "label": "attach 13",
    "session": true
   },
   {
    "state": {
     "stream": {
      "id": 1
     },
     "broadcast": {},
     "status": "ready",
     "recording": false,
     "resumeRecording": false,
     "videos": []
    }
   },
   {
    "label": "attach 14",
    "error": true,
    "name": "StreamingError",
    "message": "state.videos: must be an array",
    "code": "invalid_params",
    "path": "state.videos"
   },
   {
    "label": "attach 15",
    "error": true,
    "name": "StreamingError",
    "message": "state.videos: must be an object",
    "code": "invalid_params",
    "path": "state.videos"
   },
   {
    "label": "attach 16",
    "error": true,
    "name": "StreamingError",
    "message": "state.videos.id: is required",
    "code": "invalid_params",
    "path": "state.videos.id"
   },
   {
    "label": "attach 17",
    "error": true,
    "name": "StreamingError",
    "message": "state.videos.id: must be a positive integer id",
    "code": "invalid_params",
    "path": "state.videos.id"
   },
   {
    "label": "attach 18",
    "error": true,
    "name": "StreamingError",
    "message": "state.recording: must be a boolean",
    "code": "invalid_params",
    "path": "state.recording"
   },
   {
    "label": "attach 19",
    "error": true,
    "name": "StreamingError",
    "message": "state.resumeRecording: must be a boolean",
    "code": "invalid_params",
    "path": "state.resumeRecording"
   },
   {
    "label": "attach 20",
    "error": true,
    "name": "StreamingError",
    "message": "state.videos: must be an array",
    "code": "invalid_params",
    "path": "state.videos"
   },
   {
    "label": "attach 21",
    "session": true
   },
   {
    "state": {
     "stream": {
      "id": 1,
      "x": [
       1,
       {
        "y": null
       }
      ]
     },
     "broadcast": {},
     "status": "ready",
     "recording": false,
     "resumeRecording": false,
     "videos": [
      {
       "id": 3,
       "a": "é"
      },
      {
       "id": 4
      }
     ]
    }
   }
  ],
  "requests": [],
  "unused": 0
 },
 "stageErrors": {
  "trace": [
   {
    "label": "goLive no broadcast id",
    "error": true,
    "name": "StreamingError",
    "message": "update_broadcast answered HTTP 200: the session's broadcast has no id",
    "code": "invalid_response",
    "status": 200,
    "operation": "update_broadcast"
   },
   {
    "label": "goLive 5",
    "error": true,
    "name": "StreamingError",
    "message": "options: must be an object",
    "code": "invalid_params",
    "path": "options"
   },
   {
    "label": "goLive bad timeout",
    "error": true,
    "name": "StreamingError",
    "message": "options.timeoutMs: must be a finite number >= 0",
    "code": "invalid_params",
    "path": "options.timeoutMs"
   },
   {
    "label": "pause bad",
    "error": true,
    "name": "StreamingError",
    "message": "options.stopRecording: must be a boolean",
    "code": "invalid_params",
    "path": "options.stopRecording"
   },
   {
    "label": "pause 5",
    "error": true,
    "name": "StreamingError",
    "message": "options: must be an object",
    "code": "invalid_params",
    "path": "options"
   },
   {
    "label": "resume bad",
    "error": true,
    "name": "StreamingError",
    "message": "options.maxRetries: must be a finite number >= 0",
    "code": "invalid_params",
    "path": "options.maxRetries"
   },
   {
    "label": "startRecording bad",
    "error": true,
    "name": "StreamingError",
    "message": "options.signal: must be an AbortSignal",
    "code": "invalid_params",
    "path": "options.signal"
   },
   {
    "label": "stop no broadcast id",
    "error": true,
    "name": "StreamingError",
    "message": "update_broadcast answered HTTP 200: the session's broadcast has no id",
    "code": "invalid_response",
    "status": 200,
    "operation": "update_broadcast"
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "name": "s"
     },
     "broadcast": {
      "name": "no id"
     },
     "status": "live",
     "recording": false,
     "resumeRecording": false,
     "videos": [
      {
       "id": 803111,
       "status": "pending"
      }
     ]
    }
   },
   {
    "label": "pause not recording",
    "value": null
   },
   {
    "label": "stop, nothing recorded",
    "value": []
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "active": false
     },
     "broadcast": {
      "id": 192470,
      "status": "finished"
     },
     "status": "stopped",
     "recording": false,
     "resumeRecording": false,
     "videos": []
    }
   },
   {
    "label": "goLive 500",
    "error": true,
    "name": "ApiError",
    "message": "update_broadcast failed: HTTP 500 (server_error): boom",
    "code": "server_error",
    "status": 500,
    "operation": "update_broadcast"
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "active": false
     },
     "broadcast": {
      "id": 192470,
      "status": "finished"
     },
     "status": "stopped",
     "recording": false,
     "resumeRecording": false,
     "videos": []
    }
   }
  ],
  "requests": [
   "PUT /streaming/streams/320423/stop_recording",
   "PATCH /streaming/broadcasts/192470 {\"broadcast\":{\"status\":\"paused\"}}",
   "PUT /streaming/streams/320423/stop_recording",
   "PATCH /streaming/broadcasts/192470 {\"broadcast\":{\"status\":\"finished\"}}",
   "PATCH /streaming/streams/320423 {\"stream\":{\"active\":false}}",
   "DELETE /streaming/broadcasts/192470",
   "PATCH /streaming/broadcasts/192470 {\"broadcast\":{\"status\":\"live\"}}"
  ],
  "unused": 0
 },
 "waits": {
  "trace": [
   {
    "label": "wait bad 5",
    "error": true,
    "name": "StreamingError",
    "message": "options: must be an object",
    "code": "invalid_params",
    "path": "options"
   },
   {
    "label": "wait bad \"x\"",
    "error": true,
    "name": "StreamingError",
    "message": "options: must be an object",
    "code": "invalid_params",
    "path": "options"
   },
   {
    "label": "wait bad {\"videoId\":0}",
    "error": true,
    "name": "StreamingError",
    "message": "options.videoId: must be a positive integer id",
    "code": "invalid_params",
    "path": "options.videoId"
   },
   {
    "label": "wait bad {\"videoId\":\"5\"}",
    "error": true,
    "name": "StreamingError",
    "message": "options.videoId: must be a positive integer id",
    "code": "invalid_params",
    "path": "options.videoId"
   },
   {
    "label": "wait bad {\"intervalMs\":-1}",
    "error": true,
    "name": "StreamingError",
    "message": "options.intervalMs: must be a finite number >= 0",
    "code": "invalid_params",
    "path": "options.intervalMs"
   },
   {
    "label": "wait bad {\"maxIntervalMs\":\"x\"}",
    "error": true,
    "name": "StreamingError",
    "message": "options.maxIntervalMs: must be a finite number >= 0",
    "code": "invalid_params",
    "path": "options.maxIntervalMs"
   },
   {
    "label": "wait bad {\"timeoutMs\":null}",
    "error": true,
    "name": "StreamingError",
    "message": "options.timeoutMs: must be a finite number >= 0",
    "code": "invalid_params",
    "path": "options.timeoutMs"
   },
   {
    "label": "wait bad {\"signal\":{}}",
    "error": true,
    "name": "StreamingError",
    "message": "options.signal: must be an AbortSignal",
    "code": "invalid_params",
    "path": "options.signal"
   },
   {
    "label": "wait bad {\"maxRetries\":2.5}",
    "error": true,
    "name": "StreamingError",
    "message": "options.maxRetries: must be an integer from 0 to 100",
    "code": "invalid_params",
    "path": "options.maxRetries"
   },
   {
    "label": "wait, no recording",
    "error": true,
    "name": "StreamingError",
    "message": "the session has no recording to wait for (pass videoId)",
    "code": "invalid_state",
    "operation": "<undefined>"
   },
   {
    "label": "wait, no recording, null",
    "error": true,
    "name": "StreamingError",
    "message": "the session has no recording to wait for (pass videoId)",
    "code": "invalid_state",
    "operation": "<undefined>"
   },
   {
    "label": "wait error",
    "error": true,
    "name": "StreamingError",
    "message": "video 5 failed to process: bad",
    "code": "video_failed",
    "video": {
     "id": 5,
     "status": "error",
     "error": "bad"
    }
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "name": "s"
     },
     "broadcast": {
      "id": 192470,
      "status": "live"
     },
     "status": "live",
     "recording": true,
     "resumeRecording": false,
     "videos": [
      {
       "id": 5,
       "status": "error",
       "error": "bad"
      }
     ]
    }
   },
   {
    "label": "wait error, other video",
    "error": true,
    "name": "StreamingError",
    "message": "video 6 failed to process: status error",
    "code": "video_failed",
    "video": {
     "id": 6,
     "status": "error",
     "error": 5
    }
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "name": "s"
     },
     "broadcast": {
      "id": 192470,
      "status": "live"
     },
     "status": "live",
     "recording": true,
     "resumeRecording": false,
     "videos": [
      {
       "id": 5,
       "status": "error",
       "error": "bad"
      }
     ]
    }
   },
   {
    "label": "wait timeout 0",
    "error": true,
    "name": "StreamingError",
    "message": "get_video timed out after 0 ms",
    "code": "timeout",
    "operation": "get_video"
   },
   {
    "label": "wait aborted",
    "error": true,
    "name": "StreamingError",
    "message": "get_video was aborted",
    "code": "aborted",
    "operation": "get_video"
   },
   {
    "label": "wait aborted while sleeping",
    "error": true,
    "name": "StreamingError",
    "message": "get_video was aborted",
    "code": "aborted",
    "operation": "get_video"
   },
   {
    "label": "notify other",
    "woke": false
   },
   {
    "label": "notify",
    "woke": true
   },
   {
    "label": "wait notified",
    "value": {
     "id": 5,
     "status": "ready"
    }
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "name": "s"
     },
     "broadcast": {
      "id": 192470,
      "status": "live"
     },
     "status": "live",
     "recording": true,
     "resumeRecording": false,
     "videos": [
      {
       "id": 5,
       "status": "ready"
      }
     ]
    }
   },
   {
    "label": "notify idle",
    "woke": false
   },
   {
    "label": "notify bad \"x\"",
    "error": true,
    "name": "StreamingError",
    "message": "video: must be a positive integer id",
    "code": "invalid_params",
    "path": "video"
   },
   {
    "label": "notify bad {\"id\":0}",
    "error": true,
    "name": "StreamingError",
    "message": "video.id: must be a positive integer id",
    "code": "invalid_params",
    "path": "video.id"
   },
   {
    "label": "notify bad {}",
    "error": true,
    "name": "StreamingError",
    "message": "video: must be a positive integer id",
    "code": "invalid_params",
    "path": "video"
   },
   {
    "label": "notify bad null",
    "error": true,
    "name": "StreamingError",
    "message": "video: must be a positive integer id",
    "code": "invalid_params",
    "path": "video"
   },
   {
    "label": "notify bad 1.5",
    "error": true,
    "name": "StreamingError",
    "message": "video: must be a positive integer id",
    "code": "invalid_params",
    "path": "video"
   }
  ],
  "requests": [
   "GET /streaming/videos/5",
   "GET /streaming/videos/6",
   "GET /streaming/videos/5",
   "GET /streaming/videos/5",
   "GET /streaming/videos/5",
   "GET /streaming/videos/5"
  ],
  "unused": 0
 },
 "performs": {
  "trace": [
   {
    "label": "stop_recording ours",
    "value": {
     "id": 2,
     "status": "pending"
    }
   },
   {
    "label": "stop_recording other",
    "value": {
     "id": 3,
     "status": "pending"
    }
   },
   {
    "label": "start_recording ours",
    "value": {
     "data": {},
     "warnings": [],
     "errors": []
    }
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "name": "s"
     },
     "broadcast": {
      "id": 192470,
      "status": "live"
     },
     "status": "live",
     "recording": true,
     "resumeRecording": false,
     "videos": [
      {
       "id": 1
      },
      {
       "id": 2,
       "status": "pending"
      }
     ]
    }
   },
   {
    "label": "get_stream ours",
    "value": {
     "id": 320423,
     "name": "renamed"
    }
   },
   {
    "label": "update_broadcast ours",
    "value": {
     "id": 192470,
     "status": "paused"
    }
   },
   {
    "label": "get_broadcast other",
    "value": {
     "id": 999,
     "status": "live"
    }
   },
   {
    "label": "update_stream",
    "value": {
     "id": 320423,
     "active": false
    }
   },
   {
    "label": "delete_video",
    "value": "<undefined>"
   },
   {
    "label": "stop_recording nothing",
    "value": null
   },
   {
    "state": {
     "stream": {
      "id": 320423,
      "active": false
     },
     "broadcast": {
      "id": 192470,
      "status": "paused"
     },
     "status": "paused",
     "recording": false,
     "resumeRecording": false,
     "videos": [
      {
       "id": 1
      },
      {
       "id": 2,
       "status": "pending"
      }
     ]
    }
   },
   {
    "label": "perform bad 5",
    "error": true,
    "name": "StreamingError",
    "message": "action: must be an object",
    "code": "invalid_params",
    "path": "action"
   },
   {
    "label": "perform bad null",
    "error": true,
    "name": "StreamingError",
    "message": "action: must be an object",
    "code": "invalid_params",
    "path": "action"
   },
   {
    "label": "perform bad {}",
    "error": true,
    "name": "StreamingError",
    "message": "action.operation: must be an API operation's name",
    "code": "invalid_params",
    "path": "action.operation"
   },
   {
    "label": "perform bad {\"operation\":\"nope\",\"reason\":\"x\"}",
    "error": true,
    "name": "StreamingError",
    "message": "action.operation: must be an API operation's name",
    "code": "invalid_params",
    "path": "action.operation"
   },
   {
    "label": "perform bad {\"operation\":\"get_video\"}",
    "error": true,
    "name": "StreamingError",
    "message": "action.reason: is required",
    "code": "invalid_params",
    "path": "action.reason"
   },
   {
    "label": "perform bad {\"reason\":\"r\",\"operation\":\"delete_broadcast\"}",
    "error": true,
    "name": "StreamingError",
    "message": "broadcast_id: is required for delete_broadcast",
    "code": "invalid_params",
    "path": "broadcast_id"
   },
   {
    "label": "perform bad {\"reason\":\"r\",\"operation\":\"get_video\"}",
    "error": true,
    "name": "StreamingError",
    "message": "video_id: is required for get_video",
    "code": "invalid_params",
    "path": "video_id"
   },
   {
    "label": "perform bad {\"reason\":\"r\",\"operation\":\"get_stream\"}",
    "error": true,
    "name": "StreamingError",
    "message": "stream_id: is required for get_stream",
    "code": "invalid_params",
    "path": "stream_id"
   },
   {
    "label": "perform bad {\"reason\":\"r\",\"operation\":\"get_stream\",\"stream_id\":-1}",
    "error": true,
    "name": "StreamingError",
    "message": "action.stream_id: must be a non-negative integer",
    "code": "invalid_params",
    "path": "action.stream_id"
   },
   {
    "label": "perform bad {\"reason\":\"r\",\"operation\":\"get_stream\",\"stream_id\":1,\"step\":300}",
    "error": true,
    "name": "StreamingError",
    "message": "action.step: must be a non-negative integer",
    "code": "invalid_params",
    "path": "action.step"
   },
   {
    "label": "perform bad {\"reason\":\"r\",\"operation\":\"list_streams\"}",
    "error": true,
    "name": "StreamingError",
    "message": "list_streams failed: network error: no more answers",
    "code": "network",
    "operation": "list_streams"
   },
   {
    "label": "perform bad options",
    "error": true,
    "name": "StreamingError",
    "message": "options.timeoutMs: must be a finite number >= 0",
    "code": "invalid_params",
    "path": "options.timeoutMs"
   },
   {
    "label": "perform bad action and options",
    "error": true,
    "name": "StreamingError",
    "message": "action.reason: is required",
    "code": "invalid_params",
    "path": "action.reason"
   }
  ],
  "requests": [
   "PUT /streaming/streams/320423/stop_recording",
   "PUT /streaming/streams/1/stop_recording",
   "PUT /streaming/streams/320423/start_recording",
   "GET /streaming/streams/320423",
   "PATCH /streaming/broadcasts/192470 {\"broadcast\":{\"status\":\"paused\"}}",
   "GET /streaming/broadcasts/999",
   "PATCH /streaming/streams/320423 {\"stream\":{\"active\":false}}",
   "DELETE /streaming/videos/3",
   "PUT /streaming/streams/320423/stop_recording",
   "GET /streaming/streams"
  ],
  "unused": 0
 }
};
