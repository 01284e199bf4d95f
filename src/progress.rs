//! Progress of a long run (indexing, pushing), reported as events: the library counts, the
//! binary decides whether and how to draw it (a bar on a terminal, nothing when piped).

/// How far a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// `done` of `total` units handled so far; `total` may grow as more work is found.
    Step {
        /// Units handled.
        done: u64,
        /// Units known to be there.
        total: u64,
    },
    /// The counted work is over (what follows is a commit): a display of it can go.
    Finished,
}
