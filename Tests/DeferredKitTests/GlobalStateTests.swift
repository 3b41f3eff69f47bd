import Testing

/// Tests that install process-wide hooks (the observer, the unhandled-error handler) run one at a
/// time: every suite nested here is serialized with the others.
@Suite(.serialized) enum GlobalStateTests {}
