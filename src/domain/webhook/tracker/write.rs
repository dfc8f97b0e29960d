//! The results as JSON text (their `Serialize` forms), through `json::Sink` (text or tape).

use super::*;

impl StreamView {
    /// Appends the view as JSON (its `Serialize` form), with `"kind":"stream"` first when `tagged`.
    pub fn write_json(&self, out: &mut dyn json::Sink, tagged: bool) {
        let mut o = ObjWriter::new(out);
        if tagged {
            o.sym("kind", "stream");
        }
        self.state.write_fields(&mut o);
        o.sym("stage", self.stage.as_str());
        o.bool("playback_ready", self.playback_ready);
        o.u64s("broadcast_ids", self.broadcast_ids.iter().map(|b| b.0));
        o.u64s("recordings", self.recordings.iter().map(|v| v.0));
        o.end();
    }
}

impl EntityView {
    /// Appends the entity as JSON (its `Serialize` form: `{"kind": …, …}`).
    pub fn write_json(&self, out: &mut dyn json::Sink) {
        if let Self::Stream(s) = self {
            return s.write_json(out, true);
        }
        let mut o = ObjWriter::new(out);
        match self {
            Self::Stream(_) => {}
            Self::Broadcast(b) => {
                o.sym("kind", "broadcast");
                b.write_fields(&mut o);
            }
            Self::Video(v) => {
                o.sym("kind", "video");
                v.write_fields(&mut o);
            }
            Self::Restream(r) => {
                o.sym("kind", "restream");
                r.write_fields(&mut o);
            }
        }
        o.end();
    }
}

impl ApplyResult {
    /// The result as JSON text (its `Serialize` form).
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(512);
        self.write(&mut out);
        out
    }

    /// Writes the result (its `Serialize` form) into `out`.
    pub fn write(&self, out: &mut dyn json::Sink) {
        let mut o = ObjWriter::new(out);
        o.sym("outcome", self.outcome.as_str());
        self.write_entity(o.key("entity"));
        self.write_changes(o.key("changes"));
        match self.stage {
            Some(s) => o.sym("stage", s.as_str()),
            None => o.key("stage").null(),
        }
        self.write_actions(o.key("actions"));
        o.end();
    }

    /// Writes `entity` (or `null`).
    pub fn write_entity(&self, out: &mut dyn json::Sink) {
        match &self.entity {
            Some(e) => e.write_json(out),
            None => out.null(),
        }
    }

    /// Writes `changes`.
    pub fn write_changes(&self, w: &mut dyn json::Sink) {
        w.open(true);
        for c in &self.changes {
            let mut co = ObjWriter::new(w);
            co.sym("field", c.field);
            c.from.write_json(co.key("from"));
            c.to.write_json(co.key("to"));
            co.end();
        }
        w.close(true);
    }

    /// Writes `actions`.
    pub fn write_actions(&self, w: &mut dyn json::Sink) {
        w.open(true);
        for a in &self.actions {
            a.write_json(w);
        }
        w.close(true);
    }
}
