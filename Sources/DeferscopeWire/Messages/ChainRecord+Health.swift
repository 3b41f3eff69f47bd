import DeferredKit

extension ChainRecord {
    /// Its current result is a failure that no step left on it handles and no other chain took
    /// over: released now, it would be reported as "Unhandled error in Deferred".
    public var hasUnhandledFailure: Bool {
        guard phase == .failed, !failureTaken, !isRunning, omittedPendingSteps == 0 else { return false }
        // An unknown (newer) step kind might handle it: not counted as unhandled.
        return !pendingSteps.contains { StepKind(rawValue: $0.kindRawValue)?.handlesFailures ?? true }
    }
}
